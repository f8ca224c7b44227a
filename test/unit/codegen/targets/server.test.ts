// The server target hands each handler the server's view of its input (Smithy 2.0's
// authoritative reading): every required member present, every member with a default
// filled in, whatever @input and @clientOptional say to clients. Shown on the generated
// server of a model of its own (test/support/behaviour-traits-model.ts):
// - on the wire: defaulted members left out are accepted (a required one too) and reach
//   the handler as their defaults; values sent are kept;
// - in the types: handler code reads required and defaulted members without `!`, while
//   optional members stay optional and callers keep the SDK's optionality (tsc).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../support/repo.js";
import { behaviourTraitsWorkspace } from "../../../support/behaviour-traits-model.js";
import { projectTypeErrors } from "../../../support/snippets.js";

const TARGET = "CodePipeline_20150709.PutPipelineSettings";

let generated: { dir: string; client: any; server: any };
let server: { url: string; close(): Promise<void> };
/** The inputs the handler received, newest last. */
const received: any[] = [];
const sent: string[] = [];

beforeAll(async () => {
  generated = await behaviourTraitsWorkspace("codegen-targets-server");
  const handler = generated.server.createCodePipelineServiceHandler(
    {
      async putPipelineSettings(input: any) {
        received.push(input);
        return {};
      },
    },
    { logger: { error: () => {} } },
  );
  server = await generated.server.listen(handler);
}, 60_000);
afterAll(() => server?.close());

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": TARGET }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe("@default: left out on the wire, filled in for the handler", () => {
  const defaults = { executionMode: "SUPERSEDED", pollingIntervalSeconds: 30 };
  const settingsDefaults = { retries: 3, disableInboundTransitions: false, variables: {}, startedAt: new Date(0) };

  it("every defaulted member left out, required ones included: accepted, and the handler gets the defaults", async () => {
    expect(await post({ name: "p", settings: { stageCount: 2, owner: "ops" } })).toEqual({ status: 200, body: {} });
    expect(received.at(-1)).toEqual({ name: "p", ...defaults, settings: { stageCount: 2, owner: "ops", ...settingsDefaults } });
  });

  it("null is the same as left out", async () => {
    expect((await post({ name: "p", executionMode: null, settings: { stageCount: 2, owner: "ops", retries: null, variables: null } })).status).toBe(200);
    expect(received.at(-1)).toEqual({ name: "p", ...defaults, settings: { stageCount: 2, owner: "ops", ...settingsDefaults } });
  });

  it("values sent are kept", async () => {
    const settings = { stageCount: 2, owner: "ops", retries: 0, disableInboundTransitions: true, variables: { env: "prod" }, startedAt: 1_700_000_000, timeoutMinutes: 5 };
    expect((await post({ name: "p", executionMode: "QUEUED", pollingIntervalSeconds: 5, settings, description: "d" })).status).toBe(200);
    expect(received.at(-1)).toEqual({
      name: "p",
      executionMode: "QUEUED",
      pollingIntervalSeconds: 5,
      settings: { ...settings, startedAt: new Date(1_700_000_000_000) },
      description: "d",
    });
  });

  it("each request gets a map of its own for a defaulted map", async () => {
    await post({ name: "p", settings: { stageCount: 1, owner: "o" } });
    await post({ name: "p", settings: { stageCount: 1, owner: "o" } });
    expect(received.at(-1).settings.variables).not.toBe(received.at(-2).settings.variables);
  });

  it("required members without a default are still required, @clientOptional ones included", async () => {
    const answer = await post({ name: "p", settings: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe("ValidationException");
    expect(answer.body.message).toContain("Value null at 'settings.stageCount' failed to satisfy constraint: Member must not be null");
    expect(answer.body.message).toContain("Value null at 'settings.owner' failed to satisfy constraint: Member must not be null");
    expect(answer.body.message).not.toContain("disableInboundTransitions");
    expect((await post({ settings: { stageCount: 1, owner: "o" } })).body.message).toContain("Value null at 'name'");
  });

  it("the generated client leaves defaulted members out when the caller does, and the handler gets the defaults", async () => {
    const recordingFetch = (url: string, init: RequestInit) => {
      sent.push(String(init.body));
      return fetch(url, init);
    };
    const client = new generated.client.CodePipelineClient({ endpoint: server.url, credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, fetch: recordingFetch });
    await client.putPipelineSettings({ name: "p", settings: { stageCount: 3, owner: "ops" } });
    expect(JSON.parse(sent.at(-1)!)).toEqual({ name: "p", settings: { stageCount: 3, owner: "ops" } });
    expect(received.at(-1)).toEqual({ name: "p", ...defaults, settings: { stageCount: 3, owner: "ops", ...settingsDefaults } });
  });
});

