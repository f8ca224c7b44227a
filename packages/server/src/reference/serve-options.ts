// The reference server's command line: flags and environment to options, the credentials
// it verifies SigV4 signatures with, and its request log. Pure but for reading the files named.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ResponseLogEntry } from "../runtime/node.js";

export const USAGE = `usage: codepipeline-partner-emulator [--port N] [--jobs FILE] [--state FILE] [timeouts] [credentials] [--quiet] [--no-admin]
       (in the codepipeline-partner-api repository: npm run serve -- [flags])

  --port N                 listen on 127.0.0.1:N (default 0: any free port)
  --jobs FILE              the jobs to serve: a JSON array of { id, clientToken, status?,
                           and any of actionTypeId, actionConfiguration, pipelineContext,
                           inputArtifacts, outputArtifacts, artifactCredentials,
                           continuationToken, encryptionKey }; an id that is not a
                           lowercase UUID names the job, whose ID is then derived from it
  --state FILE             keep the jobs' state in FILE across restarts (written after
                           every change; it wins over --jobs for the jobs it holds); one
                           emulator at a time per FILE, which it locks with FILE.lock
  --quiet                  no request log (one line per request on stderr otherwise)
  --no-admin               no admin routes (GET and POST /_emulator/jobs, GET /_emulator/jobs/ID)
  --help                   this text

Timeouts (a number of seconds, or with a unit: 500ms, 90s, 5m, 1h):
  --dispatch-timeout T     a dispatched job not acknowledged by then is TimedOut (default 5m)
  --job-timeout T          an acknowledged job not finished by then is TimedOut (default 1h)

Credentials (any one; without them, signatures are not checked):
  --credentials-file FILE  lines of ACCESS_KEY_ID:SECRET ('#' starts a comment)
  --credentials-from-env   the key in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
  --credentials ID:SECRET  on the command line, where \`ps\` shows it to every user
  CODEPIPELINE_PARTNER_CREDENTIALS=ID:SECRET in the environment, when no flag is given
A secret may contain ':'; the access key ID ends at the first one.`;

/** A mistake on the command line: reported as one line, then the usage. */
export class UsageError extends Error {}

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ServeOptions {
  help: boolean;
  port: number;
  jobsFile: string | undefined;
  stateFile: string | undefined;
  /** Milliseconds; undefined for the emulator's defaults. */
  dispatchTimeoutMs: number | undefined;
  jobTimeoutMs: number | undefined;
  /** Serve the /_emulator/ admin routes. */
  admin: boolean;
  quiet: boolean;
  /** The keys whose signatures are accepted; empty when nothing is verified. */
  credentials: Credential[];
  /** Where the credentials came from, for the start-up message. */
  credentialsSource: string | undefined;
}

