// Maven's transfer log, condensed. In batch mode (-B) Maven prints two lines per file it
// fetches, and fetches a pom, often a jar, sometimes more per artifact:
//
//   [INFO] Downloading from central: https://repo.maven.apache.org/maven2/software/amazon/smithy/smithy-model/1.73.0/smithy-model-1.73.0.pom
//   [INFO] Downloaded from central: https://repo.maven.apache.org/maven2/software/amazon/smithy/smithy-model/1.73.0/smithy-model-1.73.0.pom (1.8 kB at 9.4 kB/s)
//
// A first run fetches about 190 artifacts (Maven's dependency plugin and its own
// dependencies among them) and 500 lines. This turns them into one line per artifact,
// as its first file starts, and a summary; under CI, into the summary alone.

export interface Transfer {
  done: boolean;
  repository: string;
  url: string;
  /** `group:artifact:version` when the URL follows the Maven repository layout. */
  artifact: string | undefined;
  /** The size Maven reported for a finished download. */
  bytes: number | undefined;
}

const TRANSFER = /^(?:\[INFO\]\s*)?(Downloading|Downloaded) from ([^:\s]+): (\S+)(?:\s+\(([\d.,]+)\s*(B|kB|KB|MB|GB)\b[^)]*\))?/;
const UNIT: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

export function parseTransfer(line: string): Transfer | undefined {
  const match = TRANSFER.exec(line.replace(/\u001b\[[0-9;]*m/g, "").trim());
  if (!match) return undefined;
  const [, verb, repository, url, size, unit] = match;
  return {
    done: verb === "Downloaded",
    repository: repository!,
    url: url!,
    artifact: artifactOf(url!),
    bytes: size && unit ? Math.round(Number(size.replace(/,/g, "")) * UNIT[unit]!) : undefined,
  };
}

/**
 * `group:artifact:version` from a file's URL in a Maven repository:
 * `<base>/<group as folders>/<artifact>/<version>/<artifact>-<version>[-classifier].<ext>`.
 * The base is not printed, so the group starts after a `maven2` folder (Maven Central and
 * most of its mirrors) or a Nexus `repository/<name>` or Artifactory `artifactory/<name>`
 * prefix; elsewhere only `artifact:version` can be told. Metadata files give undefined.
 */
export function artifactOf(url: string): string | undefined {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [file, version, artifact] = [segments.at(-1), segments.at(-2), segments.at(-3)];
  if (!file || !version || !artifact || !file.startsWith(`${artifact}-`) || file.startsWith("maven-metadata")) return undefined;
  const folders = segments.slice(0, -3);
  const maven2 = folders.lastIndexOf("maven2");
  const manager = folders.findIndex((folder, index) => (folder === "repository" || folder === "artifactory") && index + 1 < folders.length);
  const start = maven2 >= 0 ? maven2 + 1 : manager >= 0 ? manager + 2 : -1;
  if (start < 0 || start >= folders.length) return `${artifact}:${version}`;
  return `${folders.slice(start).join(".")}:${artifact}:${version}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Feeds on Maven's output a line at a time; `emit` gets the condensed lines. */
export class MavenProgress {
  private readonly seen = new Set<string>();
  private bytes = 0;
  private files = 0;

  constructor(
    private readonly emit: (line: string) => void,
    /** Under CI: no line per artifact, only the summary. */
    private readonly quiet = false,
  ) {}

  line(text: string): void {
    const transfer = parseTransfer(text);
    if (!transfer) return;
    if (transfer.done) {
      this.files += 1;
      this.bytes += transfer.bytes ?? 0;
      return;
    }
    const key = transfer.artifact ?? transfer.url.replace(/\/[^/]*$/, "");
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (!this.quiet) {
      const name = transfer.artifact ?? transfer.url;
      this.emit(`smithy: downloading ${name} (#${this.seen.size}, ${formatBytes(this.bytes)} so far)`);
    }
  }

  /** `downloaded 192 artifacts (265 files, 30.1 MB)`, or undefined when nothing was downloaded. */
  downloaded(): string | undefined {
    if (this.seen.size === 0) return undefined;
    return `downloaded ${this.seen.size} artifacts (${this.files} files, ${formatBytes(this.bytes)})`;
  }
}

/** True under CI (CI=true, as GitHub Actions, GitLab, CircleCI and others set it; or any value but 0/false). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}
