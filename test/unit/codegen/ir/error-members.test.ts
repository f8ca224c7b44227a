// An error's members become fields of the error object the client throws, beside the
// fields every error has (name, $fault, $metadata, message, stack). smithy-typescript
// writes such a member as a second class field of the same name (which does not compile,
// or for `stack` replaces the stack trace), so the loader refuses it, naming the member.
import { describe, expect, it } from "vitest";
import { id, loadProblems as problems, smithy, type AstShape } from "../../../support/ir.js";

/** The operation's input refers to the error `Oops` with these members. */
const withError = (members: Record<string, { target: string }>, extra: Record<string, AstShape> = {}): Record<string, AstShape> => ({
  Op: { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit }, errors: [{ target: id("Oops") }] },
  Oops: { type: "structure", members, traits: { "smithy.api#error": "client" } },
  ...extra,
});

describe("error members that collide with the error object's own fields", () => {
  it.each([
    ["name", "holds the error's name, its shape's name"],
    ["$fault", "says whose fault the error is"],
    ["$metadata", "holds the response's metadata"],
    ["stack", "holds the error's stack trace"],
  ])("a member named %s is refused", (name, why) => {
    expect(problems(withError({ [name]: { target: smithy.String } }))).toEqual([
      `  - test.ns#Oops$${name}: an error member named '${name}' collides with the client error's own field, which ${why}; rename the member.`,
    ]);
  });

  it("a message that is not a string is refused; a string or enum message is the error's message", () => {
    expect(problems(withError({ message: { target: smithy.Integer } }))).toEqual([
      "  - test.ns#Oops$message: an error's 'message' member is the client error's message, so it must target a string, not integer.",
    ]);
    expect(problems(withError({ message: { target: smithy.String } }))).toEqual([]);
    expect(problems(withError({ message: { target: id("Why") } }, { Why: { type: "enum", members: { A: { target: smithy.Unit } } } }))).toEqual([]);
  });

  it.each(["toString", "constructor", "valueOf"])("a member named %s, which every object inherits, is refused: a field would replace it", (name) => {
    expect(problems(withError({ [name]: { target: smithy.String } }))).toEqual([
      `  - test.ns#Oops$${name}: an error member named '${name}' would replace the client error's inherited ${name}; rename the member.`,
    ]);
  });

  it("a member named code is an ordinary member (the X-Amzn-Errortype header names the error)", () => {
    expect(problems(withError({ code: { target: smithy.String } }))).toEqual([]);
  });

  it("members of those names elsewhere, and other spellings, are fine", () => {
    expect(problems(withError({ Message: { target: smithy.Integer }, Name: { target: smithy.String }, reason: { target: smithy.String } }))).toEqual([]);
    expect(problems({ Input: { type: "structure", members: { name: { target: smithy.String }, stack: { target: smithy.String } } } })).toEqual([]);
  });

  it("a colliding member inherited from a mixin is named on the error", () => {
    const shapes = withError({}, { Base: { type: "structure", members: { stack: { target: smithy.String } }, traits: { "smithy.api#mixin": {} } } });
    shapes.Oops = { ...shapes.Oops!, mixins: [{ target: id("Base") }] };
    expect(problems(shapes)).toEqual([`  - test.ns#Oops$stack: an error member named 'stack' collides with the client error's own field, which holds the error's stack trace; rename the member.`]);
  });
});
