// A Fetch-API server as a worker (Cloudflare Workers, Deno Deploy, Vercel Edge) bundles it:
// the handler behind toFetchHandler, with SigV4 verification, and no node:* module.
import { createCodePipelineServiceHandler, JobNotFoundException, toFetchHandler, type CodePipelineService } from "@codepipeline-partner/server";

const jobs = new Map([["job-1", { clientToken: "token-1", status: "InProgress" }]]);
const service: Pick<CodePipelineService, "putThirdPartyJobSuccessResult"> = {
  async putThirdPartyJobSuccessResult(input) {
    const job = jobs.get(input.jobId);
    if (!job) throw new JobNotFoundException({ message: `No job ${input.jobId}` });
    job.status = "Succeeded";
  },
};
const handler = createCodePipelineServiceHandler(service as CodePipelineService, {
  authenticate: { secretFor: (accessKeyId) => (accessKeyId === "AKIDCONSUMER" ? "consumer-secret" : undefined) },
});

export default { fetch: toFetchHandler(handler) };
export const jobStatus = (id: string) => jobs.get(id)?.status;
