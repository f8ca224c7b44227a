// bigInteger and bigDecimal through the real toolchain, for awsJson1_0 and awsJson1_1: the
// generated client sends them to the generated server over 127.0.0.1 as JSON numbers with
// every digit, the handler gets a bigint and the decimal's text, and the answer comes back
// exact. Operations without big numbers keep JSON.parse and JSON.stringify.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../codegen/src/pipeline.js";
import type { GeneratedFile } from "../codegen/src/writer.js";
import { compareDecimal } from "../packages/validators/src/runtime/values.js";
import { bundle } from "./support/bundle.js";
import { CACHE_DIR, REPO_ROOT } from "./support/repo.js";
import { generatedWorkspace } from "./support/workspace.js";

const fixtures = path.join(REPO_ROOT, "test", "fixtures");
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

describe.each(["10", "11"])("awsJson%s: bigInteger and bigDecimal", (version) => {
  const name = `big-numbers-json${version}`;
  const contentType = `application/x-amz-json-${version[0]}.${version[1]}`;
  let files: GeneratedFile[];
  let server: { url: string; close(): Promise<void> };
  let client: any;
  let clientModule: any;
  const bodies: string[] = [];
  const inputs: any[] = [];
  // When set, the server answers this body as it is, as a service with more digits than a double would.
  let answer: string | undefined;
  afterAll(() => server?.close());

  beforeAll(async () => {
    ({ files } = await runPipeline({ modelDir: path.join(fixtures, name), configPath: path.join(fixtures, `${name}.smithy-build.json`), cacheDir: CACHE_DIR }));
    const dir = await generatedWorkspace(name, files);
    const { createBigNumbersServiceHandler, listen } = await import(path.join(dir, "server", "src", "index.ts"));
    clientModule = await import(path.join(dir, "client", "src", "index.ts"));
    const handler = createBigNumbersServiceHandler({
      echo: async (input: unknown) => {
        inputs.push(input);
        return input;
      },
      count: async (input: { count?: number }) => input,
    });
    server = await listen(
      Object.assign(
        async (request: { body: Uint8Array | string }) => {
          bodies.push(typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body));
          if (answer !== undefined) return { status: 200, headers: { "content-type": contentType }, body: answer };
          return handler(request);
        },
        { protocol: handler.protocol },
      ),
    );
    client = new clientModule.BigNumbersClient({ endpoint: server.url, credentials });
  }, 120_000);

  const post = (operation: string, body: string) =>
    fetch(server.url, { method: "POST", headers: { "content-type": contentType, "x-amz-target": `BigNumbers.${operation}` }, body }).then(async (response) => ({ status: response.status, body: await response.json() }));

  it("a bigInteger beyond 2^53 and bigDecimals with more digits than a double holds make the round trip exactly", async () => {
    const sent = {
      whole: 123456789012345678901234567890n,
      decimal: "3.14159265358979323846264338327950288",
      wholes: [-(2n ** 64n) - 1n, 2n ** 53n + 1n, 0n],
      decimals: { tiny: "-0.000000000000000000001", vast: "1e400", plain: "0.1" },
    };
    const output = await client.echo(sent);
    // The wire carries the digits, not a double's rounding of them.
    expect(bodies.at(-1)).toContain('"whole":123456789012345678901234567890');
    expect(bodies.at(-1)).toContain('"wholes":[-18446744073709551617,9007199254740993,0]');
    expect(bodies.at(-1)).toContain('"vast":1e400');
    // The handler got a bigint and the decimal's text.
    expect(inputs.at(-1).whole).toBe(123456789012345678901234567890n);
    expect(inputs.at(-1).wholes).toEqual(sent.wholes);
    expect(inputs.at(-1).decimal).toBe(sent.decimal);
    expect(output.whole).toBe(sent.whole);
    expect(output.wholes).toEqual(sent.wholes);
    expect(output.decimal).toBe(sent.decimal);
    expect(output.decimals.vast).toBe("1e400");
    // A decimal a double holds exactly may come back written as the double writes it: the same number.
    for (const key of ["tiny", "plain"] as const) expect(compareDecimal(output.decimals[key], sent.decimals[key])).toBe(0);
  });

  it("an operation without big numbers keeps JSON.parse and JSON.stringify; one with them says so in its descriptor", () => {
    const operations = files.find((file) => file.path === "packages/client/src/generated/operations.ts")!.contents;
    const service = files.find((file) => file.path === "packages/server/src/generated/service.ts")!.contents;
    expect(clientModule.countOperation).not.toHaveProperty("parse");
    expect(clientModule.countOperation).not.toHaveProperty("stringify");
    expect(clientModule.echoOperation).toMatchObject({ parse: expect.any(Function), stringify: expect.any(Function) });
    expect(operations.match(/(parse|stringify): \w+ExactJson/g)).toEqual(["stringify: stringifyExactJson", "parse: parseExactJson"]);
    expect(service.match(/(parse|stringify): \w+ExactJson/g)).toEqual(["parse: parseExactJson", "stringify: stringifyExactJson"]);
  });

  it("@range on a bigDecimal is judged exactly at its edges, by the server and by the client's validateInput", async () => {
    await expect(client.echo({ bounded: "100" })).resolves.toMatchObject({ bounded: "100" });
    await expect(client.echo({ bounded: "-100.000" })).resolves.toBeDefined();
    const over = await client.echo({ bounded: "100.00000000000000000001" }).catch((error: unknown) => error);
    expect(over).toMatchObject({ name: "ValidationException" });
    // The value is echoed as its digits.
    expect(over.message).toContain("Value 100.00000000000000000001 at 'bounded'");
    expect(over.message).toContain("Member must have value less than or equal to 100");
    const under = await client.echo({ bounded: "-100.00000000000000000001" }).catch((error: unknown) => error);
    expect(under.message).toContain("Member must have value greater than or equal to -100");
    const checking = new clientModule.BigNumbersClient({ endpoint: server.url, credentials, validateInput: true });
    const count = bodies.length;
    const refused = await checking.echo({ bounded: "1e2000" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: "InputValidationError" });
    expect(refused.message).toContain("Member must have value less than or equal to 100");
    expect(bodies.length).toBe(count);
  });

  it("a bigInteger must be whole: 1e30 is one, 1.5 is not", async () => {
    expect((await post("Echo", '{"whole":1.5e30}')).status).toBe(200);
    expect(inputs.at(-1).whole).toBe(1_500_000_000_000_000_000_000_000_000_000n);
    const refused = await post("Echo", '{"whole":1.5}');
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toBe("SerializationException");
  });

  it("a number too big for a long is refused as in an operation without big numbers", async () => {
    for (const digits of ["123456789012345678901234567890", "1e30"]) {
      const plain = await post("Count", `{"count":${digits}}`);
      const big = await post("Echo", `{"count":${digits}}`);
      expect(plain.status).toBe(400);
      expect(big.status).toBe(plain.status);
      expect(big.body.__type).toBe(plain.body.__type);
    }
  });

  // An ordinary member of an operation with big numbers comes through the exact reader, which keeps a
  // number a double cannot hold as its text; it must be read as JSON.parse reads it in Count.
  const RATIO = "0.1234567890123456789012345";
  const LONG = "9007199254740993"; // 2^53 + 1

  it("float rule: a double of 25 significant digits is accepted and read as JSON.parse reads it, by the server", async () => {
    const body = `{"ratio":${RATIO},"count":${LONG}}`;
    const plain = await post("Count", body);
    const big = await post("Echo", body);
    expect(plain.status).toBe(200);
    expect(big.status).toBe(200);
    expect(typeof inputs.at(-1).ratio).toBe("number");
    expect(inputs.at(-1).ratio).toBe(JSON.parse(body).ratio);
    expect(big.body.ratio).toBe(plain.body.ratio);
  });

  it("integer rule: a long of 2^53 + 1 is accepted and read as JSON.parse reads it (2^53), by the server", async () => {
    const big = await post("Echo", `{"count":${LONG}}`);
    expect(big.status).toBe(200);
    expect(inputs.at(-1).count).toBe(2 ** 53);
    expect(big.body.count).toBe(2 ** 53);
  });

  it("integer rule: a long's width is checked on the exact digits, 2^63 - 1 and -2^63 fit, 2^63 and -2^63 - 1 do not", async () => {
    for (const fits of ["9223372036854775807", "-9223372036854775808"]) {
      expect((await post("Echo", `{"count":${fits}}`)).status).toBe(200);
      expect(inputs.at(-1).count).toBe(Number(fits));
    }
    for (const over of ["9223372036854775808", "-9223372036854775809", "9223372036854775808.5"]) {
      const refused = await post("Echo", `{"count":${over}}`);
      expect(refused.status).toBe(400);
      expect(refused.body.__type).toBe("SerializationException");
      // Named as a number, as in an operation without big numbers, not as the object that keeps its digits.
      expect(refused.body.message).toMatch(/found an integer\.$/);
    }
  });

  it("timestamp rule: an epoch-seconds timestamp of 22 significant digits is accepted and read as JSON.parse reads it, by the server and the client", async () => {
    const body = '{"at":1700000000.123456789012345678901}';
    const plain = await post("Count", body);
    const big = await post("Echo", body);
    expect(plain.status).toBe(200);
    expect(big.status).toBe(200);
    expect(inputs.at(-1).at).toEqual(new Date(Math.round(JSON.parse(body).at * 1000)));
    expect(big.body.at).toBe(plain.body.at);
    answer = body;
    try {
      expect((await client.echo({})).at).toEqual((await client.count({})).at);
      expect((await client.echo({})).at.getTime()).toBe(1_700_000_000_123);
    } finally {
      answer = undefined;
    }
  });

  it("float and integer rules: the client reads a double of 25 digits and a long of 2^53 + 1 in an answer as JSON.parse reads them", async () => {
    const body = `{"ratio":${RATIO},"count":${LONG},"whole":${LONG}}`;
    answer = body;
    try {
      const output = await client.echo({});
      expect(output.ratio).toBe(JSON.parse(body).ratio);
      expect(output.count).toBe(2 ** 53);
      // The big member beside them keeps every digit.
      expect(output.whole).toBe(2n ** 53n + 1n);
      expect(await client.count({})).toMatchObject({ ratio: output.ratio, count: output.count });
    } finally {
      answer = undefined;
    }
  });

  it("the client refuses a bigDecimal that is no JSON number and a bigInteger that is no bigint, naming the member, before sending", async () => {
    const count = bodies.length;
    const decimal = await client.echo({ decimal: "12,5" }).catch((error: unknown) => error);
    expect(decimal).toMatchObject({ name: "InputValidationError" });
    expect(decimal.message).toContain("EchoInput.decimal");
    const whole = await client.echo({ wholes: [1.5] }).catch((error: unknown) => error);
    expect(whole).toMatchObject({ name: "InputValidationError" });
    expect(whole.message).toContain("BigIntegers.member");
    expect(bodies.length).toBe(count);
  });
});

describe("a bundle of one call of our own model, which has no big numbers", () => {
  it("carries none of the exact JSON reader and writer", async () => {
    const { inputs } = await bundle(
      `import { createCodePipelineClient, putThirdPartyJobSuccessResult } from "@codepipeline-partner/client";
          await putThirdPartyJobSuccessResult(createCodePipelineClient({ region: "us-east-1" }), { jobId: "j", clientToken: "t" });`,
      { platform: "browser" },
    );
    // What the output holds, after tree-shaking.
    expect(inputs).toContain("packages/protocol-aws-json/src/wire.ts");
    expect(inputs.filter((input) => /lossless-json|big-numbers/.test(input))).toEqual([]);
  });
});