const FLAGS = {
  port: { type: "string" },
  jobs: { type: "string" },
  state: { type: "string" },
  "dispatch-timeout": { type: "string" },
  "job-timeout": { type: "string" },
  "no-admin": { type: "boolean" },
  credentials: { type: "string" },
  "credentials-file": { type: "string" },
  "credentials-from-env": { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean" },
} as const;

export async function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv): Promise<ServeOptions> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    // `npm run serve --port 8080` (no `--`) hands the flag to npm and the value to us.
    const swallowed = Object.keys(FLAGS).filter((name) => env[`npm_config_${name.replace(/-/g, "_")}`] !== undefined);
    const hint = swallowed.length > 0 ? ` (npm took --${swallowed.join(", --")} for itself: put -- before the server's flags)` : "";
    throw new UsageError(`${(error as Error).message}${hint}`);
  }
  const port = values.port === undefined ? 0 : /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, not ${JSON.stringify(values.port)}.`);

  const given = (["credentials", "credentials-file", "credentials-from-env"] as const).filter((name) => values[name] !== undefined && values[name] !== false);
  if (given.length > 1) throw new UsageError(`Give one of --credentials, --credentials-file and --credentials-from-env, not ${given.map((name) => `--${name}`).join(" and ")}.`);

  let credentials: Credential[] = [];
  let credentialsSource: string | undefined;
  if (values.credentials !== undefined) {
    credentials = [parseCredential(values.credentials, "--credentials")];
    credentialsSource = "--credentials";
  } else if (values["credentials-file"] !== undefined) {
    const file = values["credentials-file"];
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`Cannot read the credentials file ${file}: ${(error as Error).message}`);
    }
    credentials = parseCredentialsFile(text, file);
    credentialsSource = file;
  } else if (values["credentials-from-env"]) {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new UsageError("--credentials-from-env needs both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set.");
    credentials = [{ accessKeyId, secretAccessKey }];
    credentialsSource = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  } else if (env.CODEPIPELINE_PARTNER_CREDENTIALS) {
    credentials = [parseCredential(env.CODEPIPELINE_PARTNER_CREDENTIALS, "CODEPIPELINE_PARTNER_CREDENTIALS")];
    credentialsSource = "CODEPIPELINE_PARTNER_CREDENTIALS";
  }
  return {
    help: values.help ?? false,
    port,
    jobsFile: values.jobs,
    stateFile: values.state,
    dispatchTimeoutMs: values["dispatch-timeout"] === undefined ? undefined : parseDuration(values["dispatch-timeout"], "--dispatch-timeout"),
    jobTimeoutMs: values["job-timeout"] === undefined ? undefined : parseDuration(values["job-timeout"], "--job-timeout"),
    admin: !(values["no-admin"] ?? false),
    quiet: values.quiet ?? false,
    credentials,
    credentialsSource,
  };
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `90` (seconds), `500ms`, `90s`, `5m` or `1h`, in milliseconds; more than zero. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = match ? Math.round(Number(match[1]) * DURATION_UNITS[match[2] ?? "s"]!) : Number.NaN;
  if (!(ms > 0)) throw new UsageError(`${flag} must be a time above zero, such as 90 (seconds), 500ms, 90s, 5m or 1h; not ${JSON.stringify(text)}.`);
  return ms;
}

/** `ACCESS_KEY_ID:SECRET`, split at the first colon: the secret may hold more. */
export function parseCredential(text: string, where: string): Credential {
  const colon = text.indexOf(":");
  const accessKeyId = colon < 0 ? "" : text.slice(0, colon);
  const secretAccessKey = colon < 0 ? "" : text.slice(colon + 1);
  if (!accessKeyId || !secretAccessKey || /\s/.test(accessKeyId)) throw new UsageError(`${where} must be ACCESS_KEY_ID:SECRET.`);
  return { accessKeyId, secretAccessKey };
}

/** One ACCESS_KEY_ID:SECRET per line; blank lines and lines starting with '#' are skipped. */
export function parseCredentialsFile(text: string, file: string): Credential[] {
  const credentials: Credential[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const credential = parseCredential(line, `${file}, line ${index + 1}`);
    if (seen.has(credential.accessKeyId)) throw new UsageError(`${file}, line ${index + 1}: access key ${credential.accessKeyId} appears twice.`);
    seen.add(credential.accessKeyId);
    credentials.push(credential);
  }
  if (credentials.length === 0) throw new UsageError(`The credentials file ${file} holds no ACCESS_KEY_ID:SECRET line.`);
  return credentials;
}

/**
 * `POST PutThirdPartyJobSuccessResult 200 3ms 0f6c…`: method, operation, status, time,
 * request ID. A request with no operation shows its path instead, unless that is `/`
 * (`GET /_emulator/jobs 200 1ms -`).
 */
export function formatRequestLog(entry: ResponseLogEntry): string {
  const target = entry.target ?? "";
  const path = entry.path ?? "";
  const operation = target !== "" ? printable(target.slice(target.lastIndexOf(".") + 1) || target) : path !== "" && path !== "/" ? printable(path) : "-";
  const status = entry.aborted ? `${entry.status}(aborted)` : String(entry.status);
  return `${printable(entry.method) || "-"} ${operation} ${status} ${Math.round(entry.durationMs)}ms ${entry.requestId ?? "-"}`;
}

/** Header text as one log word: anything but visible ASCII is escaped, and it is cut at 100 characters. */
function printable(text: string): string {
  const cut = text.length > 100 ? `${text.slice(0, 100)}…` : text;
  return /^[\x21-\x7e…]*$/.test(cut) ? cut : JSON.stringify(cut);
}
