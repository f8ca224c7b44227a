// Generated paginators against the AWS SDK's, on the generated server of a model of its
// own (test/support/behaviour-traits-model.ts) on 127.0.0.1:
// - ListPipelines pages as the real CodePipeline's does (the service's inputToken and
//   outputToken, the operation's items and pageSize), so @aws-sdk/client-codepipeline's
//   own paginateListPipelines drives it: both must yield the same pages from the same
//   requests;
// - ListPipelineVersions overrides both tokens and reads them through a nested output
//   structure: @smithy/core's createPaginator (what every SDK paginator is) drives our
//   client's operation with the same paths, for the same pages.
import { CodePipelineClient as SdkClient, paginateListPipelines as sdkPaginateListPipelines } from "@aws-sdk/client-codepipeline";
import { createPaginator } from "@smithy/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { behaviourTraitsWorkspace } from "../../../../support/behaviour-traits-model.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const PIPELINES = Array.from({ length: 7 }, (_, i) => ({ name: `pipeline-${i + 1}`, version: i + 1, created: new Date(Date.UTC(2024, 0, i + 1)) }));
const VERSIONS: Record<string, number> = { a: 1, b: 2, c: 3, d: 4, e: 5 };

let generated: { client: any; server: any };
let server: { url: string; close(): Promise<void> };
let client: any;
let sdk: SdkClient;
/** The input of every ListPipelines and ListPipelineVersions call the server answered. */
const requests: Array<{ operation: string; input: Record<string, unknown> }> = [];

beforeAll(async () => {
  generated = await behaviourTraitsWorkspace("client-runtime-paginate");
  const handler = generated.server.createCodePipelineServiceHandler(
    {
      async listPipelines(input: any) {
        requests.push({ operation: "ListPipelines", input: { ...input } });
        const start = input.nextToken === undefined ? 0 : Number(input.nextToken.slice("after-".length));
        const end = Math.min(PIPELINES.length, start + (input.maxResults ?? 3));
        return { pipelines: PIPELINES.slice(start, end), ...(end < PIPELINES.length ? { nextToken: `after-${end}` } : {}) };
      },
      async listPipelineVersions(input: any) {
        requests.push({ operation: "ListPipelineVersions", input: { ...input } });
        if (input.name === "tail") {
          // A "tail" operation: the same token until there is more, then none.
          const calls = requests.filter((request) => request.operation === "ListPipelineVersions" && request.input.name === "tail").length;
          return { page: { versions: {}, ...(calls < 4 ? { next: "same" } : {}) } };
        }
        if (input.name === "empty-token") return { page: { versions: { only: 1 }, next: "" } };
        const keys = Object.keys(VERSIONS);
        const start = input.after === undefined ? 0 : keys.indexOf(input.after) + 1;
        const page = keys.slice(start, start + (input.limit ?? 2));
        const more = start + page.length < keys.length;
        return { page: { versions: Object.fromEntries(page.map((key) => [key, VERSIONS[key]])), ...(more ? { next: page.at(-1) } : {}) } };
      },
    },
    { logger: { error: () => {} } },
  );
  server = await generated.server.listen(handler);
  client = new generated.client.CodePipelineClient({ endpoint: server.url, credentials });
  sdk = new SdkClient({ endpoint: server.url, region: "us-east-1", credentials });
}, 60_000);
afterAll(() => server?.close());

/** The pages an iterator yields, without response metadata, and the requests it made. */
async function walk(pages: AsyncIterable<Record<string, unknown>>): Promise<{ pages: unknown[]; requests: unknown[] }> {
  const before = requests.length;
  const collected: unknown[] = [];
  for await (const page of pages) {
    const { $metadata: _, ...rest } = page;
    collected.push(rest);
  }
  return { pages: collected, requests: requests.slice(before) };
}

