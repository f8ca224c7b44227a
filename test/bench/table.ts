// One row of the README's benchmark table.
export interface Row {
  group: string;
  name: string;
  value: string;
  /** Against the group's anchor, measured in the same run: > 1 is faster (or smaller). */
  ratio: number;
}

export function markdownTable(rows: Row[]): string {
  const lines = ["| benchmark | subject | measured | ratio to anchor |", "| --- | --- | --- | --- |"];
  for (const row of rows) lines.push(`| ${row.group} | ${row.name} | ${row.value} | ${row.ratio.toFixed(2)}x |`);
  return lines.join("\n");
}
