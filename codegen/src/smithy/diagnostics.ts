// Smithy's validation events, read back from what smithy-cli prints: a successful build
// prints its WARNING events too, and they deserve one line each rather than silence.
//
// smithy-cli (1.4x and later) prints each event as a block:
//
//   ──  WARNING  ──────────────────────── DeprecatedShape.example#Old
//   Shape: example#Input$old
//   File:  model/main.smithy:12:9
//
//   12|     old: Old
//     |     ^
//
//   Member targets a deprecated shape, example#Old.
//
// followed by a `SUCCESS:` or `FAILURE:` summary. Events without a source location have
// no File line and no excerpt; long messages are wrapped.

export type Severity = "SUPPRESSED" | "NOTE" | "WARNING" | "DANGER" | "ERROR";

export interface SmithyEvent {
  severity: Severity;
  /** The event ID, such as `DeprecatedShape.example#Old`. */
  id: string;
  shape?: string;
  /** `path:line:col`, as Smithy printed it (relative to the working directory). */
  location?: string;
  message: string;
}

// The rule may be box drawing, or `?` and `-` where a console could not print it.
const HEADER = /^[─\-?=]{2,}\s+(SUPPRESSED|NOTE|WARNING|DANGER|ERROR)\s+[─\-?=]+\s*(\S.*?)?\s*$/;
// What ends the last event's block: another header, a projection's rule, the summaries.
const END = /^(?:[─\-?=]{2,}\s|SUCCESS:|FAILURE:|Validated model|Summary:|Completed projection)/;
// Excerpt lines: `12|     old: Old`, `  |     ^`, and `···|` where lines are skipped.
const EXCERPT = /^\s*(?:\d+|·+|\.+)?\s*\|/;

export function parseEvents(output: string): SmithyEvent[] {
  const events: SmithyEvent[] = [];
  let current: (SmithyEvent & { lines: string[] }) | undefined;
  const finish = () => {
    if (!current) return;
    const { lines, ...event } = current;
    events.push({ ...event, message: lines.join(" ").replace(/\s+/g, " ").trim() });
    current = undefined;
  };
  for (const raw of output.replace(/\u001b\[[0-9;]*m/g, "").split(/\r?\n/)) {
    const header = HEADER.exec(raw);
    if (header) {
      finish();
      current = { severity: header[1] as Severity, id: header[2] ?? "", message: "", lines: [] };
      continue;
    }
    if (!current) continue;
    if (END.test(raw)) {
      finish();
      continue;
    }
    const field = /^(Shape|File):\s+(.*\S)\s*$/.exec(raw);
    if (field && current.lines.length === 0) {
      if (field[1] === "Shape") current.shape = field[2];
      else if (field[2] !== "N/A") current.location = field[2];
      continue;
    }
    if (EXCERPT.test(raw) || raw.trim() === "") continue;
    current.lines.push(raw.trim());
  }
  finish();
  return events;
}

/** The events worth a line on a successful build: WARNING and DANGER, never NOTE or SUPPRESSED. */
export function warningsOf(events: SmithyEvent[]): SmithyEvent[] {
  return events.filter((event) => event.severity === "WARNING" || event.severity === "DANGER");
}

/** `smithy: WARNING model/main.smithy:12:9 DeprecatedShape.example#Old: Member targets ...` */
export function formatEvent(event: SmithyEvent): string {
  const where = event.location ?? (event.shape ? `(${event.shape})` : "");
  return `smithy: ${event.severity} ${where ? `${where} ` : ""}${event.id}: ${event.message}`;
}

/**
 * The lines for a build's warnings: one per event, except that an event ID seen more than
 * `perId` times (a linter flagging every member of every enum) gets its first `perId - 1`
 * events and then one line with the places of the rest.
 */
export function warningLines(events: SmithyEvent[], perId = 3): string[] {
  const groups = new Map<string, SmithyEvent[]>();
  for (const event of warningsOf(events)) {
    const key = `${event.severity} ${event.id}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  const lines: string[] = [];
  for (const [key, group] of groups) {
    if (group.length <= perId) {
      lines.push(...group.map(formatEvent));
      continue;
    }
    const shown = group.slice(0, perId - 1);
    const rest = group.slice(perId - 1);
    lines.push(...shown.map(formatEvent));
    // Places in the file named just before are written line:col.
    let file: string | undefined;
    const places = rest.map((event) => {
      const match = event.location ? /^(.*):(\d+:\d+)$/.exec(event.location) : null;
      if (!match) return event.location ?? event.shape ?? "?";
      const place = match[1] === file ? match[2]! : event.location!;
      file = match[1];
      return place;
    });
    lines.push(`smithy: ${key} ${rest.length} more time(s), at ${places.join(", ")}`);
  }
  return lines;
}

/** Tells a line made by formatEvent or warningLines from the toolchain's other lines. */
export const EVENT_LINE = /^smithy: (?:SUPPRESSED|NOTE|WARNING|DANGER|ERROR) /;
