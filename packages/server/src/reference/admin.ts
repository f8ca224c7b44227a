// The emulator's admin routes, for a partner's own tests: outside the AWS protocol, on the
// same port, under /_emulator/. They sit in front of the generated awsJson handler, which
// never sees these paths (and answers any path but '/' with 404 anyway).
//
//   GET  /_emulator/jobs        every job, oldest first, with its state and history
//   POST /_emulator/jobs        create jobs: one entry, or an array, as in a jobs file
//   GET  /_emulator/jobs/{id}   one job, by its ID or its label
//
// Answers are JSON; refusals are { "message": ... } with 400, 404, 405 or 409.
import type { HttpRequest, HttpResponse, ServiceHandler } from "../runtime/http.js";
import type { Emulator } from "./emulator.js";
import { JobEntryError } from "./jobs.js";

export const ADMIN_PREFIX = "/_emulator";

/** `service` with the admin routes in front of it. */
export function withAdminRoutes(emulator: Emulator, service: ServiceHandler): ServiceHandler {
  const handle = async (request: HttpRequest): Promise<HttpResponse> => {
    if (request.path !== ADMIN_PREFIX && !request.path.startsWith(`${ADMIN_PREFIX}/`)) return service(request);
    try {
      return answer(emulator, request);
    } catch (error) {
      if (error instanceof JobEntryError) return json(error.conflict ? 409 : 400, { message: error.message });
      return json(500, { message: (error as Error).message });
    }
  };
  return Object.assign(handle, { protocol: service.protocol });
}

const JOBS = `${ADMIN_PREFIX}/jobs`;
const ONE_JOB = /^\/_emulator\/jobs\/([^/]+)$/;

function answer(emulator: Emulator, request: HttpRequest): HttpResponse {
  const { method, path } = request;
  if (path === JOBS) {
    if (method === "GET") return json(200, { jobs: emulator.jobs() });
    if (method === "POST") {
      const body = parseBody(request.body);
      return json(201, { jobs: emulator.createJobs(Array.isArray(body) ? body : [body], "the request body", "created by POST /_emulator/jobs") });
    }
    return json(405, { message: `${method} is not allowed on ${JOBS}; use GET or POST.` }, { allow: "GET, POST" });
  }
  const match = ONE_JOB.exec(path);
  if (match) {
    if (method !== "GET") return json(405, { message: `${method} is not allowed on ${path}; use GET.` }, { allow: "GET" });
    let id: string;
    try {
      id = decodeURIComponent(match[1]!);
    } catch {
      return json(400, { message: `The job ID in ${path} is not valid percent-encoding.` });
    }
    const job = emulator.job(id);
    return job ? json(200, job) : json(404, { message: `No job with ID or label ${id} exists.` });
  }
  return json(404, { message: `No admin route ${path}: there are GET and POST ${JOBS}, and GET ${JOBS}/{id}.` });
}

function parseBody(body: Uint8Array | string): unknown {
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JobEntryError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: `${JSON.stringify(value, null, 2)}\n` };
}
