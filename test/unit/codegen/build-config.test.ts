// codegen/src/build-config.ts: which service a run generates, and the smithy-build.json
// Smithy runs with.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configuredService, smithyBuildConfig, type BuildConfig } from "../../../codegen/src/build-config.js";
import { GenerateError } from "../../../codegen/src/errors.js";

const STORE = "com.example#Store";
const ADMIN = "com.example.admin#Admin";
const AT = "/repo/smithy-build.json";

const plugins = (service?: string): BuildConfig => ({
  openapi: { version: "3.1.0", ...(service ? { service } : {}) },
  "json-schema": { filename: "x.schema.json", ...(service ? { service } : {}) },
});

describe("configuredService", () => {
  it.each<[string, { config: BuildConfig; flag?: string; want: string | undefined }]>([
    ["the codegen section's service", { config: { codegen: { service: STORE }, plugins: plugins() }, want: STORE }],
    ["--service over the codegen section", { config: { codegen: { service: STORE }, plugins: plugins() }, flag: ADMIN, want: ADMIN }],
    ["--service over the plugins' own settings", { config: { plugins: plugins(STORE) }, flag: ADMIN, want: ADMIN }],
    ["the one service the plugins name, for a smithy-build.json written for Smithy alone", { config: { plugins: plugins(STORE) }, want: STORE }],
    ["the codegen section's, when a plugin repeats it", { config: { codegen: { service: STORE }, plugins: plugins(STORE) }, want: STORE }],
    ["nothing, when nothing names one", { config: { plugins: { model: {}, openapi: {} } }, want: undefined }],
    ["nothing, without plugins", { config: { version: "1.0" }, want: undefined }],
  ])("%s", (_, { config, flag, want }) => {
    expect(configuredService(config, AT, flag)).toBe(want);
  });

  it.each<[string, { config: BuildConfig; flag?: string; want: string }]>([
    [
      "plugins naming different services",
      {
        config: { plugins: { openapi: { service: STORE }, "json-schema": { service: ADMIN } } },
        want: `${AT}: the plugins name different services (openapi: ${STORE}, json-schema: ${ADMIN}). Name the one to generate with "codegen": { "service": "..." } and remove the plugins' "service" settings.`,
      },
    ],
    [
      "a plugin naming another service than the codegen section",
      {
        config: { codegen: { service: STORE }, plugins: { openapi: { service: ADMIN } } },
        want: `${AT}: plugin "openapi" names service ${ADMIN}, but "codegen.service" names ${STORE}. Remove the plugin's "service" setting: the codegen section sets it for every plugin.`,
      },
    ],
    ["a codegen section that is not an object", { config: { codegen: STORE }, want: `${AT}: "codegen" must be an object, like { "service": "com.example#MyService" }.` }],
    ["an unknown setting (a typo)", { config: { codegen: { servce: STORE } }, want: `${AT}: "codegen" has an unknown setting "servce"; it takes "service", "output", "packages", "runtime".` }],
    ["a service that is not a shape ID", { config: { codegen: { service: "Store" } }, want: `${AT}: "codegen".service must be a service's shape ID, like "com.example#MyService"; found "Store".` }],
    ["a --service that is not a shape ID", { config: {}, flag: "com.example#", want: `--service must be a service's shape ID, like "com.example#MyService"; found "com.example#".` }],
  ])("refuses %s", (_, { config, flag, want }) => {
    expect(() => configuredService(config, AT, flag)).toThrow(GenerateError);
    expect(() => configuredService(config, AT, flag)).toThrow(want);
  });
});

describe("smithyBuildConfig", () => {
  const config: BuildConfig = {
    version: "1.0",
    codegen: { service: STORE },
    sources: ["model-extra", "/abs/model"],
    imports: ["../shared/traits.smithy"],
    plugins: {
      model: {},
      "build-info": {},
      openapi: { version: "3.1.0" },
      "openapi::v2": { version: "2.0", service: ADMIN },
      "typescript-client-codegen": { package: "view" },
    },
    projections: { slim: { imports: ["slim.smithy"], plugins: { "json-schema": { filename: "slim.json" } } } },
  };

  it("gives every service-scoped plugin the service, leaves the codegen section out and makes paths absolute", () => {
    expect(smithyBuildConfig(config, "/repo", STORE)).toEqual({
      version: "1.0",
      sources: [path.resolve("/repo", "model-extra"), "/abs/model"],
      imports: [path.resolve("/repo/../shared/traits.smithy")],
      plugins: {
        model: {},
        "build-info": {},
        openapi: { version: "3.1.0", service: STORE },
        "openapi::v2": { version: "2.0", service: STORE },
        "typescript-client-codegen": { package: "view", service: STORE },
      },
      projections: { slim: { imports: [path.resolve("/repo/slim.smithy")], plugins: { "json-schema": { filename: "slim.json", service: STORE } } } },
    });
  });

  it("without a service, only validates the model and writes its JSON AST: no plugins, no projections", () => {
    const modelOnly = smithyBuildConfig(config, "/repo", undefined);
    expect(Object.keys(modelOnly)).toEqual(["version", "sources", "imports"]);
  });

  it("leaves the configuration it was given as it was", () => {
    const before = JSON.stringify(config);
    smithyBuildConfig(config, "/repo", ADMIN);
    expect(JSON.stringify(config)).toBe(before);
  });
});
