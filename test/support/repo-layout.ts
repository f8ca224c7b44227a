// The layout this repository's smithy-build.json names (each target in its package's own
// src/generated, the runtime beside it), for tests that run the targets without the
// pipeline and place their files as this repository's packages (./workspace.ts does).
import { readFileSync } from "node:fs";
import path from "node:path";
import { codegenSettings } from "../../codegen/src/build-config.js";
import type { Layout } from "../../codegen/src/layout.js";
import { REPO_ROOT } from "../../codegen/src/pipeline.js";

const CONFIG = path.join(REPO_ROOT, "smithy-build.json");

export const REPO_LAYOUT: Layout = codegenSettings(JSON.parse(readFileSync(CONFIG, "utf8")) as Record<string, unknown>, CONFIG).layout;
