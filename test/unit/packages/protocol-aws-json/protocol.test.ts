// The two readings every request goes through before its body: which operation its
// X-Amz-Target names (only `<prefix>.<operation>` of this service's prefix names one), and
// the media type of its Content-Type (parameters dropped, letter case ignored).
import { formatTarget, mediaType, parseTarget } from "@codepipeline-partner/protocol-aws-json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const PREFIX = "CodePipeline_20150709";

describe("parseTarget", () => {
  it("reads the operation after the prefix and its dot", () => {
    expect(parseTarget(PREFIX, "CodePipeline_20150709.PutThirdPartyJobSuccessResult")).toBe("PutThirdPartyJobSuccessResult");
    expect(parseTarget(PREFIX, "CodePipeline_20150709.A")).toBe("A");
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["the prefix alone", PREFIX],
    ["the prefix and a dot, no operation", `${PREFIX}.`],
    ["another separator", `${PREFIX}:PutThirdPartyJobSuccessResult`],
    ["no separator", `${PREFIX}PutThirdPartyJobSuccessResult`],
    ["a longer prefix that starts with this one", `${PREFIX}0.PutThirdPartyJobSuccessResult`],
    ["a shorter prefix", "CodePipeline_2015070.PutThirdPartyJobSuccessResult"],
    ["another service's prefix", "Echo_20240101.PutThirdPartyJobSuccessResult"],
    ["the prefix in another letter case", "codepipeline_20150709.PutThirdPartyJobSuccessResult"],
    ["a blank before the prefix", ` ${PREFIX}.PutThirdPartyJobSuccessResult`],
    ["the operation alone", "PutThirdPartyJobSuccessResult"],
  ])("%s names no operation", (_, header) => {
    expect(parseTarget(PREFIX, header)).toBeUndefined();
  });

  it("reads back what formatTarget writes, and nothing without the prefix and its dot", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (prefix, operation) => {
        expect(parseTarget(prefix, formatTarget(prefix, operation))).toBe(operation);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (header) => {
        fc.pre(!header.startsWith(`${PREFIX}.`));
        expect(parseTarget(PREFIX, header)).toBeUndefined();
      }),
    );
  });
});

describe("mediaType", () => {
  it.each([
    ["application/x-amz-json-1.1", "application/x-amz-json-1.1"],
    ["application/x-amz-json-1.0", "application/x-amz-json-1.0"],
    ["Application/X-Amz-JSON-1.1", "application/x-amz-json-1.1"],
    ["application/x-amz-json-1.1; charset=utf-8", "application/x-amz-json-1.1"],
    ["application/x-amz-json-1.0;charset=UTF-8;q=1", "application/x-amz-json-1.0"],
    ["  application/x-amz-json-1.1 ; charset=utf-8", "application/x-amz-json-1.1"],
    ["application/json", "application/json"],
  ])("%j is %j", (header, want) => {
    expect(mediaType(header)).toBe(want);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["blanks", "   "],
    ["parameters alone", "; charset=utf-8"],
  ])("%s has no media type", (_, header) => {
    expect(mediaType(header)).toBeUndefined();
  });
});
