// The node:http adapter reads a body whole however it arrives: in one chunk (used as it
// is) or in many (joined in order), with a declared length or chunked.
import { createCodePipelineServiceHandler, listen, type RunningServer } from "@codepipeline-partner/server";
import { request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { successResultOnly } from "../support/one-operation.js";

const received: unknown[] = [];
let server: RunningServer;
beforeAll(async () => {
  server = await listen(
    createCodePipelineServiceHandler(
      successResultOnly({
        async putThirdPartyJobSuccessResult(input) {
          received.push(input);
        },
      }),
    ),
  );
});
afterAll(() => server.close());
beforeEach(() => {
  received.length = 0;
});

/** Sends `pieces` one after another, a few milliseconds apart, so each arrives as its own chunk. */
function post(pieces: (string | Uint8Array)[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "CodePipeline_20150709.PutThirdPartyJobSuccessResult", ...headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (text: string) => (body += text));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on("error", reject);
    void (async () => {
      for (const piece of pieces) {
        req.write(piece);
        await sleep(20);
      }
      req.end();
    })();
  });
}

const input = { jobId: "job-1", clientToken: "token-1", executionDetails: { summary: "é".repeat(300), percentComplete: 50 } };
const body = JSON.stringify(input);
/** The body in three pieces, one of them splitting a two-byte character. */
const bytes = Buffer.from(body);
const cut = bytes.indexOf(Buffer.from("é")) + 1;
const pieces = [bytes.subarray(0, cut), bytes.subarray(cut, cut + 200), bytes.subarray(cut + 200)];

describe("the node:http adapter's body", () => {
  it("joins a body that arrives in several chunks, in order, with a declared length", async () => {
    const answer = await post(pieces, { "content-length": String(bytes.length) });
    expect(answer.status).toBe(200);
    expect(received).toEqual([input]);
  });

  it("joins a chunked body the same way", async () => {
    expect((await post([body.slice(0, 10), body.slice(10, 300), body.slice(300)], { "transfer-encoding": "chunked" })).status).toBe(200);
    expect(received).toEqual([input]);
  });

  it("reads a body of one chunk, and an empty one", async () => {
    expect((await post([body], { "content-length": String(bytes.length) })).status).toBe(200);
    const empty = await post([], { "content-length": "0" });
    // No body is `{}`: the required members are missing.
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body).__type).toBe("ValidationException");
    expect(received).toEqual([input]);
  });
});
