// Validation throughput of the generated validators against Ajv (compiled from the
// JSON Schema Smithy generated from the same model: the anchor) and zod 4.
import * as validators from "@codepipeline-partner/validators";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Bench } from "tinybench";
import { z } from "zod";
import { OUTPUT } from "../../codegen/src/pipeline.js";
import { readRepoJson } from "../support/repo.js";
import type { Row } from "./table.js";

export const VALID = {
  jobId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
  clientToken: "f0e1d2c3-token-EXAMPLE",
  currentRevision: { revision: "8f4bc9a07d6e5f3c2b1a", changeIdentifier: "commit-8f4bc9a", created: 1700000000.123, revisionSummary: "Fix the build" },
  continuationToken: "deployment-d-EXAMPLE",
  executionDetails: { summary: "Deployed to 3 hosts", externalExecutionId: "d-EXAMPLE", percentComplete: 100 },
};
/** Two violations deep in the input, as a careless caller would send. */
export const INVALID = { ...VALID, clientToken: "", currentRevision: { ...VALID.currentRevision, changeIdentifier: "x".repeat(101) } };

export async function benchValidators(time: number): Promise<Row[]> {
  const schema = { ...(await readRepoJson<Record<string, unknown>>(OUTPUT.jsonSchema)), $id: "model.json" };
  const compile = (allErrors: boolean) =>
    new Ajv2020({ strict: true, allErrors }).addSchema(schema).compile({ $ref: "model.json#/$defs/PutThirdPartyJobSuccessResultInput" });
  const ajvValidate = compile(false);
  const ajvValidateAll = compile(true);

  // zod counts UTF-16 units, not code points; close enough for a speed comparison.
  const text = (max: number) => z.string().min(1).max(max);
  const zodSchema = z.object({
    jobId: text(512),
    clientToken: text(256),
    currentRevision: z.object({ revision: text(1500), changeIdentifier: text(100), created: z.number().optional(), revisionSummary: text(2048).optional() }).optional(),
    continuationToken: text(2048).optional(),
    executionDetails: z.object({ summary: text(2048).optional(), externalExecutionId: text(1500).optional(), percentComplete: z.number().int().min(0).max(100).optional() }).optional(),
  });

  // Each case must agree before it is timed.
  for (const [input, ok] of [[VALID, true], [INVALID, false]] as const) {
    if (validators.isPutThirdPartyJobSuccessResultInput(input) !== ok || ajvValidate(input) !== ok || zodSchema.safeParse(input).success !== ok) {
      throw new Error("The validators disagree on the benchmark input; fix that before timing.");
    }
  }

  // Two questions, each with the Ajv mode that answers it as the anchor: "is it valid?"
  // (Ajv stops at the first error) and "what is wrong with it?" (Ajv with allErrors).
  const groups = [
    { question: "yes/no", anchor: ["Ajv (anchor)", () => ajvValidate] as const, ours: ["ours: is", () => validators.isPutThirdPartyJobSuccessResultInput] as const },
    { question: "every issue", anchor: ["Ajv allErrors (anchor)", () => ajvValidateAll] as const, ours: ["ours: validate, with the AWS message", () => validators.validatePutThirdPartyJobSuccessResultInput] as const },
  ];
  const rows: Row[] = [];
  for (const [label, input] of [["valid input", VALID], ["invalid input", INVALID]] as const) {
    for (const { question, anchor, ours } of groups) {
      const bench = new Bench({ time, warmup: true, warmupTime: time / 4 });
      const anchorFn = anchor[1]();
      const oursFn = ours[1]();
      bench
        .add(anchor[0], () => anchorFn(input))
        .add(ours[0], () => oursFn(input))
        .add("zod 4 safeParse", () => zodSchema.safeParse(input));
      await bench.run();
      const base = throughput(bench.getTask(anchor[0])!);
      for (const task of bench.tasks) {
        const ops = throughput(task);
        rows.push({ group: `validation, ${label}, ${question}`, name: task.name, value: `${format(ops)} ops/s`, ratio: ops / base });
      }
    }
  }
  return rows;
}

function throughput(task: { result?: unknown }): number {
  const result = task.result as { throughput?: { mean: number } } | undefined;
  if (!result?.throughput) throw new Error("a benchmark task did not run");
  return result.throughput.mean;
}

export function format(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}
