// One signed, retried, typed call from a browser, with the smallest bundle: the standalone
// operation function. `fetch` is a parameter here so that a test can route it.
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";

export async function reportSuccess(endpoint: string, fetch: typeof globalThis.fetch): Promise<number | undefined> {
  const client = createCodePipelineClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "AKIDCONSUMER", secretAccessKey: "consumer-secret" }, fetch });
  const output = await putThirdPartyJobSuccessResult(client, { jobId: "job-1", clientToken: "token-1" });
  return output.$metadata.httpStatusCode;
}
