export function emitDocs(): Array<{ path: string; code: string }> {
  return [];
}
