// Regeneration speed of every target of ours (types, validators, client, server, docs) from a
// JSON AST: the real model, and synthetic models of 10, 100 and 1,000 operations that
// this benchmark writes itself. The anchor is the cost per operation at 10 operations;
// a ratio near 1 at 100 and 1,000 means the cost grows linearly.
import { loadModel, type JsonAst } from "../../codegen/src/ir/load.js";
import { emitTargets, OUTPUT } from "../../codegen/src/pipeline.js";
import { readRepoJson } from "../support/repo.js";
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

async function timeRegeneration(ast: JsonAst, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await emitTargets(loadModel(ast));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchGeneration(): Promise<Row[]> {
  await timeRegeneration(syntheticModel(10), 3); // warm up ts-morph and prettier
  const rows: Row[] = [];
  const real = await timeRegeneration(await readRepoJson<JsonAst>(OUTPUT.model), 5);
  const sizes = [10, 100, 1000] as const;
  const perOperation = new Map<number, number>();
  const totals = new Map<number, number>();
  for (const size of sizes) {
    const total = await timeRegeneration(syntheticModel(size), size === 1000 ? 1 : 3);
    totals.set(size, total);
    perOperation.set(size, total / size);
  }
  const anchor = perOperation.get(10)!;
  rows.push({ group: "regeneration (all targets)", name: "this model (1 operation)", value: `${real.toFixed(0)} ms`, ratio: anchor / real });
  for (const size of sizes) {
    rows.push({
      group: "regeneration (all targets)",
      name: `${size} operations${size === 10 ? " (anchor: cost per operation)" : ""}`,
      value: `${totals.get(size)!.toFixed(0)} ms (${perOperation.get(size)!.toFixed(1)} ms/operation)`,
      ratio: anchor / perOperation.get(size)!,
    });
  }
  return rows;
}
