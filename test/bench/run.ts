// `npm run bench`: every benchmark, each against its anchor in the same run, printed as
// the Markdown table the README carries. `--quick` shortens each timing for a smoke run.
import os from "node:os";
import { benchBundleSize, benchClientCalls } from "./client.bench.js";
import { benchGeneration } from "./generation.bench.js";
import { benchServer } from "./server.bench.js";
import { markdownTable, type Row } from "./table.js";
import { benchValidators } from "./validators.bench.js";

const quick = process.argv.includes("--quick");
const rows: Row[] = [];
rows.push(...(await benchValidators(quick ? 100 : 1000)));
rows.push(...(await benchClientCalls(quick ? 300 : 2000)));
rows.push(...(await benchBundleSize()));
rows.push(...(await benchServer(quick ? 2 : 10)));
if (!process.argv.includes("--no-generation")) rows.push(...(await benchGeneration()));

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
console.log(markdownTable(rows));
