// A model of its own for the behaviour traits (no JVM): a CodePipeline look-alike in the
// JSON AST form, so that the AWS SDK's own CodePipeline client can call what it generates.
// Each operation shows one trait:
// - StartPipelineExecution: `@idempotencyToken clientRequestToken` (as the real one has);
// - PutPipelineSettings: `@default` on required and optional members, at the top of an
//   `@input` structure and in a nested structure, with `@clientOptional` beside them;
// - PutArtifactData: `@requestCompression(encodings: ["gzip"])`;
// - GetJobLogs: `@endpoint(hostPrefix: "{accountId}.logs.")` with `@hostLabel accountId`;
// - ListPipelines: `@paginated(items, pageSize)` over the service's
//   `@paginated(inputToken: "nextToken", outputToken: "nextToken")`, as the real one pages;
// - ListPipelineVersions: `@paginated` overriding both tokens, with paths into a nested
//   output structure and a map of items.
import path from "node:path";
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import { emitTargets } from "../../codegen/src/pipeline.js";
import { REPO_LAYOUT } from "./repo-layout.js";
import { generatedWorkspace } from "./workspace.js";

const NS = "com.amazonaws.codepipeline";
const id = (name: string) => `${NS}#${name}`;
const member = (target: string, traits: Record<string, unknown> = {}) => ({ target: target.includes("#") ? target : id(target), traits });
const required = { "smithy.api#required": {} };
const input = { "smithy.api#input": {} };
const output = { "smithy.api#output": {} };

