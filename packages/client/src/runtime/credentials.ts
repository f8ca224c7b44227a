// Where signing credentials come from: given directly, from any AWS SDK-style provider
// function (so @aws-sdk/credential-providers plugs in), or from the environment.
import { processEnv } from "./endpoints.js";
import type { Credentials } from "./sigv4.js";

export type CredentialProvider = () => Promise<Credentials>;
export type CredentialsOption = Credentials | CredentialProvider;

/** Reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN when they exist. */
export function fromEnvironment(): CredentialProvider {
  return async () => {
    const env = processEnv();
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(
        "No AWS credentials: pass `credentials` to the client, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
      );
    }
    return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  };
}

/** A provider that asks its source again only when the credentials are about to expire. */
export function memoize(option: CredentialsOption | undefined): CredentialProvider {
  if (option && typeof option === "object") return async () => option;
  const source = option ?? fromEnvironment();
  let cached: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 5 * 60_000)) return cached;
    pending ??= source().then(
      (credentials) => {
        pending = undefined;
        if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
          throw new Error("The credential provider returned no accessKeyId or secretAccessKey.");
        }
        return (cached = credentials);
      },
      (error: unknown) => {
        pending = undefined;
        // A failed refresh is no reason to drop credentials that still work.
        if (cached && (!cached.expiration || cached.expiration.getTime() > Date.now())) return cached;
        throw error;
      },
    );
    return pending;
  };
}
