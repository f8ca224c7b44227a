// One row of the README's benchmark table.
export interface Row {
  group: string;
  name: string;
  value: string;
  /** Against the group's anchor, measured in the same run: > 1 is faster (or smaller). */
  ratio: number;
  /** For the server rows: the anchor's CPU time per answer over this row's (> 1 is cheaper). */
  cpuRatio?: number;
}

export function markdownTable(rows: Row[]): string {
  const lines = ["| benchmark | subject | measured | ratio to anchor |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    const ratio = row.cpuRatio === undefined ? `${row.ratio.toFixed(2)}x` : `${row.ratio.toFixed(2)}x req/s; ${row.cpuRatio.toFixed(2)}x CPU`;
    lines.push(`| ${row.group} | ${row.name} | ${row.value} | ${ratio} |`);
  }
  return lines.join("\n");
}
