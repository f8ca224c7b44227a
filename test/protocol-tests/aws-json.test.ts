// The protocol compliance suite (issue 10): cases written in Smithy's own form, the
// smithy.test#httpRequestTests and #httpResponseTests traits of
// test/fixtures/protocol-tests/cases.smithy, each naming the rule of the awsJson
// specification it checks. They are written once, for the awsJson1_1 service; the awsJson1_0
// service and its cases are derived from them here (AWS_JSON_1_0_FROM_1_1). The real
// toolchain builds the model for each protocol's service; the cases are read back from the
// JSON AST it wrote, and each runs against the generated client and the generated server it
// applies to, one test per case and side:
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
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
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
const fixtureDir = path.join(fixtures, "protocol-tests");
// The model the builds read: the fixture's files as they are, plus the awsJson1_0 copy of
// cases.smithy. At a fixed path in the cache: the Smithy and output caches key a build by
// its files' contents and this folder's path, so an unchanged fixture is not rebuilt.
const modelDir = path.join(REPO_ROOT, ".cache", "protocol-tests", "model");
const DERIVED_FILE = "cases-json10.smithy";

/**
 * Everything that turns cases.smithy, the awsJson1_1 service and its cases, into the
 * awsJson1_0 service and its cases. awsJson 1.0 and 1.1 differ on the wire by the media type
 * alone, so these are the only differences: that media type, the protocol trait the service
 * and each case name, and the names two services of one model cannot share (namespace,
 * service name, which is X-Amz-Target's prefix, SigV4 signing name, sdkId, and the case ids,
 * which Smithy wants unique in a model).
 */
const AWS_JSON_1_0_FROM_1_1: ReadonlyArray<readonly [from: string, to: string]> = [
  ["application/x-amz-json-1.1", "application/x-amz-json-1.0"],
  ["awsJson1_1", "awsJson1_0"],
  ["example.protocoltests.json11", "example.protocoltests.json10"],
  ["JsonProtocol11", "JsonProtocol10"],
  ["jsonprotocol11", "jsonprotocol10"],
  ["Json Protocol 11", "Json Protocol 10"],
  ["AwsJson11", "AwsJson10"],
];

/** awsJson 1.1 in any of the spellings above (json-1.1, awsJson1_1, json11, Protocol11, Protocol 11...). */
const JSON_1_1_TRACE = /(?:json|protocol)[ -]?1[._]?1(?!\d)/gi;

/**
 * The awsJson1_0 copy of cases.smithy: every substitution applied throughout, within lines,
 * so a diagnostic on the copy names the line of cases.smithy to fix. Refuses a substitution
 * that finds nothing (cases.smithy changed how it spells that name) and a copy that still
 * names awsJson 1.1 anywhere (a substitution is missing), naming the line.
 */
function deriveAwsJson10(cases: string, substitutions = AWS_JSON_1_0_FROM_1_1): string {
  let derived = cases;
  for (const [from, to] of substitutions) {
    if (!derived.includes(from)) throw new Error(`cases.smithy has no "${from}" for AWS_JSON_1_0_FROM_1_1 to turn into "${to}"; update the substitution.`);
    derived = derived.replaceAll(from, to);
  }
  const lines = derived.split("\n");
  const traces = lines.flatMap((line, index) => [...line.matchAll(JSON_1_1_TRACE)].map((match) => `line ${index + 1}: "${match[0]}" in ${line.trim()}`));
  if (traces.length > 0) {
    throw new Error(`The awsJson1_0 copy of cases.smithy still names awsJson 1.1 (add the missing substitution to AWS_JSON_1_0_FROM_1_1):\n${traces.join("\n")}`);
  }
  return derived;
}

/** Writes the model folder the builds read: the fixture's files, and cases.smithy's awsJson1_0 copy. */
async function writeModel(): Promise<void> {
  // Rewritten whole, so no file of an earlier fixture stays in the model.
  await rm(modelDir, { recursive: true, force: true });
  await mkdir(path.dirname(modelDir), { recursive: true });
  await cp(fixtureDir, modelDir, { recursive: true });
  const cases = await readFile(path.join(fixtureDir, "cases.smithy"), "utf8");
  // The note goes at the end, so the copy's lines stay those of cases.smithy.
  await writeFile(path.join(modelDir, DERIVED_FILE), `${deriveAwsJson10(cases)}\n// Derived from test/fixtures/protocol-tests/cases.smithy by test/protocol-tests/aws-json.test.ts: edit that file.\n`);
}

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
await writeModel();
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

describe("the awsJson1_0 cases, derived from cases.smithy", () => {
  it("differ from the awsJson1_1 cases only where those name awsJson 1.1, and name it nowhere", async () => {
    const cases = await readFile(path.join(fixtureDir, "cases.smithy"), "utf8");
    const derived = await readFile(path.join(modelDir, DERIVED_FILE), "utf8");
    expect(derived.match(JSON_1_1_TRACE)).toBeNull();
    const source = cases.split("\n");
    const copy = derived.split("\n").slice(0, source.length);
    const changed = source.flatMap((line, index) => (line === copy[index] ? [] : [index]));
    // Each change is a 1.1 name turned into its 1.0 twin, in the same place on the line.
    for (const index of changed) {
      expect(copy[index], `line ${index + 1}`).toBe(source[index]!.replace(JSON_1_1_TRACE, (trace) => trace.replace(/1([._]?)1$/, (_, separator: string) => `1${separator}0`)));
    }
    expect(changed.length).toBeGreaterThan(100);
  });

  it.each(AWS_JSON_1_0_FROM_1_1.map(([from]) => [from]))("are refused when the substitution of %s is left out", async (from) => {
    const cases = await readFile(path.join(fixtureDir, "cases.smithy"), "utf8");
    const fewer = AWS_JSON_1_0_FROM_1_1.filter(([other]) => other !== from);
    expect(() => deriveAwsJson10(cases, fewer)).toThrow(/still names awsJson 1\.1[^]*line \d+: "/);
  });

  it("are refused when a substitution finds nothing to change", () => {
    expect(() => deriveAwsJson10("namespace example.protocoltests.json11\n")).toThrow('cases.smithy has no "application/x-amz-json-1.1"');
  });
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

