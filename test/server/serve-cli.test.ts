// `npm run serve`'s command line: credentials from a flag (split at the first colon), the
// environment or a file; a request log on stderr that --quiet silences; bad flags answered
// with one line and the usage, no stack.
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRequestLog, parseCredential, parseCredentialsFile, parseServeOptions, UsageError } from "../../packages/server/src/reference/serve-options.js";
import { scratchDir } from "../support/repo.js";
import { eventually, startServe, type ServeProcess } from "../support/serve-process.js";

let scratch: { dir: string; remove: () => Promise<void> };
let jobsFile: string;
beforeAll(async () => {
  scratch = await scratchDir("serve-cli");
  jobsFile = path.join(scratch.dir, "jobs.json");
  await writeFile(jobsFile, JSON.stringify([{ id: "job-1", clientToken: "tok-1", status: "InProgress" }]));
});
afterAll(() => scratch.remove());

const running: ServeProcess[] = [];
afterAll(() => Promise.all(running.map((serve) => serve.stop())));

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const started = await startServe(args, { env });
  running.push(started);
  return started;
}

/** The status and error name a call signed with this key gets (the job is unknown: 400 when let in). */
async function callWith(url: string, accessKeyId: string, secretAccessKey: string): Promise<[number | undefined, string]> {
  const client = createCodePipelineClient({ endpoint: url, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
  const error = (await putThirdPartyJobSuccessResult(client, { jobId: "no-such-job", clientToken: "t" }).catch((failure: unknown) => failure)) as {
    name: string;
    $metadata?: { httpStatusCode?: number };
  };
  return [error.$metadata?.httpStatusCode, error.name];
}

const LET_IN: [number, string] = [400, "JobNotFoundException"];
const BAD_SIGNATURE: [number, string] = [403, "InvalidSignatureException"];
const UNKNOWN_KEY: [number, string] = [403, "UnrecognizedClientException"];

describe("credentials", () => {
  it("--credentials splits at the first colon: the secret keeps the rest", async () => {
    const server = await serve(["--port", "0", "--credentials", "AKIDCOLON:sec:ret"]);
    expect(await callWith(server.url!, "AKIDCOLON", "sec:ret")).toEqual(LET_IN);
    expect(await callWith(server.url!, "AKIDCOLON", "sec")).toEqual(BAD_SIGNATURE);
    expect(server.stderr()).toMatch(/note: --credentials shows the secret to anyone who can list processes/);
  });

  it("CODEPIPELINE_PARTNER_CREDENTIALS, with no flag", async () => {
    const server = await serve(["--port", "0"], { CODEPIPELINE_PARTNER_CREDENTIALS: "AKIDENV:a:b:c" });
    expect(await callWith(server.url!, "AKIDENV", "a:b:c")).toEqual(LET_IN);
    expect(await callWith(server.url!, "AKIDOTHER", "a:b:c")).toEqual(UNKNOWN_KEY);
    expect(server.stderr()).toMatch(/verifying SigV4 signatures for AKIDENV \(from CODEPIPELINE_PARTNER_CREDENTIALS\)/);
    expect(server.stderr()).not.toMatch(/a:b:c/);
  });

  it("--credentials-from-env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", async () => {
    const server = await serve(["--port", "0", "--credentials-from-env"], { AWS_ACCESS_KEY_ID: "AKIDAWS", AWS_SECRET_ACCESS_KEY: "aws/secret:1" });
    expect(await callWith(server.url!, "AKIDAWS", "aws/secret:1")).toEqual(LET_IN);
  });

  it("AWS_* variables alone turn nothing on", async () => {
    const server = await serve(["--port", "0"], { AWS_ACCESS_KEY_ID: "AKIDAWS", AWS_SECRET_ACCESS_KEY: "aws-secret" });
    expect(await callWith(server.url!, "ANYONE", "anything")).toEqual(LET_IN);
    expect(server.stderr()).toMatch(/not verifying signatures/);
  });

  it("--credentials-file: one key per line, comments and blank lines skipped", async () => {
    const file = path.join(scratch.dir, "credentials");
    await writeFile(file, "# partner keys\r\nAKIDONE:first:secret\r\n\r\nAKIDTWO:second\n");
    const server = await serve(["--port", "0", "--credentials-file", file]);
    expect(await callWith(server.url!, "AKIDONE", "first:secret")).toEqual(LET_IN);
    expect(await callWith(server.url!, "AKIDTWO", "second")).toEqual(LET_IN);
    expect(await callWith(server.url!, "AKIDTWO", "first:secret")).toEqual(BAD_SIGNATURE);
  });

  it("parses by the same rules without a server", () => {
    expect(parseCredential("AKID:sec:ret", "x")).toEqual({ accessKeyId: "AKID", secretAccessKey: "sec:ret" });
    expect(() => parseCredential("AKID", "--credentials")).toThrow(/--credentials must be ACCESS_KEY_ID:SECRET/);
    expect(() => parseCredential(":secret", "x")).toThrow(UsageError);
    expect(() => parseCredential("AKID:", "x")).toThrow(UsageError);
    expect(() => parseCredentialsFile("# nothing\n", "f")).toThrow(/holds no ACCESS_KEY_ID:SECRET line/);
    expect(() => parseCredentialsFile("A:1\nA:2\n", "f")).toThrow(/f, line 2: access key A appears twice/);
    expect(() => parseCredentialsFile("A:1\nnocolon\n", "f")).toThrow(/f, line 2 must be ACCESS_KEY_ID:SECRET/);
  });

  it("flags win over CODEPIPELINE_PARTNER_CREDENTIALS; two flags are refused", async () => {
    const env = { CODEPIPELINE_PARTNER_CREDENTIALS: "AKIDENV:x" };
    expect((await parseServeOptions(["--credentials", "AKIDFLAG:y"], env)).credentials).toEqual([{ accessKeyId: "AKIDFLAG", secretAccessKey: "y" }]);
    await expect(parseServeOptions(["--credentials", "A:b", "--credentials-from-env"], env)).rejects.toThrow(/Give one of/);
  });
});

describe("the request log", () => {
  it("prints method, operation, status, milliseconds and request ID per request on stderr", async () => {
    const server = await serve(["--port", "0", "--jobs", jobsFile]);
    const client = createCodePipelineClient({ endpoint: server.url!, credentials: { accessKeyId: "A", secretAccessKey: "S" }, maxAttempts: 1 });
    const ok = await putThirdPartyJobSuccessResult(client, { jobId: "job-1", clientToken: "tok-1" });
    const failed = (await putThirdPartyJobSuccessResult(client, { jobId: "job-1", clientToken: "tok-1" }).catch((error: unknown) => error)) as { $metadata: { requestId: string } };
    await fetch(server.url!, { method: "GET" });
    const lines = () => server.stderr().split("\n").filter((line) => /^(POST|GET) /.test(line));
    expect(await eventually(() => lines().length === 3)).toBe(true);
    expect(lines()).toEqual([
      expect.stringMatching(new RegExp(`^POST PutThirdPartyJobSuccessResult 200 \\d+ms ${ok.$metadata.requestId}$`)),
      expect.stringMatching(new RegExp(`^POST PutThirdPartyJobSuccessResult 400 \\d+ms ${failed.$metadata.requestId}$`)),
      expect.stringMatching(/^GET - 405 \d+ms [0-9a-f-]{36}$/),
    ]);
  });

  it("--quiet silences it", async () => {
    const server = await serve(["--port", "0", "--quiet"]);
    await fetch(server.url!, { method: "GET" });
    await fetch(server.url!, { method: "GET" });
    expect(server.stderr()).toBe("");
  });

  it("escapes what the client sent, so one request stays one line", () => {
    const line = formatRequestLog({ method: "POST", target: "X.Op eration\u001b[31m", status: 400, durationMs: 1.6, requestId: "r", aborted: false });
    expect(line).toBe('POST "Op eration\\u001b[31m" 400 2ms r');
    expect(formatRequestLog({ method: "POST", target: undefined, status: 413, durationMs: 0, requestId: undefined, aborted: true })).toBe("POST - 413(aborted) 0ms -");
  });
});

describe("bad flags", () => {
  it.each([
    ["an unknown flag", ["--bogus"], /^error: Unknown option '--bogus'/],
    ["a port that is not a number", ["--port", "eighty"], /^error: --port must be a port number from 0 to 65535, not "eighty"\.$/],
    ["a port out of range", ["--port", "70000"], /^error: --port must be a port number/],
    ["credentials with no colon", ["--credentials", "AKIDONLY"], /^error: --credentials must be ACCESS_KEY_ID:SECRET\.$/],
    ["two sources of credentials", ["--credentials", "A:b", "--credentials-file", "f"], /^error: Give one of --credentials, --credentials-file and --credentials-from-env/],
    ["a credentials file that does not exist", ["--credentials-file", "/nonexistent/credentials"], /^error: Cannot read the credentials file \/nonexistent\/credentials: ENOENT/],
    ["--credentials-from-env without the variables", ["--credentials-from-env"], /^error: --credentials-from-env needs both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
    ["a stray argument", ["8080"], /^error: Unexpected argument '8080'/],
  ])("%s: one clear line, then the usage, exit 2", async (_, args, message) => {
    const server = await serve(args);
    expect(await server.exited).toBe(2);
    const [first, ...rest] = server.stderr().trimEnd().split("\n");
    expect(first).toMatch(message);
    expect(rest[0]).toMatch(/^usage: codepipeline-partner-emulator \[--port N\] /);
    expect(server.stderr()).not.toMatch(/^\s+at /m); // no stack
  });

  it("says when npm took a flag for itself (npm run serve --credentials X, without --)", async () => {
    // What npm does then: the flag becomes npm_config_credentials=true, the value an argument.
    await expect(parseServeOptions(["AKID:sec:ret"], { npm_config_credentials: "true" })).rejects.toThrow(
      "Unexpected argument 'AKID:sec:ret'. This command does not take positional arguments (npm took --credentials for itself: put -- before the server's flags)",
    );
  });

  it("--help prints the usage and exits 0", async () => {
    const server = await serve(["--help"]);
    expect(await server.exited).toBe(0);
  });
});
