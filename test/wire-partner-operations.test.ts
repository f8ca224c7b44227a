// All five partner-action operations on the wire, with the official
// @aws-sdk/client-codepipeline as the peer:
//  - requests: the same input sent by the SDK and by our generated client gives the same
//    method, path, content type, X-Amz-Target and body bytes (and, with the same clock
//    and credentials, the same signed date and payload hash);
//  - responses: the SDK calling our generated server gets each operation's output as it
//    expects it, and each of the operation's modeled errors as its own error class.
import * as sdk from "@aws-sdk/client-codepipeline";
import { createCodePipelineClient } from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, listen, type CodePipelineService, type RunningServer } from "@codepipeline-partner/server";
import * as server from "@codepipeline-partner/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OPERATIONS, SERVICE } from "./fixtures/facts.js";
import { PARTNER_OPERATIONS, type PartnerOperation } from "./fixtures/partner-operations.js";
import { sdkClient, TEST_CREDENTIALS } from "./support/sdk.js";

const NOW = new Date("2026-01-02T03:04:05.678Z");

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function sentBySdk(operation: PartnerOperation, input: unknown): Promise<Sent> {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  try {
    const { client, requests } = sdkClient(() => ({ statusCode: 200, body: "{}", headers: { "content-type": SERVICE.contentType } }));
    await client.send(operation.sdkCommand(input as never));
    const { request, body } = requests[0]!;
    return { method: request.method, path: request.path, headers: { ...request.headers } as Record<string, string>, body };
  } finally {
    vi.useRealTimers();
  }
}

async function sentByUs(operation: PartnerOperation, input: unknown): Promise<Sent> {
  let sent: Sent | undefined;
  const client = createCodePipelineClient({
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    now: () => NOW,
    maxAttempts: 1,
    fetch: async (url, init) => {
      const target = new URL(url);
      // fetch adds Host and Content-Length from the URL and body, as signed.
      const headers = { ...(init.headers as Record<string, string>), host: target.host, "content-length": String(Buffer.byteLength(String(init.body))) };
      sent = { method: String(init.method), path: target.pathname, headers, body: String(init.body) };
      return new Response("{}", { status: 200, headers: { "content-type": SERVICE.contentType } });
    },
  });
  await operation.call(client, input as never);
  return sent!;
}

afterEach(() => vi.useRealTimers());

describe("the table of operations", () => {
  it("covers exactly the service's operations", () => {
    expect(PARTNER_OPERATIONS.map((operation) => operation.name).sort()).toEqual([...SERVICE.operations].sort());
  });
});

const CASES = PARTNER_OPERATIONS.flatMap((operation) =>
  (["full", "required", "shuffled"] as const).map((kind) => [operation.name, kind, operation, operation.inputs[kind]] as const),
);

describe("requests match the official SDK's", () => {
  it.each(CASES)("%s, %s input: same method, path, content type, target and body bytes", async (name, _, operation, input) => {
    const [fromSdk, ours] = await Promise.all([sentBySdk(operation, input), sentByUs(operation, input)]);
    expect(ours.method).toBe("POST");
    expect(ours.method).toBe(fromSdk.method);
    expect(ours.path).toBe("/");
    expect(ours.path).toBe(fromSdk.path);
    expect(ours.headers["content-type"]).toBe(SERVICE.contentType);
    expect(ours.headers["x-amz-target"]).toBe(OPERATIONS.find((fact) => fact.name === name)!.target);
    for (const header of ["content-type", "x-amz-target", "host", "content-length", "x-amz-date", "x-amz-content-sha256"]) {
      expect(ours.headers[header], header).toBe(fromSdk.headers[header]);
    }
    expect(ours.body).toBe(fromSdk.body);
  });

  it("a shuffled input travels in the model's member order, so it matches the full input's bytes", async () => {
    for (const operation of PARTNER_OPERATIONS) {
      const [full, shuffled] = await Promise.all([sentByUs(operation, operation.inputs.full), sentByUs(operation, operation.inputs.shuffled)]);
      expect(shuffled.body, operation.name).toBe(full.body);
    }
  });
});

/** The generated server's error classes, by name. */
const errorClass = (name: string) => (server as unknown as Record<string, new (options: { message: string }) => Error>)[name]!;

describe("@aws-sdk/client-codepipeline against our generated server", () => {
  let running: RunningServer;
  const received: Record<string, unknown[]> = {};
  // When set, the next call fails with this modeled error instead of answering.
  let failWith: string | undefined;

  beforeAll(async () => {
    const implementation = Object.fromEntries(
      PARTNER_OPERATIONS.map((operation) => [
        operation.method,
        async (input: unknown) => {
          (received[operation.name] ??= []).push(input);
          if (failWith) throw new (errorClass(failWith))({ message: `${operation.name} says ${failWith}` });
          return operation.output;
        },
      ]),
    ) as unknown as CodePipelineService;
    running = await listen(createCodePipelineServiceHandler(implementation, {
      authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
    }));
  });
  afterAll(() => running.close());

  const sdkFor = () => new sdk.CodePipelineClient({ endpoint: running.url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });

  it.each(PARTNER_OPERATIONS.map((operation) => [operation.name, operation] as const))(
    "%s: the server gets the SDK's input, typed, and the SDK reads the whole output",
    async (name, operation) => {
      failWith = undefined;
      received[name] = [];
      const { $metadata, ...output } = await sdkFor().send(operation.sdkCommand(operation.inputs.full));
      expect($metadata.httpStatusCode).toBe(200);
      expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(received[name]).toEqual([operation.inputs.full]);
      expect(output).toEqual(operation.output ?? {});
    },
  );

  it.each(PARTNER_OPERATIONS.map((operation) => [operation.name, operation] as const))(
    "%s: our client reads the same output from the same server",
    async (_, operation) => {
      failWith = undefined;
      const client = createCodePipelineClient({ endpoint: running.url, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const { $metadata, ...output } = (await operation.call(client, operation.inputs.full)) as { $metadata: unknown };
      expect($metadata).toMatchObject({ httpStatusCode: 200 });
      expect(output).toEqual(operation.output ?? {});
    },
  );

  const ERROR_CASES = OPERATIONS.flatMap((fact) => fact.errors.map((error) => [fact.name, error] as const));

  it.each(ERROR_CASES)("%s: %s thrown by the implementation arrives as the SDK's own class", async (name, error) => {
    failWith = error;
    try {
      const operation = PARTNER_OPERATIONS.find((candidate) => candidate.name === name)!;
      const caught = await sdkFor()
        .send(operation.sdkCommand(operation.inputs.full))
        .then(
          () => expect.fail("the call should have failed"),
          (thrown: unknown) => thrown,
        );
      const SdkError = (sdk as unknown as Record<string, new (...args: never[]) => Error>)[error]!;
      expect(SdkError, `the SDK has a ${error} class`).toBeTypeOf("function");
      expect(caught).toBeInstanceOf(SdkError);
      expect(caught).toMatchObject({ name: error, message: `${name} says ${error}`, $fault: "client", $metadata: { httpStatusCode: 400 } });
    } finally {
      failWith = undefined;
    }
  });
});
