// The reference emulator (packages/server/src/reference) behind the generated client's
// `fetch`, in this process: the real job lifecycle, the real SigV4 check and the real
// error answers, without a socket. Each call is recorded with the status it got.
import { CodePipelineClient, createCodePipelineClient, type ClientConfig } from "@codepipeline-partner/client";
import { createEmulator, type EmulatorOptions } from "@codepipeline-partner/server/reference";
import type { ActionTypeId } from "@codepipeline-partner/types";
import { TEST_CREDENTIALS } from "../../../support/sdk.js";

export const ACTION_TYPE: ActionTypeId = { category: "Deploy", owner: "ThirdParty", provider: "AcmeDeploy", version: "1" };

export function inProcessEmulator(options: EmulatorOptions = {}, clientConfig: ClientConfig = {}) {
  const emulator = createEmulator({ actionTypes: [ACTION_TYPE], ...options });
  const service = emulator.handler({
    admin: false,
    authenticate: { secretFor: (id) => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS.secretAccessKey : undefined) },
  });
  /** Every call that reached the emulator, in order, with its answer's status and error name. */
  const calls: { operation: string; jobId?: string; status: number; error?: string }[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = { host: new URL(url).host };
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = String(init.body);
    // What fetch adds on the wire, signed by the client.
    headers["content-length"] = String(new TextEncoder().encode(body).byteLength);
    const answer = await service({ method: String(init.method), path: new URL(url).pathname, headers, body });
    const operation = (headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    calls.push({ operation, jobId: JSON.parse(body).jobId, status: answer.status, ...(answer.status >= 400 ? { error: answer.headers["x-amzn-errortype"]?.split(":")[0] } : {}) });
    return new Response(answer.body === "" ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
  const config: ClientConfig = { region: "us-east-1", endpoint: "http://emulator.test", credentials: TEST_CREDENTIALS, fetch, retryBaseDelayMs: 1, maxRetryDelayMs: 5, ...clientConfig };
  /** The client, and the same as the standalone operation functions take it. */
  return { emulator, client: new CodePipelineClient(config), standalone: createCodePipelineClient(config), calls, fetch };
}
