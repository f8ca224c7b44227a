// The verifier's shortcuts keep its answers: header values with blanks to collapse, the
// order and repetition of SignedHeaders, and the signing key kept from the last request
// (another caller, secret, region or day right after must not reuse it). Requests are
// signed by @smithy/signature-v4, the SDKs' signer.
import { describe, expect, it } from "vitest";
import { verifySigV4 } from "../../../../../packages/server/src/runtime/auth.js";
import { referenceSign } from "../../../../support/reference-signer.js";

const BODY = '{"jobId":"j","clientToken":"t"}';
const NOW = new Date("2026-01-01T00:00:00Z");
const KEYS: Record<string, string> = { AKIDONE: "secret/one", AKIDTWO: "secret/two" };
const options = { secretFor: (id: string) => KEYS[id], clockSkewMs: Number.MAX_SAFE_INTEGER };

async function signed(
  accessKeyId = "AKIDONE",
  extra: Record<string, string> = {},
  { secret = KEYS[accessKeyId]!, region = "us-east-1", now = NOW } = {},
): Promise<Record<string, string>> {
  const headers = await referenceSign({
    hostname: "127.0.0.1",
    headers: { host: "127.0.0.1", "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult", ...extra },
    body: BODY,
    credentials: { accessKeyId, secretAccessKey: secret },
    region,
    service: "codepipeline",
    now,
  });
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

const verify = (headers: Record<string, string>) =>
  verifySigV4({ method: "POST", path: "/", headers, body: BODY }, BODY, "codepipeline", options).then(
    (caller) => caller,
    (error: { status: number; name: string }) => [error.status, error.name],
  );

describe("verifySigV4", () => {
  it.each([
    ["runs of blanks", "a  b   c"],
    ["a tab", "a\tb"],
    ["blanks at both ends", "  a b  "],
    ["nothing to change", "a b c"],
  ])("accepts a signed header value with %s, as the signer canonicalised it", async (_, value) => {
    const headers = await signed("AKIDONE", { "x-amz-meta": value });
    expect(headers["x-amz-meta"]).toBe(value);
    expect(await verify(headers)).toEqual({ accessKeyId: "AKIDONE", region: "us-east-1" });
    expect(await verify({ ...headers, "x-amz-meta": `${value}x` })).toEqual([403, "InvalidSignatureException"]);
  });

  it("refuses SignedHeaders that name a header twice, sorted or not", async () => {
    const headers = await signed();
    const list = /SignedHeaders=([^,]+)/.exec(headers.authorization!)![1]!;
    for (const repeated of [`host;${list}`, `${list};host`]) {
      expect(await verify({ ...headers, authorization: headers.authorization!.replace(list, repeated) })).toEqual([403, "IncompleteSignatureException"]);
    }
    // Distinct names in another order are a list, checked against the signature (made over the sorted one).
    const reversed = list.split(";").reverse().join(";");
    expect(await verify({ ...headers, authorization: headers.authorization!.replace(list, reversed) })).toEqual([403, "InvalidSignatureException"]);
  });

  it("derives each caller's key, whatever was verified just before", async () => {
    const one = await signed("AKIDONE");
    const two = await signed("AKIDTWO");
    const otherRegion = await signed("AKIDONE", {}, { region: "eu-west-1" });
    const nextDay = await signed("AKIDONE", {}, { now: new Date("2026-01-02T00:00:00Z") });
    for (const [headers, accessKeyId, region] of [[one, "AKIDONE", "us-east-1"], [two, "AKIDTWO", "us-east-1"], [one, "AKIDONE", "us-east-1"], [otherRegion, "AKIDONE", "eu-west-1"], [nextDay, "AKIDONE", "us-east-1"], [one, "AKIDONE", "us-east-1"]] as const) {
      expect(await verify(headers)).toEqual({ accessKeyId, region });
    }
    // Right after AKIDONE's success, AKIDTWO signing with AKIDONE's secret is refused.
    expect(await verify(one)).toEqual({ accessKeyId: "AKIDONE", region: "us-east-1" });
    expect(await verify(await signed("AKIDTWO", {}, { secret: KEYS.AKIDONE }))).toEqual([403, "InvalidSignatureException"]);
  });

  it("waits for a secret that comes as a promise or another thenable", async () => {
    const headers = await signed("AKIDTWO");
    const thenable = (value: string | undefined) => ({ then: (resolve: (secret: string | undefined) => void) => resolve(value) }) as unknown as Promise<string | undefined>;
    for (const secretFor of [async (id: string) => KEYS[id], (id: string) => thenable(KEYS[id])]) {
      const request = { method: "POST", path: "/", headers, body: BODY };
      await expect(verifySigV4(request, BODY, "codepipeline", { secretFor, clockSkewMs: Number.MAX_SAFE_INTEGER })).resolves.toEqual({ accessKeyId: "AKIDTWO", region: "us-east-1" });
      await expect(verifySigV4(request, BODY, "codepipeline", { secretFor: () => thenable("wrong"), clockSkewMs: Number.MAX_SAFE_INTEGER })).rejects.toMatchObject({ status: 403, name: "InvalidSignatureException" });
    }
  });

  it("uses a rotated secret at once", async () => {
    const before = await signed("AKIDONE");
    expect(await verify(before)).toEqual({ accessKeyId: "AKIDONE", region: "us-east-1" });
    const rotated = { secretFor: (id: string) => (id === "AKIDONE" ? "secret/rotated" : undefined), clockSkewMs: Number.MAX_SAFE_INTEGER };
    const check = (headers: Record<string, string>) =>
      verifySigV4({ method: "POST", path: "/", headers, body: BODY }, BODY, "codepipeline", rotated).then(
        (caller) => caller,
        (error: { status: number; name: string }) => [error.status, error.name],
      );
    expect(await check(before)).toEqual([403, "InvalidSignatureException"]);
    expect(await check(await signed("AKIDONE", {}, { secret: "secret/rotated" }))).toEqual({ accessKeyId: "AKIDONE", region: "us-east-1" });
  });
});
