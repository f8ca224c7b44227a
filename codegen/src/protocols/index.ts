// The registry of protocols the generators speak: a service's protocol trait picks one,
// here and nowhere else. Adding a protocol is one module and one line below.
import { GenerateError } from "../errors.js";
import type { ModelIR } from "../ir/types.js";
import { awsJson1_0, awsJson1_1 } from "./aws-json.js";
import type { Protocol } from "./protocol.js";

export type { Protocol, WireCodec } from "./protocol.js";

export const PROTOCOLS: readonly Protocol[] = [awsJson1_0, awsJson1_1];

/** The protocol of the service, or a GenerateError naming what `target` supports. */
export function protocolFor(ir: ModelIR, target: string): Protocol {
  const protocol = PROTOCOLS.find((candidate) => candidate.traitId === ir.service.protocol);
  if (!protocol) {
    throw new GenerateError(
      `${target}: ${ir.service.id} uses protocol ${ir.service.protocol ?? "(none)"}; the ${target} target speaks ${PROTOCOLS.map((p) => p.name).join(" and ")} only.`,
    );
  }
  return protocol;
}
