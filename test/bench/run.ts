// `npm run bench`: every benchmark, each against its anchor in the same run, printed as
// the Markdown table the README carries. `--quick` shortens each timing for a smoke run;
// `--only server` (or a comma-separated list of validators, client, bundle, server,
// generation) runs just those; `--no-generation` skips the slowest. Each benchmark's
// module is loaded only when it runs.
import os from "node:os";
import { markdownTable, type Row } from "./table.js";

const quick = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? "").split(",")) : undefined;
const wanted = (name: string) => (only ? only.has(name) : name !== "generation" || !process.argv.includes("--no-generation"));

const rows: Row[] = [];
if (wanted("validators")) rows.push(...(await (await import("./validators.bench.js")).benchValidators(quick ? 100 : 1000)));
if (wanted("client")) rows.push(...(await (await import("./client.bench.js")).benchClientCalls(quick ? 300 : 2000)));
if (wanted("bundle")) rows.push(...(await (await import("./client.bench.js")).benchBundleSize()));
if (wanted("bundle")) rows.push(...(await (await import("./endpoint-rules.bench.js")).benchRuleSetBundleSize()));
if (wanted("server")) rows.push(...(await (await import("./server.bench.js")).benchServer(quick ? 1 : 3)));
if (wanted("generation")) rows.push(...(await (await import("./generation.bench.js")).benchGeneration()));

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
console.log(markdownTable(rows));
