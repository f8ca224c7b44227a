// A Node.js program as a project on TypeScript's `bundler` resolution writes it (tsx and
// Vite set projects up that way), with no customConditions: the handler comes from the
// server's main entry point, whose types there are the neutral ones (no `listen`), and
// `listen` from its `./node` entry point, whatever the conditions. tsc compiles it; Node.js runs it.
import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
import { createCodePipelineServiceHandler, JobNotFoundException, type CodePipelineService } from "@codepipeline-partner/server";
import { listen, type RunningServer } from "@codepipeline-partner/server/node";

const credentials = { accessKeyId: "AKIDCONSUMER", secretAccessKey: "consumer-secret" };
const jobs = new Map([["job-1", "InProgress"]]);
const service: Pick<CodePipelineService, "putThirdPartyJobSuccessResult"> = {
  async putThirdPartyJobSuccessResult(input) {
    if (!jobs.has(input.jobId)) throw new JobNotFoundException({ message: `No job ${input.jobId}` });
    jobs.set(input.jobId, "Succeeded");
  },
};
const handler = createCodePipelineServiceHandler(service as CodePipelineService, {
  authenticate: { secretFor: (accessKeyId) => (accessKeyId === credentials.accessKeyId ? credentials.secretAccessKey : undefined) },
});

const server: RunningServer = await listen(handler, { host: "127.0.0.1", port: 0 });
try {
  const client = createCodePipelineClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  const output = await putThirdPartyJobSuccessResult(client, { jobId: "job-1", clientToken: "token-1" });
  console.log(JSON.stringify({ url: server.url, port: server.port, status: output.$metadata.httpStatusCode, job: jobs.get("job-1") }));
} finally {
  await server.close();
}
