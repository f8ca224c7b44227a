// Regeneration speed of every target of ours (types, validators, client, server, docs) from a
// JSON AST: the real model, the partner-artifact-store fixture (a model of AWS's size and
// shape: 36 operations, an endpoint rule set, paginators; its JSON AST built once up front by
// the real Smithy toolchain), and synthetic models of 10, 43, 100 and 1,000 operations that
// this benchmark writes itself. The anchor is the cost per operation at 10 operations;
// a ratio near 1 at 100 and 1,000 means the cost grows linearly. Then the real CLI's
// `generate` with nothing changed, in a scratch copy of the repository, against the same
// command when its outputs cache is empty (so every target runs).
import { mkdir, readFile, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { loadModel, type JsonAst, type LoadOptions } from "../../codegen/src/ir/load.js";
import { emitTargets, OUTPUT, outputPaths, runPipeline } from "../../codegen/src/pipeline.js";
import { run } from "../../codegen/src/smithy/toolchain.js";
import { CACHE_DIR, copyRepo, readRepoJson, REPO_ROOT, scratchDir } from "../support/repo.js";
import type { Row } from "./table.js";

const NS = "bench.synthetic";

/** A model of `count` operations, each with its own input, nested structure, list and enum. */
export function syntheticModel(count: number): JsonAst {
  const shapes: JsonAst["shapes"] = {
    [`${NS}#Service`]: {
      type: "service",
      version: "1",
      operations: Array.from({ length: count }, (_, i) => ({ target: `${NS}#Operation${i}` })),
      traits: { "aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": { name: "bench" } },
    },
    [`${NS}#Failed`]: { type: "structure", members: { message: { target: "smithy.api#String" } }, traits: { "smithy.api#error": "client" } },
  };
  const doc = (text: string) => ({ "smithy.api#documentation": text });
  for (let i = 0; i < count; i++) {
    shapes[`${NS}#Operation${i}`] = { type: "operation", input: { target: `${NS}#Operation${i}Input` }, output: { target: "smithy.api#Unit" }, errors: [{ target: `${NS}#Failed` }], traits: doc(`Operation number ${i}.`) };
    shapes[`${NS}#Operation${i}Input`] = {
      type: "structure",
      traits: doc("The input."),
      members: {
        id: { target: "smithy.api#String", traits: { "smithy.api#required": {}, "smithy.api#length": { min: 1, max: 64 }, ...doc("An ID.") } },
        token: { target: "smithy.api#String", traits: { "smithy.api#length": { min: 1, max: 256 }, "smithy.api#pattern": "^[A-Za-z0-9-]+$", ...doc("A token.") } },
        count: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 0, max: 100 }, ...doc("A count.") } },
        tags: { target: `${NS}#Tags${i}`, traits: doc("Tags.") },
        detail: { target: `${NS}#Detail${i}`, traits: doc("Details.") },
      },
    };
    shapes[`${NS}#Tags${i}`] = { type: "list", member: { target: "smithy.api#String", traits: { "smithy.api#length": { min: 1, max: 32 } } }, traits: { "smithy.api#length": { max: 10 } } };
    shapes[`${NS}#Detail${i}`] = {
      type: "structure",
      members: {
        kind: { target: `${NS}#Kind${i}`, traits: { "smithy.api#required": {} } },
        note: { target: "smithy.api#String", traits: { "smithy.api#length": { max: 2048 } } },
        when: { target: "smithy.api#Timestamp" },
      },
    };
    shapes[`${NS}#Kind${i}`] = { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "A" } }, B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "B" } } } };
  }
  return { smithy: "2.0", shapes };
}

/** Issue 10's goals, in milliseconds: regeneration fast enough to run on every save. */
const GOALS = { operations43: 1500, operations1000: 10_000, noChangeGenerate: 1000 };

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/**
 * Median wall time of loading the model and running every target, and the process's CPU
 * time over the same rounds (the formatter's threads included): on a shared machine the
 * wall time also counts the time other processes held the cores.
 */
async function timeRegeneration(ast: JsonAst, rounds: number, options?: LoadOptions): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await emitTargets(loadModel(ast, options));
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/**
 * Wall time of `npm run generate`'s command (without npm) in a scratch copy: with nothing
 * changed, and, as the anchor, the same run after emptying the copy's outputs cache, so
 * that every target runs and formats (the Smithy build is reused by both).
 */
