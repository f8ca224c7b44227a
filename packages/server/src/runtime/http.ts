// The framework-agnostic request and response the service handler speaks; the adapters
// translate node:http, the Fetch API and AWS Lambda events to and from them.

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

export type ServiceHandler = (request: HttpRequest) => Promise<HttpResponse>;
