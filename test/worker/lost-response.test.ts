// A report whose answer is lost: the emulator on 127.0.0.1 takes the worker's
// PutThirdPartyJobSuccessResult, and the connection then breaks before the worker reads
// the answer (a fetch wrapper drops it). The client sends the call again, as it does after
// any network failure, and the emulator answers InvalidJobStateException: the job is
// Succeeded already. The worker must say the job was probably reported, not that it was
// lost; a job that really timed out before its report must still be told apart, and a
// report with no answer at all, or a 2xx whose body broke, says what is known of it.
import { CodePipelineClient } from "@codepipeline-partner/client";
import { listen, type HttpRequest, type RunningServer } from "@codepipeline-partner/server";
import { createEmulator, ManualClock, type JobEntry } from "@codepipeline-partner/server/reference";
import type { ActionTypeId } from "@codepipeline-partner/types";
import { createJobWorker, type JobWorkerOptions } from "@codepipeline-partner/worker";
import { afterEach, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/sdk.js";

const ACTION_TYPE: ActionTypeId = { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "1" };

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The emulator on 127.0.0.1, each result call recorded as the server answered it; a client whose fetch goes through `wrap`. */
async function serve(jobs: JobEntry[], wrap: (send: () => Promise<Response>, target: string) => Promise<Response>, clock?: ManualClock) {
  const emulator = createEmulator({ jobs, ...(clock ? { clock } : {}) });
  const service = emulator.handler({
    authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
  });
  const answered: string[] = [];
  const recording = Object.assign(
    async (request: HttpRequest) => {
      const response = await service(request);
      const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      if (operation.startsWith("PutThirdPartyJob")) answered.push(`${operation} -> ${response.status}${response.status === 200 ? "" : ` ${response.headers["x-amzn-errortype"]}`}`);
      return response;
    },
    { protocol: service.protocol },
  );
  server = await listen(recording);
  const client = new CodePipelineClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    retryBaseDelayMs: 1,
    maxRetryDelayMs: 5,
    fetch: (url, init) => wrap(() => fetch(url, init), new Headers(init.headers).get("x-amz-target") ?? ""),
  });
  return { emulator, client, answered };
}

function start(client: CodePipelineClient, options: Partial<JobWorkerOptions> = {}) {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  const worker = createJobWorker({
    client,
    actionTypeId: ACTION_TYPE,
    clientToken: "token-1",
    handle: () => ({ outcome: "success", executionDetails: { summary: "Deployed", percentComplete: 100 } }),
    pollBackoff: { baseDelayMs: 5, maxDelayMs: 20 },
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    ...options,
  });
  return { worker, lines };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

it("a report taken by the service whose answer was lost: logged as probably reported, not as lost", async () => {
  let dropped = 0;
  const { emulator, client, answered } = await serve([{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }], async (send, target) => {
    const response = await send();
    if (target.endsWith(".PutThirdPartyJobSuccessResult") && response.status === 200 && dropped++ === 0) {
      // The service has taken the result; the connection breaks before its answer is read.
      await response.body?.cancel();
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    }
    return response;
  });
  const { worker, lines } = start(client);
  // The server's second answer reaches the log a moment later.
  await until(() => answered.length === 2 && lines.some((line) => line.level === "info" && line.message.startsWith("job ")));
  await worker.stop();

  const job = emulator.job("job-1")!;
  expect(answered).toEqual(["PutThirdPartyJobSuccessResult -> 200", "PutThirdPartyJobSuccessResult -> 400 InvalidJobStateException"]);
  expect(job.status).toBe("Succeeded");
  expect(job.result).toEqual({ executionDetails: { summary: "Deployed", percentComplete: 100 } });
  expect(lines.filter((line) => line.level !== "debug" && !line.message.startsWith("stopping:"))).toEqual([
    {
      level: "info",
      message: `job ${job.id}: PutThirdPartyJobSuccessResult failed after 2 attempts (InvalidJobStateException: Job ${job.id} is Succeeded; only an InProgress job can succeed.): an earlier attempt probably reported the job, and its answer was lost`,
    },
  ]);
});

it("a job that timed out before its report: still a warning that it is not reported", async () => {
  const clock = new ManualClock();
  const { emulator, client, answered } = await serve([{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }], (send) => send(), clock);
  const { worker, lines } = start(client, {
    handle() {
      clock.advance(2 * 60 * 60_000); // past the emulator's hour for a running job
      return { outcome: "success" };
    },
  });
  await until(() => answered.length === 1 && lines.some((line) => line.level === "warn"));
  await worker.stop();
  const job = emulator.job("job-1")!;
  expect(job.status).toBe("TimedOut");
  expect(answered).toEqual(["PutThirdPartyJobSuccessResult -> 400 InvalidJobStateException"]);
  expect(lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([
    {
      level: "warn",
      message: `job ${job.id}: PutThirdPartyJobSuccessResult failed (InvalidJobStateException: Job ${job.id} is TimedOut; only an InProgress job can succeed.): the job timed out or another worker reported it; the job is not reported`,
    },
  ]);
});

it("a report that never got an answer: an error saying it may or may not have been taken", async () => {
  const { emulator, client, answered } = await serve([{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }], async (send, target) => {
    // Every attempt at the report breaks before it reaches the service.
    if (target.endsWith(".PutThirdPartyJobSuccessResult")) throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    return send();
  });
  const { worker, lines } = start(client);
  await until(() => lines.some((line) => line.level === "error"));
  await worker.stop();
  const job = emulator.job("job-1")!;
  expect(answered).toEqual([]);
  expect(job.status).toBe("InProgress");
  expect(lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([
    {
      level: "error",
      message: expect.stringMatching(
        new RegExp(`^job ${job.id}: PutThirdPartyJobSuccessResult failed after 3 attempts \\(NetworkError: PutThirdPartyJobSuccessResult: the request to .* failed: .*\\): no answer, so the job may or may not be reported; if not, it will time out$`),
      ),
    },
  ]);
});

it("a report answered 2xx whose body broke off: a warning that the job is probably reported, and no second attempt", async () => {
  const { emulator, client, answered } = await serve([{ id: "job-1", clientToken: "token-1", actionTypeId: ACTION_TYPE }], async (send, target) => {
    const response = await send();
    if (!target.endsWith(".PutThirdPartyJobSuccessResult")) return response;
    await response.body?.cancel();
    // The status arrived; the body breaks before its end.
    const broken = new ReadableStream({ start: (controller) => controller.error(new Error("socket hang up")) });
    return new Response(broken, { status: response.status, headers: response.headers });
  });
  const { worker, lines } = start(client);
  await until(() => lines.some((line) => line.level === "warn"));
  await worker.stop();
  const job = emulator.job("job-1")!;
  expect(job.status).toBe("Succeeded");
  expect(answered).toEqual(["PutThirdPartyJobSuccessResult -> 200"]);
  expect(lines.filter((line) => line.level === "warn" || line.level === "error")).toEqual([
    {
      level: "warn",
      message: expect.stringMatching(new RegExp(`^job ${job.id}: PutThirdPartyJobSuccessResult failed \\(ResponseBodyError: .*\\): the service answered 2xx, so the job is probably reported$`)),
    },
  ]);
});
