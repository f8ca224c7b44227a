// The OpenAPI document is valid OpenAPI 3.1, agrees with the model, and describes the
// wire that the official AWS SDK for JavaScript really uses.
import { PutThirdPartyJobSuccessResultCommand } from "@aws-sdk/client-codepipeline";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTPUT } from "../codegen/src/pipeline.js";
import { ALL_STRUCTURES, ENUMS, ERROR_MESSAGE, LISTS, MAPS, OPERATION, OPERATIONS, SERVICE } from "./fixtures/facts.js";
import { PARTNER_OPERATIONS } from "./fixtures/partner-operations.js";
import { readRepoFile } from "./support/repo.js";
import { sdkClient } from "./support/sdk.js";

type Schema = Record<string, any>;
let text: string;
let doc: Schema;
let post: Schema;
let ajv: Ajv2020;

const PATH = `/#X-Amz-Target=${OPERATION.target}`;
const FULL_INPUT = {
  jobId: "j",
  clientToken: "tok",
  currentRevision: { revision: "r1", changeIdentifier: "c1", created: new Date(1_700_000_000_123), revisionSummary: "sum" },
  continuationToken: "cont",
  executionDetails: { summary: "ok", externalExecutionId: "x", percentComplete: 100 },
};

beforeAll(async () => {
  text = await readRepoFile(OUTPUT.openapi);
  doc = JSON.parse(text);
  post = doc.paths[PATH].post;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; Smithy adds format hints (int32, double).
  ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: "openapi", components: doc.components });
});

const validate = (ref: string, value: unknown) => {
  const check = ajv.compile({ $ref: `openapi${ref}` });
  return check(value) ? [] : check.errors!.map((error) => `${error.instancePath} ${error.message}`);
};

describe("validity", () => {
  it("is OpenAPI 3.1 with no errors under Redocly's recommended rules", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: text, absoluteRef: OUTPUT.openapi, config });
    const errors = problems.filter((problem) => problem.severity === "error").map((problem) => `${problem.ruleId}: ${problem.message}`);
    expect(errors).toEqual([]);
  });

  it("the validator does reject a broken document", async () => {
    const broken = structuredClone(doc);
    broken.paths[PATH].post.parameters[0].in = "body"; // not a place OpenAPI 3 knows
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(broken), absoluteRef: "broken.json", config });
    expect(problems.some((problem) => problem.severity === "error")).toBe(true);
  });
});

describe("agreement with the model", () => {
  it.each(Object.entries(ALL_STRUCTURES))("schema %s has the model's members, bounds, patterns and required list", (name, members) => {
    const schema = doc.components.schemas[name];
    expect(Object.keys(schema.properties)).toEqual(members.map((member) => member.member));
    expect([...schema.required ?? []].sort()).toEqual(members.filter((m) => m.required).map((m) => m.member).sort());
    for (const member of members) {
      const property = schema.properties[member.member];
      switch (member.type) {
        case "structure":
        case "map":
          expect(property.$ref).toBe(`#/components/schemas/${member.target}`);
          continue;
        case "enum":
          expect(property.$ref).toBe(`#/components/schemas/${member.target}`);
          expect(doc.components.schemas[member.target]).toMatchObject({ type: "string", enum: ENUMS[member.target] });
          continue;
        case "list":
          expect(property).toMatchObject({ type: "array", items: { $ref: `#/components/schemas/${LISTS[member.target]}` } });
          continue;
      }
      expect(property.type).toBe({ string: "string", integer: "integer", timestamp: "number" }[member.type]);
      expect([property.minLength, property.maxLength]).toEqual(member.length ?? [undefined, undefined]);
      expect([property.minimum, property.maximum]).toEqual([member.range?.[0], member.range?.[1]]);
      expect(property.pattern).toBe(member.pattern);
    }
  });

  it.each(Object.entries(MAPS))("schema %s bounds its keys and values", (name, fact) => {
    const schema = doc.components.schemas[name];
    expect(schema).toMatchObject({
      type: "object",
      propertyNames: { type: "string", minLength: fact.key.length[0], maxLength: fact.key.length[1] },
      additionalProperties: { type: "string", minLength: fact.value.length[0], maxLength: fact.value.length[1] },
    });
  });

  it.each(OPERATIONS.map((fact) => [fact.name, fact] as const))("%s: the request body is the operation's input", (name, fact) => {
    const post = doc.paths[`/#X-Amz-Target=${fact.target}`].post;
    expect(post.operationId).toBe(name);
    expect(post.requestBody.required).toBe(true);
    expect(Object.keys(post.requestBody.content)).toEqual([SERVICE.contentType]);
    expect(post.requestBody.content[SERVICE.contentType].schema.$ref).toBe(`#/components/schemas/${fact.input}`);
  });

  it("the server is the regional endpoint and auth is SigV4", () => {
    expect(doc.servers.map((server: Schema) => server.url)).toEqual([SERVICE.endpoint]);
    expect(Object.values(doc.components.securitySchemes)).toEqual([
      expect.objectContaining({ type: "apiKey", in: "header", name: "Authorization", "x-amazon-apigateway-authtype": "awsSigv4" }),
    ]);
  });

  it("every path is POST /, one per operation, told apart by its X-Amz-Target fragment", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(OPERATIONS.map((fact) => `/#X-Amz-Target=${fact.target}`).sort());
    for (const fact of OPERATIONS) {
      const item = doc.paths[`/#X-Amz-Target=${fact.target}`];
      expect(Object.keys(item)).toEqual(["post"]);
      const target = item.post.parameters.find((parameter: Schema) => parameter.name === "X-Amz-Target");
      expect(target).toMatchObject({ in: "header", required: true, schema: { type: "string", enum: [fact.target] } });
    }
  });

  it.each(OPERATIONS.map((fact) => [fact.name, fact] as const))(
    "%s: success is 200 with its output (or no body); each error is a 400 body naming itself in __type",
    (_, fact) => {
      const post = doc.paths[`/#X-Amz-Target=${fact.target}`].post;
      expect(Object.keys(post.responses).sort()).toEqual(["200", "400"]);
      if (fact.output === "smithy.api#Unit") expect(post.responses["200"].content).toBeUndefined();
      else expect(post.responses["200"].content[SERVICE.contentType].schema.$ref).toBe(`#/components/schemas/${fact.output}`);
      const body = post.responses["400"].content[SERVICE.contentType].schema;
      expect(body.discriminator.propertyName).toBe("__type");
      expect(Object.keys(body.discriminator.mapping).sort()).toEqual([...fact.errors].sort());
      expect(body.oneOf).toHaveLength(fact.errors.length);
      for (const name of fact.errors) {
        const schema = doc.components.schemas[`${name}ResponseContent`];
        expect(body.oneOf).toContainEqual({ $ref: `#/components/schemas/${name}ResponseContent` });
        expect(schema.required).toEqual(["__type"]);
        expect(schema.properties.__type.enum).toEqual([name]);
        expect(schema.properties.message).toMatchObject({ type: "string", minLength: ERROR_MESSAGE.length![0], maxLength: ERROR_MESSAGE.length![1] });
      }
    },
  );
});

