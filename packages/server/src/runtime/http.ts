// The framework-agnostic request and response the service handler speaks; the adapters
// translate node:http, the Fetch API and AWS Lambda events to and from them.
import type { AwsJsonProtocol } from "@codepipeline-partner/protocol-aws-json";

export interface HttpRequest {
  method: string;
  /** The path, without the query string. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Uint8Array | string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServiceHandler {
  (request: HttpRequest): Promise<HttpResponse>;
  /** The protocol it speaks: an adapter that refuses a request itself (413) answers in it. */
  readonly protocol: AwsJsonProtocol;
}
