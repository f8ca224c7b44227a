// What the awsJson protocols say about a request and its routing. Both versions share
// everything but the media type, so one descriptor per version carries that difference.

export interface AwsJsonProtocol {
  /** The Smithy protocol trait's name. */
  readonly name: "awsJson1_0" | "awsJson1_1";
  /** The Content-Type of every request and every answer, errors included. */
  readonly contentType: string;
}

// Pure: a bundle that uses one version drops the other (bundlers keep calls they cannot prove pure).
export const awsJson1_0: AwsJsonProtocol = /* @__PURE__ */ Object.freeze({ name: "awsJson1_0", contentType: "application/x-amz-json-1.0" });
export const awsJson1_1: AwsJsonProtocol = /* @__PURE__ */ Object.freeze({ name: "awsJson1_1", contentType: "application/x-amz-json-1.1" });

/** What both sides know about a service to speak its protocol. */
export interface ServiceDescription {
  protocol: AwsJsonProtocol;
  /** The X-Amz-Target prefix: the service shape's name and version, `CodePipeline_20150709`. */
  targetPrefix: string;
  /** The SigV4 signing name. */
  signingName: string;
}

/** Every request is a POST to the endpoint's path: the operation travels in X-Amz-Target. */
export const REQUEST_METHOD = "POST";

export const TARGET_HEADER = "x-amz-target";
export const REQUEST_ID_HEADER = "x-amzn-requestid";
export const ERROR_TYPE_HEADER = "x-amzn-errortype";

/** `CodePipeline_20150709.PutThirdPartyJobSuccessResult`. */
export function formatTarget(targetPrefix: string, operation: string): string {
  return `${targetPrefix}.${operation}`;
}

/** The operation named by an X-Amz-Target header, or undefined when it is not this service's. */
export function parseTarget(targetPrefix: string, header: string | undefined): string | undefined {
  if (header === undefined || header.length <= targetPrefix.length + 1) return undefined;
  return header.startsWith(targetPrefix) && header.charCodeAt(targetPrefix.length) === 0x2e ? header.slice(targetPrefix.length + 1) : undefined;
}

/** The media type of a Content-Type header, lower-cased, parameters dropped. */
export function mediaType(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semicolon = header.indexOf(";");
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase() || undefined;
}
