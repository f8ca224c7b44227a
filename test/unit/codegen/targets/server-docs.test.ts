// The server target's handler interface documents each method from the model: the
// operation's own documentation, then the errors it may throw, and no errors line for an
// operation that declares none.
import { describe, expect, it } from "vitest";
import { emitServer } from "../../../../codegen/src/targets/server.js";
import { member, model, operation, structure } from "../../../support/ir.js";

const ir = model({
  operations: [
    operation("Get", { input: "GetInput", output: "GetOutput", errors: ["NotFound"], documentation: "Reads one item." }),
    operation("Add", { input: "AddInput", output: "AddOutput", documentation: "Adds one item." }),
  ],
  shapes: [
    structure("GetInput", [member("id", "smithy.api#String", { required: true })], { isInput: true }),
    structure("GetOutput", []),
    structure("AddInput", [member("id", "smithy.api#String", { required: true })], { isInput: true }),
    structure("AddOutput", []),
    structure("NotFound", [member("message", "smithy.api#String")], { error: { fault: "client", httpStatus: 400 } }),
  ],
});
const code = emitServer(ir).map((file) => file.contents).join("\n");

describe("server target: handler method docs", () => {
  it("an operation with errors names them", () => {
    expect(code).toMatch(/Reads one item\.\s*\n\s*\*\s*\n\s*\* May throw `NotFound`\./);
  });

  it("an operation without errors has no errors line", () => {
    expect(code).toContain("Adds one item.");
    expect(code).not.toMatch(/May throw \./);
    expect(code.match(/May throw/g)).toHaveLength(1);
  });
});
