// Self time by function and by file from a V8 .cpuprofile (`node --cpu-prof`), heaviest
// first: `tsx test/bench/cpuprofile.ts <file.cpuprofile | directory> [rows]`. The profiler
// samples wall time: on a busy machine a native frame doing a syscall (writev,
// writeLatin1String) also collects the time the process waited for a core, so read the
// JavaScript rows against each other and the CPU figures from process.cpuUsage().
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 40): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const time = profile.timeDeltas[i] ?? 0;
    const file = frame.url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "") || "(native)";
    // tsx compiles each module to few lines: the column tells functions apart.
    const name = `${frame.functionName || "(anonymous)"} ${file}${frame.url ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    byFile.set(file, (byFile.get(file) ?? 0) + time);
    total += time;
  });
  const table = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => `${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  return `self time by function (of ${(total / 1e6).toFixed(1)} s sampled):\n${table(byFunction, top)}\n\nby file:\n${table(byFile, 15)}`;
}

/**
 * The profile at `where`, or the newest main-thread one in that directory. Node names
 * them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; tsx's loader runs in a worker
 * thread whose profile is written last, and is not the server's.
 */
export function readProfile(where: string): Profile {
  const newest = (names: string[]) => names.sort((a, b) => statSync(path.join(where, b)).mtimeMs - statSync(path.join(where, a)).mtimeMs)[0];
  const all = statSync(where).isDirectory() ? readdirSync(where).filter((name) => name.endsWith(".cpuprofile")) : [];
  const file = statSync(where).isDirectory() ? path.join(where, (newest(all.filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name))) ?? newest(all))!) : where;
  return JSON.parse(readFileSync(file, "utf8")) as Profile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [where, rows = "40"] = process.argv.slice(2);
  if (!where) {
    console.error("usage: tsx test/bench/cpuprofile.ts <file.cpuprofile | directory> [rows]");
    process.exit(2);
  }
  console.log(summarise(readProfile(where), Number(rows)));
}
