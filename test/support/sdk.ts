// The official AWS SDK client, wired to an in-process request handler, so a test can see
// the exact request it sends and hand it any response.
import { CodePipelineClient } from "@aws-sdk/client-codepipeline";
import { HttpResponse, type HttpRequest } from "@smithy/protocol-http";
import { Readable } from "node:stream";

export interface CannedResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CapturedRequest {
  request: HttpRequest;
  body: string;
}

export const TEST_CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

export function sdkClient(respond: (captured: CapturedRequest) => CannedResponse = () => ({ statusCode: 200 })) {
  const requests: CapturedRequest[] = [];
  const client = new CodePipelineClient({
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const raw: unknown = request.body;
        const body = raw instanceof Uint8Array ? Buffer.from(raw).toString("utf8") : String(raw ?? "");
        const captured = { request, body };
        requests.push(captured);
        const canned = respond(captured);
        return {
          response: new HttpResponse({
            statusCode: canned.statusCode,
            headers: { "x-amzn-requestid": "req-1", ...canned.headers },
            body: Readable.from([Buffer.from(canned.body ?? "")]),
          }),
        };
      },
    },
  });
  return { client, requests };
}
