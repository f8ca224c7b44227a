// A typed program over every package's public API, for tsc in each module mode with the
// strictest flags and skipLibCheck off (copied to use.mts and use.cts for nodenext).
import { CodePipelineClient, createCodePipelineClient, putThirdPartyJobSuccessResult, RequestError, ServiceException, type ClientConfig } from "@codepipeline-partner/client";
import { awsJson1_1 } from "@codepipeline-partner/protocol-aws-json";
import { createCodePipelineServiceHandler, JobNotFoundException, listen, toFetchHandler, toLambdaHandler, type CodePipelineService } from "@codepipeline-partner/server";
import * as reference from "@codepipeline-partner/server/reference";
import type { PutThirdPartyJobSuccessResultError, PutThirdPartyJobSuccessResultInput } from "@codepipeline-partner/types";
import { validatePutThirdPartyJobSuccessResultInput } from "@codepipeline-partner/validators";

const input: PutThirdPartyJobSuccessResultInput = {
  jobId: "job-1",
  clientToken: "token-1",
  currentRevision: { revision: "8f4bc9a", changeIdentifier: "commit-8f4bc9a", created: new Date() },
  executionDetails: { summary: "Deployed", percentComplete: 100 },
};

export function explain(error: PutThirdPartyJobSuccessResultError): string {
  return error.message ?? error.name;
}

export async function call(config: ClientConfig): Promise<number | undefined> {
  const client = new CodePipelineClient(config);
  try {
    const output = await client.putThirdPartyJobSuccessResult(input, { abortSignal: AbortSignal.timeout(1000) });
    return output.$metadata.httpStatusCode;
  } catch (error) {
    if (error instanceof ServiceException) return error.$metadata.httpStatusCode;
    if (error instanceof RequestError) return undefined;
    throw error;
  }
}

export async function callStandalone(): Promise<string | undefined> {
  const output = await putThirdPartyJobSuccessResult(createCodePipelineClient({ region: "us-east-1" }), input);
  return output.$metadata.requestId;
}

export function validate(body: unknown): string[] {
  const result = validatePutThirdPartyJobSuccessResultInput(body);
  return result.ok ? [] : result.kind === "validation" ? result.issues.map((issue) => `${issue.path}: ${issue.message}`) : [result.message];
}

const service: Pick<CodePipelineService, "putThirdPartyJobSuccessResult"> = {
  async putThirdPartyJobSuccessResult(received, context) {
    if (received.jobId !== "job-1") throw new JobNotFoundException({ message: `No job ${received.jobId} (request ${context.requestId})` });
  },
};
const handler = createCodePipelineServiceHandler(service as CodePipelineService, { authenticate: { secretFor: (accessKeyId) => (accessKeyId === "AKID" ? "secret" : undefined) } });
export const fetchHandler: (request: Request) => Promise<Response> = toFetchHandler(handler);
export const lambdaHandler = toLambdaHandler(handler);
export const notFound = new JobNotFoundException({ message: "gone" });
export const referenceExports: string[] = Object.keys(reference);
export const contentType: string = awsJson1_1.contentType;

export async function serve(): Promise<string> {
  const server = await listen(handler, { port: 0 });
  await server.close();
  return server.url;
}
