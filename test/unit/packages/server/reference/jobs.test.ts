// Job entries as a jobs file, the admin routes and createEmulator take them: what a job
// becomes, and a message naming the entry and the field for each way an entry can be wrong.
import { describe, expect, it } from "vitest";
import { clientIdFor, DEFAULT_ACTION_TYPE, jobFromEntry, jobIdFor, JobStore, parseJobEntries } from "../../../../../packages/server/src/reference/jobs.js";

describe("parseJobEntries", () => {
  it("takes today's { id, clientToken, status } and the members of ThirdPartyJobData; a job becomes Queued, of the default action type", () => {
    const [legacy, full] = parseJobEntries(
      [
        { id: "job-1", clientToken: "tok-1", status: "InProgress" },
        { id: "job-2", clientToken: "tok-2", actionTypeId: { category: "Test", owner: "ThirdParty", provider: "Acme", version: "3" }, actionConfiguration: { configuration: { Suite: "all" } }, continuationToken: "c" },
      ],
      "jobs.json",
      { requireId: true },
    );
    // An ID that is not a lowercase UUID (the model's job ID) names the job: its label.
    expect(jobFromEntry(legacy!)).toEqual({ id: jobIdFor("job-1"), label: "job-1", status: "InProgress", clientId: clientIdFor("tok-1"), clientToken: "tok-1", actionTypeId: DEFAULT_ACTION_TYPE });
    expect(jobFromEntry(full!)).toMatchObject({ status: "Queued", actionConfiguration: { configuration: { Suite: "all" } }, continuationToken: "c" });
    expect(jobFromEntry({ clientToken: "t" }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("derives one client ID per client token, a lowercase UUID, the same on every run", () => {
    expect(clientIdFor("tok-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(clientIdFor("tok-1")).toBe(clientIdFor("tok-1"));
    expect(clientIdFor("tok-2")).not.toBe(clientIdFor("tok-1"));
  });

  it.each([
    ["not an array", { id: "a" }, 'jobs.json must hold a JSON array of jobs, not an object.'],
    ["an entry that is not an object", ["a"], "jobs.json, entry 0: expected an object with id, clientToken and status, not a string."],
    ["no id", [{ clientToken: "t" }], 'jobs.json, entry 0: "id" must be a non-empty string.'],
    ["an id too long", [{ id: "x".repeat(513), clientToken: "t" }], 'jobs.json, entry 0: "id" must be at most 512 characters long.'],
    ["no client token", [{ id: "a" }], 'jobs.json, entry 0: "clientToken" must be a non-empty string.'],
    ["an unknown status", [{ id: "a", clientToken: "b", status: "Sleeping" }], 'jobs.json, entry 0: "status" must be one of Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed; got "Sleeping".'],
    ["an unknown field", [{ id: "a", clientToken: "b", configuration: {} }], 'jobs.json, entry 0: unknown field "configuration"; a job may have id, clientToken, clientId, status, nonce, actionTypeId, actionConfiguration, pipelineContext, inputArtifacts, outputArtifacts, artifactCredentials, continuationToken, encryptionKey.'],
    ["a client ID that is not a UUID", [{ id: "a", clientToken: "b", clientId: "C-1" }], 'jobs.json, entry 0: "clientId" must be a lowercase UUID; got "C-1".'],
    ["a nonce on a job not handed out", [{ id: "a", clientToken: "b", nonce: "1" }], 'jobs.json, entry 0: "nonce" is only for a Dispatched or InProgress job.'],
    ["an action type missing a member", [{ id: "a", clientToken: "b", actionTypeId: { category: "Build", owner: "ThirdParty", provider: "Acme" } }], "jobs.json, entry 0: Value null at 'actionTypeId.version' failed to satisfy constraint: Member must not be null"],
    ["an artifact of the wrong shape", [{ id: "a", clientToken: "b", inputArtifacts: [{ name: "Src", location: { type: "S3", s3Location: "bucket/key" } }] }], "jobs.json, entry 0: Expected an object at 'inputArtifacts.1.member.location.s3Location', but found a string."],
    ["an encryption key of an unknown type", [{ id: "a", clientToken: "b", encryptionKey: { id: "k", type: "PGP" } }], "jobs.json, entry 0: Value 'PGP' at 'encryptionKey.type' failed to satisfy constraint: Member must satisfy enum value set: [KMS]"],
    ["the same job twice", [{ id: "a", clientToken: "b" }, { id: "a", clientToken: "c" }], 'jobs.json: job "a" appears twice.'],
    ["a name and the ID it stands for", [{ id: "a", clientToken: "b" }, { id: jobIdFor("a"), clientToken: "c" }], `jobs.json: jobs "a" and "${jobIdFor("a")}" are one job (${jobIdFor("a")}).`],
  ])("refuses %s", (_, value, message) => {
    expect(() => parseJobEntries(value, "jobs.json", { requireId: true })).toThrow(message);
  });

  it("JobStore.fromJson reads a jobs file as before", () => {
    const store = JobStore.fromJson([{ id: "job-1", clientToken: "tok-1", status: "InProgress" }]);
    expect(store.get("job-1")).toMatchObject({ id: jobIdFor("job-1"), label: "job-1", clientToken: "tok-1", status: "InProgress" });
    expect(store.get(jobIdFor("job-1"))).toBe(store.get("job-1"));
    expect(store.knowsActionType(DEFAULT_ACTION_TYPE)).toBe(true);
    expect(() => JobStore.fromJson([{ id: "a", clientToken: "b", status: "Sleeping" }])).toThrow(/the jobs file, entry 0: "status" must be one of Created, Queued/);
  });
});
