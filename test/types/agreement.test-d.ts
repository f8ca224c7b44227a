// Our generated types agree, member by member, with the three other views of the same
// model: openapi-typescript's, json-schema-to-typescript's and smithy-typescript-codegen's.
// The only differences are deliberate, and each is spelled out below:
//  1. Timestamps: ours (and smithy-typescript's) are `Date`; the OpenAPI and JSON Schema
//     views describe the wire, where they are epoch-second numbers.
//  2. Required members: smithy-typescript types them `T | undefined` because its clients
//     leave enforcement to the service; ours require a value, as the model does.
//  3. Errors: ours carry `name` and `$fault` literals (smithy-typescript's classes do too);
//     the OpenAPI view carries the wire's `__type` instead.
//  4. Maps: json-schema-to-typescript types a map's values `T | undefined`; ours (and the
//     OpenAPI view's) are `T`.
import type * as ours from "@codepipeline-partner/types";
import { describe, expectTypeOf, it } from "vitest";
import type * as jsonSchema from "../../generated/json-schema/codepipeline";
import type { components } from "../../generated/openapi/codepipeline";
import type * as smithyErrors from "../../generated/smithy-typescript/src/models/errors";
import type * as smithy from "../../generated/smithy-typescript/src/models/models_0";

type OpenApi = components["schemas"];

/** Difference 1: a Date on our side is an epoch-seconds number on the wire. */
type OnTheWire<T> = { [K in keyof T]: Exclude<T[K], undefined> extends Date ? number | Extract<T[K], undefined> : T[K] };
/** Difference 2: smithy-typescript's members all admit undefined. */
type AdmitsUndefined<T> = { [K in keyof T]: T[K] | undefined };

type Nested = "currentRevision" | "executionDetails";

