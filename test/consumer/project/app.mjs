// An ES module program: a server on 127.0.0.1 with SigV4 verification, and signed calls to
// it with the client, as a user of the published packages writes them.
import { CodePipelineClient, JobNotFoundException as ClientJobNotFound } from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, JobNotFoundException, listen } from "@codepipeline-partner/server";
import * as reference from "@codepipeline-partner/server/reference";
import { validatePutThirdPartyJobSuccessResultInput } from "@codepipeline-partner/validators";

const credentials = { accessKeyId: "AKIDCONSUMER", secretAccessKey: "consumer-secret" };
const jobs = new Map([["job-1", { clientToken: "token-1", status: "InProgress" }]]);
const service = {
  async putThirdPartyJobSuccessResult(input) {
    const job = jobs.get(input.jobId);
    if (!job) throw new JobNotFoundException({ message: `No job ${input.jobId}` });
    job.status = "Succeeded";
  },
};
const handler = createCodePipelineServiceHandler(service, {
  authenticate: { secretFor: (accessKeyId) => (accessKeyId === credentials.accessKeyId ? credentials.secretAccessKey : undefined) },
});
const server = await listen(handler, { port: 0 });
try {
  const client = new CodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  const output = await client.putThirdPartyJobSuccessResult({ jobId: "job-1", clientToken: "token-1", executionDetails: { summary: "done", percentComplete: 100 } });
  const missing = await client.putThirdPartyJobSuccessResult({ jobId: "job-2", clientToken: "token-2" }).catch((error) => error);
  console.log(
    JSON.stringify({
      status: output.$metadata.httpStatusCode,
      job: jobs.get("job-1").status,
      missing: missing instanceof ClientJobNotFound ? missing.name : String(missing),
      valid: validatePutThirdPartyJobSuccessResultInput({ jobId: "job-1", clientToken: "token-1" }).ok,
      reference: typeof reference.JobStore,
    }),
  );
} finally {
  await server.close();
}
