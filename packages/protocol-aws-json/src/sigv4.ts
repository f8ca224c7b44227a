// What SigV4 says about a request that the client's signer and the server's verifier
// must agree on byte for byte.

/**
 * The canonical URI of a path as sent (percent-encoded as in a URL): `.` and `..`
 * resolved, empty segments dropped, and each segment URI-encoded again, as every AWS
 * service but S3 expects (and @smithy/signature-v4 does).
 */
export function canonicalPath(path: string | undefined): string {
  if (path === undefined || path === "/") return "/";
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return encodeURIComponent(normalized)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, "/");
}
