// One server for the server benchmark, in a process of its own so the load generator
// does not share its event loop: `stub` (the generated handler, validation on, the
// reference implementation) or `bare` (node:http that parses the JSON and answers 200).
import { createCodePipelineServiceHandler, listen } from "@codepipeline-partner/server";
import { createReferenceService, JobStore } from "@codepipeline-partner/server/reference";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const kind = process.argv[2];
if (kind === "stub") {
  // A job that stays InProgress: each request exercises the whole path and answers 200.
  const store = new JobStore([{ id: "bench-job", clientToken: "bench-token", status: "InProgress" }]);
  const reference = createReferenceService(store);
  const handler = createCodePipelineServiceHandler({
    async putThirdPartyJobSuccessResult(input, context) {
      await reference.putThirdPartyJobSuccessResult(input, context);
      store.get("bench-job")!.status = "InProgress";
    },
  });
  const server = await listen(handler, { port: 0 });
  console.log(server.url);
} else if (kind === "bare") {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1", "content-length": 0 });
      response.end();
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
} else {
  console.error("usage: server-process.ts stub|bare");
  process.exit(2);
}
