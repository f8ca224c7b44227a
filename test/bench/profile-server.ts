// Profiles one path of the server benchmark: `tsx test/bench/profile-server.ts <case> [seconds]`,
// where <case> is a word of a server bench row's name (success, modeled, validation,
// serialization, SigV4, bare; our row first when the word names one of ours and a bare one). The server runs under
// `node --cpu-prof`; printed are its CPU time per answer and its self time by function.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readProfile, summarise } from "./cpuprofile.js";
import { CASES, check, headersFor, load, start, withLoadGeneratorPinned } from "./server.bench.js";

const [word = "success", seconds = "5"] = process.argv.slice(2);
const matching = CASES.filter((c) => c.name.toLowerCase().includes(word.toLowerCase()));
// "modeled" also names the bare server answering our modeled error's bytes: our rows first.
const testCase = matching.find((c) => !c.server.startsWith("bare")) ?? matching[0];
if (!testCase) throw new Error(`no server bench case matches ${JSON.stringify(word)}`);

const dir = await mkdtemp(path.join(os.tmpdir(), "server-profile-"));
const server = await start(testCase.server, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
const headers = await headersFor(testCase, server.host);
await check(testCase, server, headers);
// Pinned as the bench pins them: the server on one core, this process on the others.
const measured = await withLoadGeneratorPinned(async () => {
  await load(testCase, server, headers, 1); // warm up
  return load(testCase, server, headers, Number(seconds));
});
server.end(); // the server exits, writing its profile
await server.exited();
console.log(`${testCase.name}: ${Math.round(measured.requestsPerSecond)} req/s, ${measured.cpuPerAnswer.toFixed(1)} µs CPU/answer; profile in ${dir}\n`);
console.log(summarise(readProfile(dir)));