describe("CurrentRevision", () => {
  it("matches the OpenAPI view", () => {
    expectTypeOf<OpenApi["CurrentRevision"]>().toEqualTypeOf<OnTheWire<ours.CurrentRevision>>();
  });
  it("matches the JSON Schema view", () => {
    expectTypeOf<jsonSchema.CurrentRevision>().toEqualTypeOf<OnTheWire<ours.CurrentRevision>>();
  });
  it("matches smithy-typescript-codegen", () => {
    expectTypeOf<smithy.CurrentRevision>().toEqualTypeOf<AdmitsUndefined<ours.CurrentRevision>>();
  });
  it("keeps created a Date, as smithy-typescript does", () => {
    expectTypeOf<ours.CurrentRevision["created"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<NonNullable<smithy.CurrentRevision["created"]>>().toEqualTypeOf<Date>();
  });
});

describe("ExecutionDetails", () => {
  it("matches the OpenAPI view", () => {
    expectTypeOf<OpenApi["ExecutionDetails"]>().toEqualTypeOf<ours.ExecutionDetails>();
  });
  it("matches the JSON Schema view", () => {
    expectTypeOf<jsonSchema.ExecutionDetails>().toEqualTypeOf<ours.ExecutionDetails>();
  });
  it("matches smithy-typescript-codegen", () => {
    expectTypeOf<smithy.ExecutionDetails>().toEqualTypeOf<AdmitsUndefined<ours.ExecutionDetails>>();
  });
});

describe("PutThirdPartyJobSuccessResultInput", () => {
  type Flat = Omit<ours.PutThirdPartyJobSuccessResultInput, Nested>;
  it("matches the OpenAPI view", () => {
    expectTypeOf<Omit<OpenApi["PutThirdPartyJobSuccessResultInput"], Nested>>().toEqualTypeOf<Flat>();
    expectTypeOf<OpenApi["PutThirdPartyJobSuccessResultInput"]["currentRevision"]>().toEqualTypeOf<OpenApi["CurrentRevision"] | undefined>();
    expectTypeOf<OpenApi["PutThirdPartyJobSuccessResultInput"]["executionDetails"]>().toEqualTypeOf<OpenApi["ExecutionDetails"] | undefined>();
  });
  it("matches the JSON Schema view", () => {
    expectTypeOf<Omit<jsonSchema.PutThirdPartyJobSuccessResultInput, Nested>>().toEqualTypeOf<Flat>();
    expectTypeOf<jsonSchema.PutThirdPartyJobSuccessResultInput["currentRevision"]>().toEqualTypeOf<jsonSchema.CurrentRevision | undefined>();
  });
  it("matches smithy-typescript-codegen", () => {
    expectTypeOf<Omit<smithy.PutThirdPartyJobSuccessResultInput, Nested>>().toEqualTypeOf<AdmitsUndefined<Flat>>();
    expectTypeOf<smithy.PutThirdPartyJobSuccessResultInput["executionDetails"]>().toEqualTypeOf<smithy.ExecutionDetails | undefined>();
  });
  it("has the same members in all four views", () => {
    type Keys = keyof ours.PutThirdPartyJobSuccessResultInput;
    expectTypeOf<keyof OpenApi["PutThirdPartyJobSuccessResultInput"]>().toEqualTypeOf<Keys>();
    expectTypeOf<keyof jsonSchema.PutThirdPartyJobSuccessResultInput>().toEqualTypeOf<Keys>();
    expectTypeOf<keyof smithy.PutThirdPartyJobSuccessResultInput>().toEqualTypeOf<Keys>();
  });
  it("requires jobId and clientToken, and nothing else", () => {
    expectTypeOf<{ jobId: string; clientToken: string }>().toExtend<ours.PutThirdPartyJobSuccessResultInput>();
    expectTypeOf<{ jobId: string }>().not.toExtend<ours.PutThirdPartyJobSuccessResultInput>();
  });
});

describe("errors", () => {
  it("carry the same name and fault literals as smithy-typescript's classes", () => {
    expectTypeOf<ours.JobNotFoundException["name"]>().toEqualTypeOf<smithyErrors.JobNotFoundException["name"]>();
    expectTypeOf<ours.JobNotFoundException["$fault"]>().toEqualTypeOf<smithyErrors.JobNotFoundException["$fault"]>();
    expectTypeOf<ours.InvalidClientTokenException["name"]>().toEqualTypeOf<smithyErrors.InvalidClientTokenException["name"]>();
    expectTypeOf<ours.InvalidJobStateException["name"]>().toEqualTypeOf<smithyErrors.InvalidJobStateException["name"]>();
    expectTypeOf<ours.ValidationException["name"]>().toEqualTypeOf<smithyErrors.ValidationException["name"]>();
  });
  it("have the wire body of the OpenAPI view, with __type as name", () => {
    type Body<E extends { name: string }> = { __type: E["name"] } & Omit<E, "name" | "$fault">;
    expectTypeOf<OpenApi["JobNotFoundExceptionResponseContent"]>().toEqualTypeOf<{ __type: "JobNotFoundException"; message?: string }>();
    expectTypeOf<Body<ours.JobNotFoundException>>().toMatchTypeOf<OpenApi["JobNotFoundExceptionResponseContent"]>();
    expectTypeOf<jsonSchema.ValidationException>().toEqualTypeOf<Omit<ours.ValidationException, "name" | "$fault">>();
  });
  it("narrow by name in a switch", () => {
    const describe = (error: ours.PutThirdPartyJobSuccessResultError) => {
      switch (error.name) {
        case "JobNotFoundException":
          expectTypeOf(error).toEqualTypeOf<ours.JobNotFoundException>();
          return 1;
        case "InvalidClientTokenException":
        case "InvalidJobStateException":
        case "ValidationException":
          return 2;
        default:
          expectTypeOf(error).toBeNever();
          return 3;
      }
    };
    expectTypeOf(describe).returns.toBeNumber();
  });
});

describe("the operation map", () => {
  it("gives each operation its input, output and errors", () => {
    type Op = ours.CodePipeline_20150709Operations["PutThirdPartyJobSuccessResult"];
    expectTypeOf<Op["input"]>().toEqualTypeOf<ours.PutThirdPartyJobSuccessResultInput>();
    expectTypeOf<Op["output"]>().toEqualTypeOf<ours.Unit>();
    expectTypeOf<Op["error"]>().toEqualTypeOf<
      ours.InvalidClientTokenException | ours.InvalidJobStateException | ours.JobNotFoundException | ours.ValidationException
    >();
    expectTypeOf<keyof ours.CodePipeline_20150709Operations>().toEqualTypeOf<
      "AcknowledgeThirdPartyJob" | "GetThirdPartyJobDetails" | "PollForThirdPartyJobs" | "PutThirdPartyJobFailureResult" | "PutThirdPartyJobSuccessResult"
    >();
  });
  it("gives the other four partner-action operations theirs", () => {
    type Ops = ours.CodePipeline_20150709Operations;
    expectTypeOf<Ops["PollForThirdPartyJobs"]["output"]>().toEqualTypeOf<ours.PollForThirdPartyJobsOutput>();
    expectTypeOf<Ops["PollForThirdPartyJobs"]["error"]>().toEqualTypeOf<ours.ActionTypeNotFoundException | ours.ValidationException>();
    expectTypeOf<Ops["AcknowledgeThirdPartyJob"]["output"]>().toEqualTypeOf<ours.AcknowledgeThirdPartyJobOutput>();
    expectTypeOf<Ops["AcknowledgeThirdPartyJob"]["error"]>().toEqualTypeOf<
      ours.InvalidClientTokenException | ours.InvalidNonceException | ours.JobNotFoundException | ours.ValidationException
    >();
    expectTypeOf<Ops["GetThirdPartyJobDetails"]["output"]>().toEqualTypeOf<ours.GetThirdPartyJobDetailsOutput>();
    expectTypeOf<Ops["GetThirdPartyJobDetails"]["error"]>().toEqualTypeOf<
      ours.InvalidClientTokenException | ours.InvalidJobException | ours.JobNotFoundException | ours.ValidationException
    >();
    expectTypeOf<Ops["PutThirdPartyJobFailureResult"]["input"]>().toEqualTypeOf<ours.PutThirdPartyJobFailureResultInput>();
    expectTypeOf<Ops["PutThirdPartyJobFailureResult"]["output"]>().toEqualTypeOf<ours.Unit>();
    expectTypeOf<Ops["PutThirdPartyJobFailureResult"]["error"]>().toEqualTypeOf<Ops["PutThirdPartyJobSuccessResult"]["error"]>();
  });
});

// The partner-action structures hold no timestamps, so there the wire views equal ours
// outright, nested structures, enums, lists and the configuration map included.
describe("the other partner-action operations' shapes", () => {
  it("match the OpenAPI view, all the way down", () => {
    expectTypeOf<OpenApi["PollForThirdPartyJobsInput"]>().toEqualTypeOf<ours.PollForThirdPartyJobsInput>();
    expectTypeOf<OpenApi["PollForThirdPartyJobsOutput"]>().toEqualTypeOf<ours.PollForThirdPartyJobsOutput>();
    expectTypeOf<OpenApi["AcknowledgeThirdPartyJobInput"]>().toEqualTypeOf<ours.AcknowledgeThirdPartyJobInput>();
    expectTypeOf<OpenApi["AcknowledgeThirdPartyJobOutput"]>().toEqualTypeOf<ours.AcknowledgeThirdPartyJobOutput>();
    expectTypeOf<OpenApi["GetThirdPartyJobDetailsInput"]>().toEqualTypeOf<ours.GetThirdPartyJobDetailsInput>();
    expectTypeOf<OpenApi["GetThirdPartyJobDetailsOutput"]>().toEqualTypeOf<ours.GetThirdPartyJobDetailsOutput>();
    expectTypeOf<OpenApi["PutThirdPartyJobFailureResultInput"]>().toEqualTypeOf<ours.PutThirdPartyJobFailureResultInput>();
  });
  it("match the JSON Schema view, all the way down but for the map (difference 4)", () => {
    expectTypeOf<jsonSchema.PollForThirdPartyJobsInput>().toEqualTypeOf<ours.PollForThirdPartyJobsInput>();
    expectTypeOf<jsonSchema.PollForThirdPartyJobsOutput>().toEqualTypeOf<ours.PollForThirdPartyJobsOutput>();
    expectTypeOf<jsonSchema.AcknowledgeThirdPartyJobOutput>().toEqualTypeOf<ours.AcknowledgeThirdPartyJobOutput>();
    expectTypeOf<jsonSchema.PutThirdPartyJobFailureResultInput>().toEqualTypeOf<ours.PutThirdPartyJobFailureResultInput>();
    expectTypeOf<jsonSchema.PipelineContext>().toEqualTypeOf<ours.PipelineContext>();
    expectTypeOf<jsonSchema.Artifact>().toEqualTypeOf<ours.Artifact>();
    expectTypeOf<jsonSchema.AWSSessionCredentials>().toEqualTypeOf<ours.AWSSessionCredentials>();
    expectTypeOf<jsonSchema.EncryptionKey>().toEqualTypeOf<ours.EncryptionKey>();
    expectTypeOf<Omit<jsonSchema.ThirdPartyJobData, "actionConfiguration">>().toEqualTypeOf<Omit<ours.ThirdPartyJobData, "actionConfiguration">>();
    // Difference 4: json-schema-to-typescript's index signature admits undefined values.
    expectTypeOf<jsonSchema.ActionConfigurationMap>().toEqualTypeOf<Partial<ours.ActionConfigurationMap>>();
  });
  it("match smithy-typescript-codegen member by member", () => {
    expectTypeOf<smithy.ActionTypeId>().toEqualTypeOf<AdmitsUndefined<ours.ActionTypeId>>();
    expectTypeOf<smithy.AWSSessionCredentials>().toEqualTypeOf<AdmitsUndefined<ours.AWSSessionCredentials>>();
    expectTypeOf<smithy.EncryptionKey>().toEqualTypeOf<AdmitsUndefined<ours.EncryptionKey>>();
    expectTypeOf<smithy.ThirdPartyJob>().toEqualTypeOf<AdmitsUndefined<ours.ThirdPartyJob>>();
    expectTypeOf<smithy.AcknowledgeThirdPartyJobInput>().toEqualTypeOf<AdmitsUndefined<ours.AcknowledgeThirdPartyJobInput>>();
    expectTypeOf<smithy.AcknowledgeThirdPartyJobOutput>().toEqualTypeOf<AdmitsUndefined<ours.AcknowledgeThirdPartyJobOutput>>();
    expectTypeOf<keyof smithy.ThirdPartyJobData>().toEqualTypeOf<keyof ours.ThirdPartyJobData>();
  });
  it("require what the model requires, and nothing else", () => {
    expectTypeOf<{ actionTypeId: ours.ActionTypeId }>().toExtend<ours.PollForThirdPartyJobsInput>();
    expectTypeOf<{ jobId: string; clientToken: string }>().not.toExtend<ours.AcknowledgeThirdPartyJobInput>();
    expectTypeOf<{ jobId: string; clientToken: string; nonce: string }>().toExtend<ours.AcknowledgeThirdPartyJobInput>();
    expectTypeOf<{ type: "JobFailed"; message: string }>().toExtend<ours.FailureDetails>();
    expectTypeOf<{ type: "Oops"; message: string }>().not.toExtend<ours.FailureDetails>();
    expectTypeOf<{}>().toExtend<ours.ThirdPartyJobData>();
  });
});
