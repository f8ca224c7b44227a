/** What every target may know besides the IR. */
export interface TargetContext {
  /** The generator's version, for user agents and headers. */
  version: string;
}
