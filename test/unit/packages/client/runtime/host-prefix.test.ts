// @hostLabel values become part of a host name: letters, digits and hyphens, 1 to 63 of
// them, no hyphen at either end (RFC 1123, as Smithy's endpoint rules check them). Any
// other value is an InputValidationError naming the member, and nothing is sent.
import { beforeAll, describe, expect, it } from "vitest";
import { InputValidationError } from "../../../../../packages/client/src/runtime/errors.js";
import { hostLabel } from "../../../../../packages/client/src/runtime/host-prefix.js";
import { behaviourTraitsWorkspace } from "../../../../support/behaviour-traits-model.js";

describe("hostLabel", () => {
  it.each([
    ["123456789012", "123456789012"],
    ["a", "a"],
    ["team-a", "team-a"],
    ["Team-A", "team-a"],
    ["x".repeat(63), "x".repeat(63)],
    ["a-b-c-1-2-3", "a-b-c-1-2-3"],
  ])("%s is a host label: %s", (value, expected) => {
    expect(hostLabel(value, "accountId")).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["x".repeat(64), "64 characters"],
    ["-abc", "a leading hyphen"],
    ["abc-", "a trailing hyphen"],
    ["a.b", "a dot (a second label)"],
    ["a_b", "an underscore"],
    ["a b", "a space"],
    ["a/b", "a slash"],
    ["évian", "a letter beyond ASCII"],
    ["evil.com#", "a URL delimiter"],
    ["a:80", "a port"],
  ])("%s is refused (%s)", (value) => {
    expect(() => hostLabel(value, "accountId")).toThrow(InputValidationError);
    try {
      hostLabel(value, "accountId");
    } catch (error) {
      expect((error as InputValidationError).issues).toEqual([{ path: "accountId", message: expect.stringContaining("Member must be a valid host label") }]);
    }
  });

  it.each([[undefined], [null]])("%s is refused as a missing member", (value) => {
    expect(() => hostLabel(value, "accountId")).toThrow("Value null at 'accountId' failed to satisfy constraint: Member must not be null");
  });

  it("a value that is not a string is refused", () => {
    expect(() => hostLabel(42, "accountId")).toThrow(InputValidationError);
  });
});

describe("through the generated client", () => {
  let client: any;
  const calls: string[] = [];

  beforeAll(async () => {
    const generated = await behaviourTraitsWorkspace("client-runtime-host-prefix");
    const fetch = async (url: string) => {
      calls.push(url);
      return new Response("{}", { status: 200 });
    };
    client = new generated.client.CodePipelineClient({ region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, fetch });
  }, 60_000);

  it("an invalid label is refused before anything is sent, naming the member", async () => {
    for (const accountId of ["evil.example.com#", "", "-x", undefined]) {
      const error = await client.getJobLogs({ accountId, jobId: "j" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe("InputValidationError");
      expect(error.message).toContain("'accountId'");
      expect(error.message).toContain("nothing was sent");
    }
    expect(calls).toEqual([]);
  });

  it("a valid one is sent to the prefixed host", async () => {
    await client.getJobLogs({ accountId: "acct-1", jobId: "j" });
    expect(calls).toEqual(["https://acct-1.logs.codepipeline.us-east-1.amazonaws.com/"]);
  });
});