describe("paginateListPipelines, ours and the AWS SDK's", () => {
  it.each<[string, { input: Record<string, unknown>; pageSize?: number; startingToken?: string; pages: number }]>([
    ["the service's page size", { input: {}, pages: 3 }],
    ["pageSize", { input: {}, pageSize: 2, pages: 4 }],
    ["a starting token", { input: {}, pageSize: 2, startingToken: "after-3", pages: 2 }],
    ["the input's own maxResults wins over pageSize", { input: { maxResults: 4 }, pageSize: 2, pages: 2 }],
    ["the input's own nextToken starts it", { input: { nextToken: "after-5" }, pages: 1 }],
    ["one page holds everything", { input: {}, pageSize: 50, pages: 1 }],
  ])("%s: the same pages from the same requests", async (_, { input, pageSize, startingToken, pages }) => {
    const theirs = await walk(sdkPaginateListPipelines({ client: sdk, ...(pageSize ? { pageSize } : {}), ...(startingToken ? { startingToken } : {}) }, { ...input }) as AsyncIterable<Record<string, unknown>>);
    const ours = await walk(generated.client.paginateListPipelines(client, input, { pageSize, startingToken }));
    expect(ours.pages).toHaveLength(pages);
    expect(ours.pages).toEqual(theirs.pages);
    expect(ours.requests).toEqual(theirs.requests);
    expect(ours.pages.flatMap((page: any) => page.pipelines).map((pipeline: any) => pipeline.name)).toEqual(
      PIPELINES.slice(startingToken || input.nextToken ? Number(String(startingToken ?? input.nextToken).slice(6)) : 0).map((pipeline) => pipeline.name),
    );
  });

  it("items() yields every pipeline across the pages", async () => {
    const names: string[] = [];
    for await (const pipeline of generated.client.paginateListPipelines(client, {}, { pageSize: 2 }).items()) names.push(pipeline.name);
    expect(names).toEqual(PIPELINES.map((pipeline) => pipeline.name));
  });

  it("accepts the function-style client too, and leaves the caller's input alone", async () => {
    const input = { maxResults: 3 };
    const { pages } = await walk(generated.client.paginateListPipelines(generated.client.createCodePipelineClient({ endpoint: server.url, credentials }), input));
    expect(pages).toHaveLength(3);
    expect(input).toEqual({ maxResults: 3 });
  });

  it("a failing page ends the iteration with its error", async () => {
    const failing = new generated.client.CodePipelineClient({ endpoint: server.url, credentials, maxAttempts: 1 });
    const iterator = generated.client.paginateListPipelines(failing, { nextToken: "" })[Symbol.asyncIterator]();
    // An empty nextToken breaks the model's @length(min: 1): the server refuses it.
    await expect(iterator.next()).rejects.toMatchObject({ name: "ValidationException" });
  });
});

describe("paginateListPipelineVersions: overridden tokens, paths into the output, a map of items", () => {
  // The SDK's paginator logic, driving our client's operation through command objects.
  class Command {
    constructor(readonly input: Record<string, unknown>) {}
  }
  class Client {
    send(command: Command) {
      return generated.client.listPipelineVersions(client.client, command.input);
    }
  }
  const sdkPaginate = createPaginator(Client as never, Command as never, "after", "page.next", "limit");

  it.each<[string, { pageSize?: number; startingToken?: string }]>([
    ["the service's page size", {}],
    ["pageSize", { pageSize: 3 }],
    ["a starting token", { startingToken: "b" }],
  ])("%s: the same pages as @smithy/core's createPaginator", async (_, config) => {
    const theirs = await walk(sdkPaginate({ client: new Client(), ...config } as never, { name: "p" }) as AsyncIterable<Record<string, unknown>>);
    const ours = await walk(generated.client.paginateListPipelineVersions(client, { name: "p" }, config));
    expect(ours.pages.length).toBeGreaterThan(1);
    expect(ours.pages).toEqual(theirs.pages);
    expect(ours.requests).toEqual(theirs.requests);
  });

  it("items() yields the map's entries, page after page", async () => {
    const entries: Array<[string, number]> = [];
    for await (const entry of generated.client.paginateListPipelineVersions(client, { name: "p" }, { pageSize: 2 }).items()) entries.push(entry);
    expect(entries).toEqual(Object.entries(VERSIONS));
  });

  it("stops at an empty token", async () => {
    const { pages } = await walk(generated.client.paginateListPipelineVersions(client, { name: "empty-token" }));
    expect(pages).toHaveLength(1);
  });

  it("stops when a page repeats the token it was sent, unless told to go on", async () => {
    requests.length = 0;
    const { pages } = await walk(generated.client.paginateListPipelineVersions(client, { name: "tail" }));
    expect(pages).toHaveLength(2);
    requests.length = 0;
    const tail = await walk(generated.client.paginateListPipelineVersions(client, { name: "tail" }, { stopOnSameToken: false }));
    expect(tail.pages).toHaveLength(4);
    expect(tail.requests.map((request: any) => request.input.after)).toEqual([undefined, "same", "same", "same"]);
  });
});