async function timeGenerateCli(rounds: number): Promise<{ noChange: number; targetsRun: number }> {
  const scratch = await scratchDir("bench-generate");
  try {
    const root = await copyRepo(scratch.dir, { sharedCache: false });
    await mkdir(path.join(root, ".cache"), { recursive: true });
    await symlink(path.join(REPO_ROOT, ".cache", "smithy"), path.join(root, ".cache", "smithy"), "dir");
    const script = (JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.generate!;
    const [command, ...args] = script.split(" ");
    const generate = async () => {
      const started = performance.now();
      const result = await run(command === "node" ? process.execPath : command!, args, { cwd: root });
      const ms = performance.now() - started;
      if (result.code !== 0) throw new Error(`generate failed in the bench's copy:\n${result.stderr}`);
      return { ms, stdout: result.stdout };
    };
    await generate(); // warms tsx's transform cache; the copy's disk now matches the model
    const noChange: number[] = [];
    const targetsRun: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await rm(path.join(root, ".cache", "outputs"), { recursive: true, force: true });
      const cold = await generate();
      const warm = await generate();
      for (const [name, { stdout }] of [["with an empty outputs cache", cold], ["with nothing changed", warm]] as const) {
        if (!/generate: 0 written, 0 deleted/.test(stdout)) throw new Error(`generate ${name} wrote files:\n${stdout}`);
      }
      if (!warm.stdout.includes("outputs reused")) throw new Error(`generate with nothing changed ran the targets:\n${warm.stdout}`);
      targetsRun.push(cold.ms);
      noChange.push(warm.ms);
    }
    return { noChange: median(noChange), targetsRun: median(targetsRun) };
  } finally {
    await scratch.remove();
  }
}

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures");
/** The fixture's service (its model has a second one, in IDL). */
const PARTNER_STORE = "com.example.partnerartifacts#PartnerArtifactStore_20261201";

/** The partner-artifact-store fixture's JSON AST, as the Smithy toolchain builds it (cached by content hash, like every build). */
async function partnerStoreModel(): Promise<JsonAst> {
  const { files } = await runPipeline({
    modelDir: path.join(FIXTURES, "partner-artifact-store"),
    configPath: path.join(FIXTURES, "partner-artifact-store.smithy-build.json"),
    cacheDir: CACHE_DIR,
  });
  return JSON.parse(files.find((file) => file.path === outputPaths("partnerartifactstore").model)!.contents) as JsonAst;
}

export async function benchGeneration(): Promise<Row[]> {
  // Before any timing: the toolchain's JVM (on a cold cache) is no part of what is measured.
  const partnerModel = await partnerStoreModel();
  await timeRegeneration(syntheticModel(10), 3); // warm up ts-morph and the formatter
  const rows: Row[] = [];
  const realModel = await readRepoJson<JsonAst>(OUTPUT.model);
  const realOperations = loadModel(realModel).operations.length;
  const real = await timeRegeneration(realModel, 5);
  const partnerOperations = loadModel(partnerModel, { service: PARTNER_STORE }).operations.length;
  const partner = await timeRegeneration(partnerModel, 5, { service: PARTNER_STORE });
  const sizes = [10, 43, 100, 1000] as const;
  const perOperation = new Map<number, number>();
  const totals = new Map<number, { wall: number; cpu: number }>();
  for (const size of sizes) {
    const total = await timeRegeneration(syntheticModel(size), size === 1000 ? 1 : 3);
    totals.set(size, total);
    perOperation.set(size, total.wall / size);
  }
  const anchor = perOperation.get(10)!;
  const operations = (count: number) => `${count} operation${count === 1 ? "" : "s"}`;
  rows.push({ group: "regeneration (all targets)", name: `this model (${operations(realOperations)})`, value: `${real.wall.toFixed(0)} ms (${real.cpu.toFixed(0)} ms CPU)`, ratio: (anchor * realOperations) / real.wall });
  rows.push({
    group: "regeneration (all targets)",
    name: `the partner-artifact-store fixture (${operations(partnerOperations)}, an endpoint rule set, paginators)`,
    value: `${partner.wall.toFixed(0)} ms (${(partner.wall / partnerOperations).toFixed(1)} ms/operation; ${partner.cpu.toFixed(0)} ms CPU)`,
    ratio: (anchor * partnerOperations) / partner.wall,
  });
  const note: Record<number, string> = {
    10: " (anchor: cost per operation)",
    43: ` (goal: under ${GOALS.operations43 / 1000} s)`,
    1000: ` (goal: under ${GOALS.operations1000 / 1000} s)`,
  };
  for (const size of sizes) {
    rows.push({
      group: "regeneration (all targets)",
      name: `${operations(size)}${note[size] ?? ""}`,
      value: `${totals.get(size)!.wall.toFixed(0)} ms (${perOperation.get(size)!.toFixed(1)} ms/operation; ${totals.get(size)!.cpu.toFixed(0)} ms CPU)`,
      ratio: anchor / perOperation.get(size)!,
    });
  }

  const cli = await timeGenerateCli(3);
  const group = "`npm run generate`, wall time of its command";
  rows.push({ group, name: "nothing changed but the outputs cache emptied: every target runs (anchor)", value: `${cli.targetsRun.toFixed(0)} ms`, ratio: 1 });
  rows.push({
    group,
    name: `nothing changed: outputs reused, nothing written (goal: under ${GOALS.noChangeGenerate / 1000} s)`,
    value: `${cli.noChange.toFixed(0)} ms`,
    ratio: cli.targetsRun / cli.noChange,
  });
  return rows;
}
