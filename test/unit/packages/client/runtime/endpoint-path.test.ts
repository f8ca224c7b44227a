// An endpoint with a path (an API gateway stage, a reverse proxy's prefix) keeps it:
// requests go to that path and SigV4 signs it, so a verifier that sees the same path agrees.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodePipelineClient } from "../../../../../packages/client/src/index.js";
import { verifySigV4 } from "../../../../../packages/server/src/runtime/auth.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const seen: Array<{ path: string; verified: boolean }> = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks);
      const path = request.url!.split("?")[0]!;
      const verified = await verifySigV4({ method: request.method!, path, headers: request.headers as Record<string, string>, body }, body, "codepipeline", { secretFor: () => credentials.secretAccessKey }).then(
        () => true,
        () => false,
      );
      seen.push({ path, verified });
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("an endpoint with a path", () => {
  it.each([
    ["no path", "", "/"],
    ["a stage", "/prod", "/prod"],
    ["a trailing slash", "/prod/", "/prod/"],
    ["nested, with characters that need encoding", "/v1/a b/ü", "/v1/a%20b/%C3%BC"],
  ])("%s: requests go to it and the signature covers it", async (_name, suffix, path) => {
    const client = new CodePipelineClient({ endpoint: `${base}${suffix}`, region: "us-east-1", credentials, maxAttempts: 1 });
    await client.putThirdPartyJobSuccessResult({ jobId: "j", clientToken: "t" });
    expect(seen.at(-1)).toEqual({ path, verified: true });
  });

  it("a query string in the endpoint is not sent", async () => {
    const client = new CodePipelineClient({ endpoint: `${base}/prod?debug=1`, region: "us-east-1", credentials, maxAttempts: 1 });
    await client.putThirdPartyJobSuccessResult({ jobId: "j", clientToken: "t" });
    expect(seen.at(-1)).toEqual({ path: "/prod", verified: true });
  });
});
