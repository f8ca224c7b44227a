// The server's two entry points: index.ts, for Node.js, is neutral.ts, for every other
// runtime, plus the node:http adapter; neutral.ts reaches no node:* module, so a browser
// or workers bundle of the Fetch adapter needs none.
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as node from "../../../../packages/server/src/index.js";
import * as neutral from "../../../../packages/server/src/neutral.js";
import { bundle } from "../../../support/bundle.js";
import { REPO_ROOT } from "../../../support/repo.js";

const NODE_ADAPTER = ["clientErrorListener", "defaultMaxConnections", "listen", "toRequestListener"];

describe("the server's entry points", () => {
  it("index.ts exports what neutral.ts exports, and the node:http adapter", () => {
    expect(Object.keys(node).sort()).toEqual([...Object.keys(neutral), ...NODE_ADAPTER].sort());
  });

  it("neutral.ts reaches no node:* module", async () => {
    const { imports, read } = await bundle({ entry: path.join(REPO_ROOT, "packages", "server", "src", "neutral.ts") }, { platform: "browser" });
    expect(imports.filter((imported) => imported.startsWith("node:"))).toEqual([]);
    expect(read).not.toContain("packages/server/src/runtime/crypto-node.ts");
  });
});
