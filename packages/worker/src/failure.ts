// What a handler's thrown error becomes in the failure report. The report is shown to the
// pipeline's users, so it carries the error's name and message, never its stack, and a
// bounded length; a user's mapping (`failureFor`) is kept to the model's bound too.
import type { FailureDetails } from "@codepipeline-partner/types";

/** The longest message the worker writes for a thrown error, in characters (code points). */
export const SAFE_MESSAGE_LENGTH = 1_000;

/** The model's bound on `FailureDetails.message`. */
const MODEL_MESSAGE_LENGTH = 5_000;

/** `TypeError: <message>`, cut to SAFE_MESSAGE_LENGTH; a value that is not an Error says only that. */
export function safeFailureMessage(error: unknown): string {
  if (error instanceof Error) {
    const name = typeof error.name === "string" && error.name !== "" ? error.name : "Error";
    const message = typeof error.message === "string" && error.message.trim() !== "" ? error.message : "(no message)";
    return truncate(`${name}: ${message}`, SAFE_MESSAGE_LENGTH);
  }
  if (typeof error === "string" && error.trim() !== "") return truncate(`Error: ${error}`, SAFE_MESSAGE_LENGTH);
  return `Error: the job's handler threw a ${error === null ? "null" : typeof error}, not an Error.`;
}

/** The default mapping of a thrown error: a JobFailed with its safe message. */
export function defaultFailureFor(error: unknown): FailureDetails {
  return { type: "JobFailed", message: safeFailureMessage(error) };
}

/** Failure details the service will take: a message of 1 to 5,000 characters. */
export function boundedFailure(details: FailureDetails): FailureDetails {
  const message = typeof details.message === "string" && details.message !== "" ? truncate(details.message, MODEL_MESSAGE_LENGTH) : "(no message)";
  return { ...details, message };
}

/** At most `max` code points, the last of them an ellipsis when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text; // fewer UTF-16 units than max means fewer code points too
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}
