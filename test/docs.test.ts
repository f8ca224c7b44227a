// The generated API reference states every constraint, required flag and error code
// that the public reference page states.
import { beforeAll, describe, expect, it } from "vitest";
import { REFERENCE_PAGE } from "./fixtures/reference-page.js";
import { STRUCTURES } from "./fixtures/facts.js";
import { readRepoFile } from "./support/repo.js";

let page: string;

/** The text of one `### name` section (up to the next heading of that level or above). */
function section(text: string, heading: string): string {
  const level = heading.match(/^#+/)![0].length;
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

beforeAll(async () => {
  page = await readRepoFile(`generated/docs/${REFERENCE_PAGE.operation}.md`);
});

describe("the generated reference page", () => {
  it("has the public page's sections, and the request's wire form", () => {
    for (const heading of ["## Request syntax", "## Request parameters", "## Response elements", "## Errors"]) {
      expect(page).toContain(`\n${heading}\n`);
    }
    expect(page).toContain("X-Amz-Target: CodePipeline_20150709.PutThirdPartyJobSuccessResult");
    expect(page).toContain("Content-Type: application/x-amz-json-1.1");
  });

  it.each(REFERENCE_PAGE.parameters.map((parameter) => [parameter.name, parameter] as const))(
    "parameter %s: its type, length constraints and required-ness",
    (name, parameter) => {
      const text = section(section(page, "## Request parameters"), `### ${name}`);
      expect(text).toMatch(new RegExp(`- Type: (\\[)?${parameter.type.split(" ")[0]}`));
      if ("length" in parameter) {
        expect(text).toContain(`- Length constraints: Minimum length of ${parameter.length[0]}. Maximum length of ${parameter.length[1]}.`);
      } else {
        expect(text).not.toContain("Length constraints");
      }
      expect(text).toContain(`- Required: ${parameter.required ? "Yes" : "No"}`);
    },
  );

  it("describes the nested data types' members with their bounds", () => {
    const types = section(page, "## Data types");
    for (const name of ["CurrentRevision", "ExecutionDetails"]) {
      const text = section(types, `### ${name}`);
      for (const member of STRUCTURES[name]!) {
        const part = section(text, `#### ${member.member}`);
        expect(part).toContain(`- Required: ${member.required ? "Yes" : "No"}`);
        if (member.length) expect(part).toContain(`Minimum length of ${member.length[0]}. Maximum length of ${member.length[1]}.`);
        if (member.range) expect(part).toContain(`- Valid range: Minimum value of ${member.range[0]}. Maximum value of ${member.range[1]}.`);
      }
    }
  });

  it("says the response is an empty 200", () => {
    expect(section(page, "## Response elements")).toContain(REFERENCE_PAGE.response);
  });

  it.each(REFERENCE_PAGE.errors.map((error) => [error.name, error.status] as const))("error %s with HTTP %i", (name, status) => {
    expect(section(section(page, "## Errors"), `### ${name}`)).toContain(`HTTP status code: ${status}`);
  });
});
