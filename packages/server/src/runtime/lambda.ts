// AWS Lambda adapter for API Gateway HTTP API (payload 2.0) and Lambda function URL events.
import { encodeError } from "@codepipeline-partner/protocol-aws-json";
import { INTERNAL_FAILURE } from "./handler.js";
import type { HttpResponse, ServiceHandler } from "./http.js";
import { newRequestId } from "./request-id.js";

export interface LambdaHttpEvent {
  rawPath?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { http?: { method?: string; path?: string } };
}

export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function toLambdaHandler(handler: ServiceHandler) {
  return async (event: LambdaHttpEvent): Promise<LambdaHttpResult> => {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
    const raw = event.body ?? "";
    const body = event.isBase64Encoded ? new Uint8Array(Buffer.from(raw, "base64")) : raw;
    let answer: HttpResponse;
    try {
      answer = await handler({
        method: event.requestContext?.http?.method ?? "",
        path: event.rawPath ?? event.requestContext?.http?.path ?? "/",
        headers,
        body,
      });
    } catch {
      // A failed invocation reaches the caller as the platform's own error (plain JSON, none of
      // the protocol's headers): answer the protocol's 500 instead, as the other adapters do.
      answer = encodeError(handler.protocol, { status: 500, ...INTERNAL_FAILURE, requestId: newRequestId() });
    }
    return { statusCode: answer.status, headers: answer.headers, body: answer.body, isBase64Encoded: false };
  };
}