export const behaviourTraitsModel = {
  smithy: "2.0",
  shapes: {
    [id("CodePipeline_20150709")]: {
      type: "service",
      version: "2015-07-09",
      operations: ["StartPipelineExecution", "PutPipelineSettings", "PutArtifactData", "GetJobLogs", "ListPipelines", "ListPipelineVersions"].map((name) => ({ target: id(name) })),
      traits: {
        "aws.api#service": { sdkId: "CodePipeline", endpointPrefix: "codepipeline" },
        "aws.auth#sigv4": { name: "codepipeline" },
        "aws.protocols#awsJson1_1": {},
        "smithy.api#paginated": { inputToken: "nextToken", outputToken: "nextToken" },
      },
    },

    [id("StartPipelineExecution")]: { type: "operation", input: { target: id("StartPipelineExecutionInput") }, output: { target: id("StartPipelineExecutionOutput") } },
    [id("StartPipelineExecutionInput")]: {
      type: "structure",
      members: { name: member("PipelineName", required), clientRequestToken: member("ClientRequestToken", { "smithy.api#idempotencyToken": {} }) },
      traits: input,
    },
    [id("StartPipelineExecutionOutput")]: { type: "structure", members: { pipelineExecutionId: member("smithy.api#String") }, traits: output },
    [id("ClientRequestToken")]: { type: "string", traits: { "smithy.api#length": { min: 1, max: 128 } } },

    [id("PutPipelineSettings")]: { type: "operation", input: { target: id("PutPipelineSettingsInput") }, output: { target: id("PutPipelineSettingsOutput") } },
    [id("PutPipelineSettingsInput")]: {
      type: "structure",
      members: {
        name: member("PipelineName", required),
        executionMode: member("ExecutionMode", { ...required, "smithy.api#default": "SUPERSEDED" }),
        pollingIntervalSeconds: member("smithy.api#Integer", { "smithy.api#default": 30 }),
        settings: member("PipelineSettings", required),
        description: member("smithy.api#String"),
      },
      traits: input,
    },
    [id("PipelineSettings")]: {
      type: "structure",
      members: {
        stageCount: member("smithy.api#Integer", required),
        retries: member("smithy.api#Integer", { "smithy.api#default": 3 }),
        disableInboundTransitions: member("smithy.api#Boolean", { ...required, "smithy.api#default": false }),
        variables: member("VariableMap", { "smithy.api#default": {} }),
        startedAt: member("smithy.api#Timestamp", { "smithy.api#default": 0 }),
        owner: member("smithy.api#String", { ...required, "smithy.api#clientOptional": {} }),
        timeoutMinutes: member("smithy.api#Integer"),
      },
    },
    [id("VariableMap")]: { type: "map", key: member("smithy.api#String"), value: member("smithy.api#String") },
    [id("ExecutionMode")]: {
      type: "enum",
      members: {
        QUEUED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "QUEUED" } },
        SUPERSEDED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "SUPERSEDED" } },
      },
    },
    [id("PutPipelineSettingsOutput")]: { type: "structure", members: {}, traits: output },

    [id("PutArtifactData")]: {
      type: "operation",
      input: { target: id("PutArtifactDataInput") },
      output: { target: id("PutArtifactDataOutput") },
      traits: { "smithy.api#requestCompression": { encodings: ["gzip"] } },
    },
    [id("PutArtifactDataInput")]: { type: "structure", members: { name: member("PipelineName", required), data: member("smithy.api#String", required) }, traits: input },
    [id("PutArtifactDataOutput")]: { type: "structure", members: { receivedCharacters: member("smithy.api#Integer") }, traits: output },

    [id("GetJobLogs")]: {
      type: "operation",
      input: { target: id("GetJobLogsInput") },
      output: { target: id("GetJobLogsOutput") },
      traits: { "smithy.api#endpoint": { hostPrefix: "{accountId}.logs." } },
    },
    [id("GetJobLogsInput")]: {
      type: "structure",
      members: { accountId: member("smithy.api#String", { ...required, "smithy.api#hostLabel": {} }), jobId: member("smithy.api#String", required) },
      traits: input,
    },
    [id("GetJobLogsOutput")]: { type: "structure", members: { lines: member("LineList") }, traits: output },
    [id("LineList")]: { type: "list", member: member("smithy.api#String") },

    [id("ListPipelines")]: {
      type: "operation",
      input: { target: id("ListPipelinesInput") },
      output: { target: id("ListPipelinesOutput") },
      traits: { "smithy.api#readonly": {}, "smithy.api#paginated": { items: "pipelines", pageSize: "maxResults" } },
    },
    [id("ListPipelinesInput")]: {
      type: "structure",
      members: { nextToken: member("NextToken"), maxResults: member("MaxPipelines") },
      traits: input,
    },
    [id("ListPipelinesOutput")]: { type: "structure", members: { pipelines: member("PipelineList"), nextToken: member("NextToken") }, traits: output },
    [id("PipelineList")]: { type: "list", member: member("PipelineSummary") },
    [id("PipelineSummary")]: {
      type: "structure",
      members: { name: member("PipelineName"), version: member("smithy.api#Integer"), created: member("smithy.api#Timestamp"), updated: member("smithy.api#Timestamp") },
    },
    [id("NextToken")]: { type: "string", traits: { "smithy.api#length": { min: 1, max: 2048 } } },
    [id("MaxPipelines")]: { type: "integer", traits: { "smithy.api#range": { min: 1, max: 1000 } } },
    [id("PipelineName")]: { type: "string", traits: { "smithy.api#length": { min: 1, max: 100 } } },

    [id("ListPipelineVersions")]: {
      type: "operation",
      input: { target: id("ListPipelineVersionsInput") },
      output: { target: id("ListPipelineVersionsOutput") },
      traits: { "smithy.api#readonly": {}, "smithy.api#paginated": { inputToken: "after", outputToken: "page.next", items: "page.versions", pageSize: "limit" } },
    },
    [id("ListPipelineVersionsInput")]: {
      type: "structure",
      members: { name: member("PipelineName", required), after: member("smithy.api#String"), limit: member("smithy.api#Integer") },
      traits: input,
    },
    [id("ListPipelineVersionsOutput")]: { type: "structure", members: { page: member("VersionPage") }, traits: output },
    [id("VersionPage")]: { type: "structure", members: { versions: member("VersionMap"), next: member("smithy.api#String") } },
    [id("VersionMap")]: { type: "map", key: member("smithy.api#String"), value: member("smithy.api#Integer") },
  },
} as unknown as JsonAst;

/** The generated packages of the model, in a workspace of their own (see `generatedWorkspace`). */
export async function behaviourTraitsWorkspace(name: string): Promise<{ dir: string; client: any; server: any }> {
  const files = await emitTargets(loadModel(behaviourTraitsModel), ["types", "validators", "client", "server"], undefined, undefined, REPO_LAYOUT);
  const dir = await generatedWorkspace(name, files);
  return {
    dir,
    client: await import(path.join(dir, "client", "src", "index.ts")),
    server: await import(path.join(dir, "server", "src", "index.ts")),
  };
}
