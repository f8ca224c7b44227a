// Our specialised SigV4 signer against @smithy/signature-v4: byte-identical headers on
// random requests (bodies across Unicode, dates, regions, keys, session tokens); a new seed
// each run, so the runs add up (a failure prints its seed to replay).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signHeaders, signRequest } from "../../../../../packages/client/src/runtime/sigv4.js";
import { referenceSign } from "../../../../support/reference-signer.js";

const region = fc.oneof(
  fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"),
  fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-[1-9]$/),
);
const accessKeyId = fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/);
const secretAccessKey = fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), minLength: 40, maxLength: 40 });
const sessionToken = fc.option(fc.base64String({ minLength: 16, maxLength: 400 }), { nil: undefined });
const body = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.constant("{}"));
const date = fc.date({ min: new Date("1999-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
const headerValue = fc.stringMatching(/^[ -~]{0,40}$/);

describe("the specialised SigV4 signer", () => {
  it("matches @smithy/signature-v4 on 1,000 random requests", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ region, accessKeyId, secretAccessKey, sessionToken, body, date, agent: headerValue, target: fc.stringMatching(/^[A-Za-z_]{1,20}\.[A-Za-z]{1,30}$/), attempt: fc.integer({ min: 1, max: 5 }) }),
        async (r) => {
          const hostname = `codepipeline.${r.region}.amazonaws.com`;
          const headers = {
            "amz-sdk-invocation-id": "00000000-0000-4000-8000-000000000000",
            "amz-sdk-request": `attempt=${r.attempt}; max=5`,
            "content-length": String(Buffer.byteLength(r.body)),
            "content-type": "application/x-amz-json-1.1",
            host: hostname,
            "x-amz-target": r.target,
            "x-amz-user-agent": r.agent,
            "user-agent": "not signed",
          };
          const credentials = { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey, ...(r.sessionToken ? { sessionToken: r.sessionToken } : {}) };
          const ours = await signRequest({ headers: { ...headers }, body: r.body, credentials, region: r.region, service: "codepipeline", now: r.date });
          const reference = await referenceSign({ hostname, headers, body: r.body, credentials, region: r.region, service: "codepipeline", now: r.date });
          expect(ours).toEqual(reference);
        },
      ),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it("signHeaders, which the client calls with signable headers only, signs every header it is given, as the reference does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ region, accessKeyId, secretAccessKey, sessionToken, body, date, agent: headerValue }), async (r) => {
        const hostname = `codepipeline.${r.region}.amazonaws.com`;
        const headers = { "content-length": String(Buffer.byteLength(r.body)), "content-type": "application/x-amz-json-1.1", host: hostname, "x-amz-user-agent": r.agent };
        const credentials = { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey, ...(r.sessionToken ? { sessionToken: r.sessionToken } : {}) };
        const ours = await signHeaders({ headers: { ...headers }, body: r.body, credentials, region: r.region, service: "codepipeline", now: r.date });
        expect(ours).toEqual(await referenceSign({ hostname, headers, body: r.body, credentials, region: r.region, service: "codepipeline", now: r.date }));
      }),
      { numRuns: 1_000 },
    );
    // A header SigV4 leaves unsigned: signRequest leaves it out, signHeaders (told nothing) signs it.
    const base = { body: "{}", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, region: "us-east-1", service: "codepipeline", now: new Date(0) };
    const withAgent = () => ({ host: "h", "user-agent": "ua" });
    expect((await signRequest({ ...base, headers: withAgent() })).authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
    expect((await signHeaders({ ...base, headers: withAgent() })).authorization).toContain("SignedHeaders=host;user-agent;x-amz-content-sha256;x-amz-date,");
  }, 60_000);

  it("signs an endpoint's path as @smithy/signature-v4 does: normalised, each segment encoded again", async () => {
    const segment = fc.oneof(fc.constantFrom("prod", "v1", ".", "..", "", "a b", "ü", "%41", "x*y", "it's"), fc.string({ maxLength: 6 }));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 5 }), fc.boolean(), async (segments, trailing) => {
        // The path as a URL carries it: percent-encoded once.
        const path = new URL(`https://h/${segments.map(encodeURIComponent).join("/")}${trailing ? "/" : ""}`).pathname;
        const headers = { host: "h", "content-type": "application/x-amz-json-1.1" };
        const credentials = { accessKeyId: "AKID", secretAccessKey: "secret" };
        const ours = await signRequest({ path, headers: { ...headers }, body: "{}", credentials, region: "us-east-1", service: "codepipeline", now: new Date(0) });
        const reference = await referenceSign({ hostname: "h", path, headers, body: "{}", credentials, region: "us-east-1", service: "codepipeline", now: new Date(0) });
        expect(ours.authorization).toBe(reference.authorization);
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it("a changed byte anywhere changes the signature", async () => {
    const base = { headers: { host: "h", "content-type": "application/x-amz-json-1.1" }, body: "{}", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" }, region: "us-east-1", service: "codepipeline", now: new Date(0) };
    const signature = async (change: Partial<typeof base>) => (await signRequest({ ...base, ...change, headers: { ...(change.headers ?? base.headers) } })).authorization;
    const original = await signature({});
    expect(await signature({ body: "{ }" })).not.toBe(original);
    expect(await signature({ region: "us-east-2" })).not.toBe(original);
    expect(await signRequest({ ...base, path: "/prod", headers: { ...base.headers } }).then((h) => h.authorization)).not.toBe(original);
    expect(await signature({ now: new Date(1000) })).not.toBe(original);
    expect(await signature({ credentials: { accessKeyId: "AKID", secretAccessKey: "secreT" } })).not.toBe(original);
    expect(await signature({ headers: { host: "h", "content-type": "application/x-amz-json-1.0" } })).not.toBe(original);
  });
});