describe("the handler's input types (tsc over the generated packages)", () => {
  it("required and defaulted members read without `!`; optional ones stay optional; callers keep the SDK's optionality", async () => {
    await writeFile(
      path.join(generated.dir, "use.ts"),
      `
import { createCodePipelineServiceHandler, type CodePipelineService } from "./server/src/index.js";
import type { PipelineSettings, PutPipelineSettingsInput, PutPipelineSettingsServerInput, StartPipelineExecutionInput } from "./types/src/generated/types.js";

const service: CodePipelineService = {
  async putPipelineSettings(input) {
    // Required and defaulted members, at the top of an @input structure and nested: no \`!\`.
    const mode: "QUEUED" | "SUPERSEDED" = input.executionMode;
    input.name.toUpperCase();
    input.pollingIntervalSeconds.toFixed();
    input.settings.stageCount.toFixed();
    input.settings.retries.toFixed();
    const disabled: boolean = input.settings.disableInboundTransitions;
    input.settings.startedAt.getTime();
    Object.keys(input.settings.variables);
    // @clientOptional is for clients: the server validated it as required.
    input.settings.owner.toUpperCase();
    // @ts-expect-error an optional member stays optional
    input.description.toUpperCase();
    // @ts-expect-error an optional nested member stays optional
    input.settings.timeoutMinutes.toFixed();
    void mode;
    void disabled;
    return {};
  },
  async startPipelineExecution(input) {
    input.name.toUpperCase();
    // @ts-expect-error the idempotency token is optional: callers may leave it out
    input.clientRequestToken.toUpperCase();
    return {};
  },
  async putArtifactData(input) {
    return { receivedCharacters: input.data.length };
  },
  async getJobLogs(input) {
    return { lines: [input.accountId, input.jobId] };
  },
  async listPipelines(input) {
    // @ts-expect-error nothing in ListPipelinesInput is required
    input.nextToken.toUpperCase();
    return {};
  },
  async listPipelineVersions(input) {
    return { page: { next: input.name } };
  },
};
createCodePipelineServiceHandler(service);

// The handler's type is the server's view, by name.
const named: PutPipelineSettingsServerInput = { name: "p", executionMode: "QUEUED", pollingIntervalSeconds: 1, settings: { stageCount: 1, retries: 1, disableInboundTransitions: false, variables: {}, startedAt: new Date(), owner: "o" } };
// @ts-expect-error the server's view has its defaulted members
const missing: PutPipelineSettingsServerInput = { name: "p", settings: named.settings };

// Callers: every member of an @input structure may be left out, as in the AWS SDKs.
const caller: PutPipelineSettingsInput = {};
const start: StartPipelineExecutionInput = {};
// A nested structure keeps its required members for callers, but not @clientOptional ones.
const nested: PipelineSettings = { stageCount: 1, disableInboundTransitions: false };
// @ts-expect-error stageCount is required in a nested structure
const incomplete: PipelineSettings = { disableInboundTransitions: false };
export { named, missing, caller, start, nested, incomplete };
`,
    );
    const tsconfig = path.join(generated.dir, "tsconfig.json");
    await writeFile(
      tsconfig,
      JSON.stringify({ extends: path.join(REPO_ROOT, "tsconfig.json"), include: ["types/src", "validators/src", "server/src/generated", "server/src/runtime", "server/src/index.ts", "use.ts"], exclude: [] }),
    );
    // The generated code and use.ts; the runtime beside them is the repository's, checked by its own typecheck.
    expect(projectTypeErrors(tsconfig, (file) => file === "use.ts" || file.includes("/src/generated/"))).toEqual([]);
  }, 120_000);
});
