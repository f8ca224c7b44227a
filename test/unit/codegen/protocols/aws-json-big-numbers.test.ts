// The awsJson codec and bigInteger/bigDecimal, from a hand-built IR: only messages that can
// hold one get the exact JSON reader and writer, and their (de)serializers convert them,
// naming the member in what a refusal says.
import { describe, expect, it } from "vitest";
import { awsJson1_1 } from "../../../../codegen/src/protocols/aws-json.js";
import { list, map, member, model, smithy, structure } from "../../../support/ir.js";

const ir = model({
  shapes: [
    structure("Plain", [member("count", smithy.Long), member("ratio", smithy.Double)]),
    structure("Direct", [member("whole", smithy.BigInteger), member("decimal", smithy.BigDecimal)]),
    // Reached through a list, a map and a structure that refers to itself.
    structure("Deep", [member("next", "Deep"), member("rows", "Rows")]),
    list("Rows", "ByName"),
    map("ByName", smithy.String, smithy.BigDecimal),
    structure("Loop", [member("again", "Loop"), member("count", smithy.Integer)]),
  ],
});
const shape = (name: string) => ir.shapes.get(`test.ns#${name}`)!;

describe("which messages need the exact JSON reader and writer", () => {
  it.each([
    ["a structure of ordinary numbers keeps JSON.parse and JSON.stringify", "Plain", undefined, undefined],
    ["a structure recursive without big numbers ends the search and keeps them", "Loop", undefined, undefined],
    ["a structure with big members needs both exact ones", "Direct", "parseExactJson", "stringifyExactJson"],
    ["a bigDecimal reached through a list of maps, beside recursion, needs them", "Deep", "parseExactJson", "stringifyExactJson"],
  ])("%s", (_, name, parser, stringifier) => {
    const codec = awsJson1_1.codec(ir, "client");
    expect(codec.parser(shape(name))).toBe(parser);
    expect(codec.stringifier(shape(name))).toBe(stringifier);
    // Asked for, the runtime functions are imported; not asked for, nothing is.
    const named = codec.imports().flatMap((declaration) => declaration.namedImports as string[]);
    expect(named).toEqual(parser ? ["parseExactJson", "stringifyExactJson"] : []);
  });

  it("an operation without input or output needs neither", () => {
    const codec = awsJson1_1.codec(ir, "server");
    expect(codec.parser(undefined)).toBeUndefined();
    expect(codec.stringifier(undefined)).toBeUndefined();
  });
});

describe("the (de)serializers of big members", () => {
  const code = (direction: "serializer" | "deserializer", name: string) => {
    const codec = awsJson1_1.codec(ir, "client");
    codec[direction](shape(name));
    return codec.functions().map((fn) => ("statements" in fn ? (fn.statements as string[]).join("\n") : "")).join("\n");
  };

  it("serialize a bigint and decimal text as wire numbers, naming the member for a refusal", () => {
    const written = code("serializer", "Direct");
    expect(written).toContain('out["whole"] = toJsonBigInteger(value.whole, "Direct.whole");');
    expect(written).toContain('out["decimal"] = toJsonBigDecimal(value.decimal, "Direct.decimal");');
    expect(code("serializer", "ByName")).toContain('toJsonBigDecimal(item, "ByName.value")');
  });

  it("deserialize wire numbers to a bigint and decimal text", () => {
    const read = code("deserializer", "Direct");
    expect(read).toContain('out["whole"] = fromJsonBigInteger(value["whole"]);');
    expect(read).toContain('out["decimal"] = fromJsonBigDecimal(value["decimal"]);');
  });
});
