// A program of the project's own over the code generated into src/generated: a server on
// 127.0.0.1 with SigV4 verification, called by the generated client, signed.
import { listen } from "@codepipeline-partner/server/runtime";
import { TallyClient } from "./src/generated/client/client.js";
import { NoSuchCounter as ClientNoSuchCounter } from "./src/generated/client/errors.js";
import { createTallyServiceHandler, NoSuchCounter, type TallyService } from "./src/generated/server/service.js";
import { validateAddCountInput } from "./src/generated/validators/validators.js";

const credentials = { accessKeyId: "AKIDTALLY", secretAccessKey: "tally-secret" };
const counters = new Map<string, number>();
const service: TallyService = {
  async addCount({ name, amount }) {
    const total = (counters.get(name) ?? 0) + amount;
    counters.set(name, total);
    return { total };
  },
  async getCount({ name }) {
    const total = counters.get(name);
    if (total === undefined) throw new NoSuchCounter({ message: `No counter ${name}` });
    return { total };
  },
};
const handler = createTallyServiceHandler(service, {
  authenticate: { secretFor: (accessKeyId) => (accessKeyId === credentials.accessKeyId ? credentials.secretAccessKey : undefined) },
});
const server = await listen(handler, { port: 0 });
try {
  const client = new TallyClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  await client.addCount({ name: "apples", amount: 2 });
  const added = await client.addCount({ name: "apples", amount: 3 });
  const read = await client.getCount({ name: "apples" });
  const missing = await client.getCount({ name: "pears" }).catch((error: unknown) => error);
  const invalid: unknown = await client.addCount({ name: "", amount: 0 }).catch((error: unknown) => error);
  console.log(
    JSON.stringify({
      status: read.$metadata.httpStatusCode,
      added: added.total,
      total: read.total,
      missing: missing instanceof ClientNoSuchCounter ? missing.name : String(missing),
      invalid: invalid instanceof Error ? invalid.name : String(invalid),
      validator: validateAddCountInput({ name: "x", amount: 0 }).ok,
    }),
  );
} finally {
  await server.close();
}