describe("the wire, as @aws-sdk/client-codepipeline sends and reads it", () => {
  it("the SDK's request has the document's method, path, headers, and a body its schema accepts", async () => {
    const { client, requests } = sdkClient();
    await client.send(new PutThirdPartyJobSuccessResultCommand(FULL_INPUT));
    const [{ request, body }] = requests as [(typeof requests)[0]];
    const [pathPart, fragment] = PATH.split("#");
    expect(request.method).toBe("POST");
    expect(request.path).toBe(pathPart);
    expect(request.hostname).toBe(SERVICE.endpoint.replace("https://", "").replace("{region}", "us-east-1"));
    expect(request.headers["content-type"]).toBe(Object.keys(post.requestBody.content)[0]);
    expect(`X-Amz-Target=${request.headers["x-amz-target"]}`).toBe(fragment);
    expect(request.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/codepipeline\/aws4_request/);
    expect(validate(`#/components/schemas/${OPERATION.input}`, JSON.parse(body))).toEqual([]);
    // The schema is not vacuous: the same body with a bound broken is refused.
    expect(validate(`#/components/schemas/${OPERATION.input}`, { ...JSON.parse(body), jobId: "" })).not.toEqual([]);
  });

  it("an empty-input-like minimal request also conforms", async () => {
    const { client, requests } = sdkClient();
    await client.send(new PutThirdPartyJobSuccessResultCommand({ jobId: "j", clientToken: "t" }));
    expect(requests[0]!.body).toBe('{"jobId":"j","clientToken":"t"}');
    expect(validate(`#/components/schemas/${OPERATION.input}`, JSON.parse(requests[0]!.body))).toEqual([]);
  });

  it.each(PARTNER_OPERATIONS.map((operation) => [operation.name, operation] as const))(
    "%s: the SDK's request conforms to the document, and the SDK reads a body its output schema accepts",
    async (name, operation) => {
      const fact = OPERATIONS.find((candidate) => candidate.name === name)!;
      const output = JSON.stringify(operation.output ?? {});
      const { client, requests } = sdkClient(() => ({ statusCode: 200, body: output, headers: { "content-type": SERVICE.contentType } }));
      const { $metadata, ...read } = await client.send(operation.sdkCommand(operation.inputs.full));
      const { request, body } = requests[0]!;
      expect(`${request.path}#X-Amz-Target=${request.headers["x-amz-target"]}`).toBe(`/#X-Amz-Target=${fact.target}`);
      expect(validate(`#/components/schemas/${fact.input}`, JSON.parse(body))).toEqual([]);
      if (fact.output !== "smithy.api#Unit") {
        expect(validate(`#/components/schemas/${fact.output}`, JSON.parse(output))).toEqual([]);
        expect(read).toEqual(operation.output);
      }
    },
  );

  it.each(OPERATION.errors.map((name) => [name]))("a 400 body shaped by %sResponseContent becomes that SDK error", async (name) => {
    const errorBody = { __type: name, message: `about ${name}` };
    expect(validate(`#/components/schemas/${name}ResponseContent`, errorBody)).toEqual([]);
    const { client } = sdkClient(() => ({ statusCode: 400, body: JSON.stringify(errorBody), headers: { "content-type": SERVICE.contentType } }));
    const error = await client.send(new PutThirdPartyJobSuccessResultCommand(FULL_INPUT)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name, message: `about ${name}`, $fault: "client", $metadata: { httpStatusCode: 400 } });
  });
});
