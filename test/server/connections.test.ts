// The connection cap of `listen`: idle sockets cannot lock clients out (a new connection
// takes the place of the longest-idle one), a server whose every connection is busy says
// 503 in the protocol's envelope, node:http drops what lies beyond, and under a real
// 1,024-descriptor limit 1,100 idle sockets no longer deny service.
import { createCodePipelineServiceHandler, listen, type RunningServer } from "@codepipeline-partner/server";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { defaultMaxConnections } from "../../packages/server/src/runtime/node.js";
import { successResultOnly } from "../support/one-operation.js";
import { eventually, startServe } from "../support/serve-process.js";

const TARGET = "CodePipeline_20150709.PutThirdPartyJobSuccessResult";
const JSON_TYPE = "application/x-amz-json-1.1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A handler whose calls with jobId "hold" wait until `release()`. */
function holdingHandler() {
  let release!: () => void;
  let held = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  const handler = createCodePipelineServiceHandler(successResultOnly({
    async putThirdPartyJobSuccessResult(input) {
      if (input.jobId !== "hold") return;
      waiting++;
      await held;
      waiting--;
    },
  }));
  return {
    handler,
    waiting: () => waiting,
    release: () => {
      release();
      held = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

const call = (url: string, jobId = "j") =>
  fetch(url, { method: "POST", headers: { "content-type": JSON_TYPE, "x-amz-target": TARGET }, body: JSON.stringify({ jobId, clientToken: "t" }) });

interface IdleSocket {
  socket: Socket;
  closed: boolean;
  received: string;
}

/** Sockets that connect and say nothing. */
async function idleSockets(port: number, count: number): Promise<IdleSocket[]> {
  const sockets = Array.from({ length: count }, () => {
    const entry: IdleSocket = { socket: connect(port, "127.0.0.1"), closed: false, received: "" };
    entry.socket.setEncoding("utf8");
    entry.socket.on("data", (chunk: string) => (entry.received += chunk));
    entry.socket.on("close", () => (entry.closed = true));
    entry.socket.on("error", () => {});
    return entry;
  });
  await Promise.all(sockets.map(({ socket }) => new Promise((resolve) => (socket.connecting ? socket.once("connect", resolve).once("error", resolve) : resolve(undefined)))));
  return sockets;
}

const servers: RunningServer[] = [];
const sockets: IdleSocket[] = [];
afterEach(async () => {
  for (const { socket } of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(handler: Parameters<typeof listen>[0], options: Parameters<typeof listen>[1]): Promise<RunningServer> {
  const server = await listen(handler, options);
  servers.push(server);
  return server;
}

describe("the connection cap", () => {
  it("is on by default: 1,000, or three quarters of the descriptor limit when that is lower", async () => {
    const expected = defaultMaxConnections();
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThanOrEqual(1_000);
    const server = await start(holdingHandler().handler, {});
    // node:http's own cap sits a little above ours: the spare connections get their 503.
    expect(server.server.maxConnections).toBe(expected + Math.max(8, Math.ceil(expected / 16)));
  });

  it("refuses a cap that is not a positive whole number", async () => {
    await expect(listen(holdingHandler().handler, { maxConnections: 0 })).rejects.toThrow(RangeError);
    await expect(listen(holdingHandler().handler, { maxConnections: 2.5 })).rejects.toThrow(RangeError);
  });

  it("lets a new client in past idle sockets: the longest-idle one makes room", async () => {
    const server = await start(holdingHandler().handler, { maxConnections: 4 });
    sockets.push(...(await idleSockets(server.port, 4)));
    await eventually(() => false, 100); // let the server accept them all
    const response = await call(server.url);
    expect(response.status).toBe(200);
    // The first of the four was closed for it; the others stay.
    expect(await eventually(() => sockets[0]!.closed)).toBe(true);
    expect(sockets.slice(1).map((entry) => entry.closed)).toEqual([false, false, false]);
  });

  it("answers 503 ServiceUnavailableException when every connection is busy, and serves again once one is free", async () => {
    const hold = holdingHandler();
    const server = await start(hold.handler, { maxConnections: 2 });
    const held = [call(server.url, "hold"), call(server.url, "hold")];
    expect(await eventually(() => hold.waiting() === 2)).toBe(true);

    const refused = await call(server.url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("x-amzn-errortype")).toBe("ServiceUnavailableException");
    expect(refused.headers.get("x-amzn-requestid")).toMatch(UUID);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("connection")).toBe("close");
    expect(await refused.json()).toMatchObject({ __type: "ServiceUnavailableException" });

    hold.release();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200]);
    expect((await call(server.url)).status).toBe(200);
  });

  it("past the spare connections, node:http closes new ones as it accepts them", async () => {
    const hold = holdingHandler();
    // Cap 1, so 8 spare connections: the 10th connection is dropped at once.
    const server = await start(hold.handler, { maxConnections: 1, headersTimeoutMs: 5_000 });
    const busy = call(server.url, "hold");
    expect(await eventually(() => hold.waiting() === 1)).toBe(true);
    sockets.push(...(await idleSockets(server.port, 8)));
    await eventually(() => false, 100);
    expect(sockets.map((entry) => entry.closed)).toEqual(Array(8).fill(false));
    const [dropped] = await idleSockets(server.port, 1);
    sockets.push(dropped!);
    expect(await eventually(() => dropped!.closed, 1_000)).toBe(true);
    expect(dropped!.received).toBe("");
    // A spare connection that sends its request in time hears why it is refused.
    const spare = sockets[0]!;
    spare.socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${JSON_TYPE}\r\nX-Amz-Target: ${TARGET}\r\nContent-Length: 2\r\n\r\n{}`);
    expect(await eventually(() => spare.closed)).toBe(true);
    expect(spare.received).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(spare.received).toContain('"__type":"ServiceUnavailableException"');
    hold.release();
    expect((await busy).status).toBe(200);
  });
});

describe("under a real 1,024-descriptor limit (the reference server in its own process)", () => {
  it("1,100 idle sockets do not keep a client out, and the server lives on", async () => {
    const serve = await startServe(["--port", "0", "--quiet"], { descriptorLimit: 1024 });
    try {
      expect(serve.url, serve.stderr()).toBeDefined();
      const port = Number(new URL(serve.url!).port);
      sockets.push(...(await idleSockets(port, 1_100)));
      await eventually(() => false, 500);
      // Before the cap: EMFILE, and no answer until the header timeout freed descriptors (10 s).
      const started = Date.now();
      const response = await call(serve.url!, "no-such-job");
      expect(response.status).toBe(400);
      expect(response.headers.get("x-amzn-errortype")).toBe("JobNotFoundException");
      expect(Date.now() - started).toBeLessThan(2_000);
      // At most 768 (3/4 of 1,024) served plus 48 spare were ever open at once.
      const open = sockets.filter((entry) => !entry.closed).length;
      expect(open).toBeLessThanOrEqual(768 + 48 + 1);
      expect(serve.child.exitCode).toBeNull();
    } finally {
      await serve.stop();
    }
  });
});
