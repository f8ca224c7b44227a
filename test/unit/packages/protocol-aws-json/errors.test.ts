// encodeError writes the usual envelope ({ __type, message }) without building an object;
// its answers must stay byte for byte those of the plain construction it replaced.
import { awsJson1_0, awsJson1_1, encodeError, ERROR_TYPE_HEADER, REQUEST_ID_HEADER, type AwsJsonProtocol } from "@codepipeline-partner/protocol-aws-json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

type ErrorInput = Parameters<typeof encodeError>[1];

/** The construction encodeError used before its fast path, kept as the specification. */
function reference(protocol: AwsJsonProtocol, error: ErrorInput) {
  const body: Record<string, unknown> = { __type: error.name, ...error.members };
  if (error.message) body.message = error.message;
  const headers: Record<string, string> = { "content-type": protocol.contentType };
  if (error.requestId !== undefined) headers[REQUEST_ID_HEADER] = error.requestId;
  headers[ERROR_TYPE_HEADER] = error.name;
  return { status: error.status, headers, body: JSON.stringify(body) };
}

const same = (protocol: AwsJsonProtocol, error: ErrorInput) => {
  const got = encodeError(protocol, error);
  const want = reference(protocol, error);
  expect(got).toEqual(want);
  expect(Object.keys(got.headers)).toEqual(Object.keys(want.headers));
};

describe("encodeError", () => {
  it("answers as the plain construction does, for any name, message, members and request ID", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", "message", "__type", "Message", "\u2028", "\ud800", "\udc00x", "😀", "a\u007fb", "tab\there", '"\\', "x".repeat(300)));
    const members = fc.option(
      fc.oneof(
        fc.constant({}),
        fc.dictionary(fc.oneof(text, fc.constantFrom("message", "__type", "code")), fc.jsonValue(), { maxKeys: 4 }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(awsJson1_0, awsJson1_1),
        fc.integer({ min: 400, max: 599 }),
        text,
        fc.option(text, { nil: undefined }),
        members,
        fc.option(fc.uuid(), { nil: undefined }),
        (protocol, status, name, message, members, requestId) => {
          const error: ErrorInput = { status, name };
          if (message !== undefined) error.message = message;
          if (members !== undefined) error.members = members;
          if (requestId !== undefined) error.requestId = requestId;
          same(protocol, error);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("keeps the odd cases: members that shadow the envelope, inherited and symbol keys, non-string messages", () => {
    const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
    const symbols = { [Symbol("s")]: 1 } as unknown as Record<string, unknown>;
    for (const error of [
      { status: 400, name: "E", message: "m", members: { message: "member", __type: "Other", code: 3 } },
      { status: 400, name: "E", message: "", members: { message: "member" } },
      { status: 400, name: "E", members: inherited },
      { status: 400, name: "E", message: "m", members: symbols },
      { status: 400, name: "E", message: 42 as unknown as string },
      { status: 400, name: undefined as unknown as string, message: "m", requestId: "r" },
    ]) {
      same(awsJson1_1, error);
    }
  });
});
