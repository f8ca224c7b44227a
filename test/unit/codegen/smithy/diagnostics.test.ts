// Smithy's validation events read back from smithy-cli's output (captured from Smithy
// 1.73's `build --no-color` and `validate --no-color` in test/fixtures/toolchain/), and
// the lines they get.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_LINE, formatEvent, parseEvents, warningLines, warningsOf } from "../../../../codegen/src/smithy/diagnostics.js";
import { REPO_ROOT } from "../../../support/repo.js";

const fixture = (name: string) => readFile(path.join(REPO_ROOT, "test", "fixtures", "toolchain", name), "utf8");

describe("parseEvents", () => {
  it("reads a successful build's warning, and nothing from its projection summary", async () => {
    expect(parseEvents(await fixture("smithy-build-warning.log"))).toEqual([
      {
        severity: "WARNING",
        id: "DeprecatedShape.example.w#OldThing",
        shape: "example.w#OpInput$old",
        location: "model/m.smithy:12:9",
        message: "Member targets a deprecated shape, example.w#OldThing. use NewThing",
      },
    ]);
  });

  it("reads every event of a failed build, joining wrapped messages and leaving out the excerpts", async () => {
    const events = parseEvents(await fixture("smithy-build-failure.log"));
    expect(events.map((event) => [event.severity, event.id, event.location])).toEqual([
      ["WARNING", "DeprecatedShape.example.w#OldThing", "model/m.smithy:12:9"],
      ["WARNING", "ModelDeprecation", "model/m.smithy:13:9"],
      ["ERROR", "TraitTarget", "model/m.smithy:13:9"],
    ]);
    expect(events[2]!.message).toBe(
      "Trait `enum` cannot be applied to `example.w#OpInput$e`. This trait may only be applied to shapes that match the following selector: string :not(enum)",
    );
  });

  it("reads events without a source location, colours and rules a console could not draw", () => {
    const output = [
      "\u001b[33m--  NOTE  ------------------------------ UnreferencedShape\u001b[0m",
      "Shape: example#Lonely",
      "",
      "The shape is not connected to any service.",
      "",
      "??  DANGER  ?????????????????????????????? Risky",
      "Shape: example#Op",
      "File:  N/A",
      "",
      "Something risky.",
      "",
      "FAILURE: Validated 2 shapes (DANGER: 1, NOTE: 1)",
    ].join("\n");
    expect(parseEvents(output)).toEqual([
      { severity: "NOTE", id: "UnreferencedShape", shape: "example#Lonely", message: "The shape is not connected to any service." },
      { severity: "DANGER", id: "Risky", shape: "example#Op", message: "Something risky." },
    ]);
  });

  it("finds nothing in output without events", () => {
    expect(parseEvents("SUCCESS: Validated 868 shapes\n\nSummary: Smithy built 1 projection(s)\n")).toEqual([]);
  });
});

describe("the lines of a successful build", () => {
  const event = (severity: "SUPPRESSED" | "NOTE" | "WARNING" | "DANGER" | "ERROR") => ({ severity, id: "X", location: "model/a.smithy:1:2", message: "m" });

  it("are its WARNING and DANGER events, never NOTE or SUPPRESSED", () => {
    const events = (["SUPPRESSED", "NOTE", "WARNING", "DANGER"] as const).map(event);
    expect(warningsOf(events).map((e) => e.severity)).toEqual(["WARNING", "DANGER"]);
  });

  it("name the file, line and column, the event and its message", () => {
    expect(formatEvent(event("WARNING"))).toBe("smithy: WARNING model/a.smithy:1:2 X: m");
    expect(formatEvent({ severity: "DANGER", id: "Y", shape: "example#S", message: "n" })).toBe("smithy: DANGER (example#S) Y: n");
    expect(EVENT_LINE.test(formatEvent(event("WARNING")))).toBe(true);
    expect(EVENT_LINE.test("smithy: building the model (JVM)")).toBe(false);
  });
});

describe("warningLines", () => {
  const enumName = (line: number, name: string) => ({
    severity: "WARNING" as const,
    id: "EnumShape",
    shape: `example#Status$${name}`,
    location: `model/main.smithy:${line}:5`,
    message: `The name \`${name}\` does not match the recommended enum name format.`,
  });

  it("gives each warning its line while an event ID comes up to three times", () => {
    const events = [enumName(10, "Ok"), enumName(13, "Failed"), enumName(16, "Lost")];
    expect(warningLines(events)).toEqual(events.map(formatEvent));
  });

  it("gives a linter that flags every enum member two lines and then the places of the rest", () => {
    const events = [enumName(10, "A"), enumName(13, "B"), enumName(16, "C"), enumName(19, "D"), { ...enumName(4, "E"), location: "model/other.smithy:4:5" }];
    expect(warningLines([{ severity: "NOTE", id: "N", message: "n" }, ...events])).toEqual([
      formatEvent(events[0]!),
      formatEvent(events[1]!),
      "smithy: WARNING EnumShape 3 more time(s), at model/main.smithy:16:5, 19:5, model/other.smithy:4:5",
    ]);
    expect(warningLines(events).every((line) => EVENT_LINE.test(line))).toBe(true);
  });
});

describe("this repository's model", () => {
  it("draws 22 EnumShape warnings (its enum members are named as the service names them), printed in three lines", async () => {
    const events = parseEvents(await fixture("smithy-validate-enum-names.log"));
    expect(events.length).toBe(22);
    expect(events[4]).toEqual({
      severity: "WARNING",
      id: "EnumShape",
      shape: "com.amazonaws.codepipeline#FailureType$RevisionUnavailable",
      location: "model/codepipeline.smithy:256:5",
      message:
        "The name `RevisionUnavailable` does not match the recommended enum name format of beginning with an uppercase letter, followed by any number of uppercase letters, numbers, or underscores.",
    });
    const lines = warningLines(events);
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^smithy: WARNING model\/codepipeline\.smithy:244:5 EnumShape: The name `JobFailed` does not match/);
    expect(lines[2]).toBe(
      "smithy: WARNING EnumShape 20 more time(s), at model/codepipeline.smithy:250:5, 253:5, 256:5, 259:5, 342:5, 345:5, 348:5, 351:5, 354:5, 357:5, 360:5, 369:5, 372:5, 510:5, 513:5, 516:5, 519:5, 522:5, 525:5, 528:5",
    );
  });
});
