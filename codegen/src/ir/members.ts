// The members of a shape, for the passes that walk the IR from shape to shape.
import type { Member, Shape } from "./types.js";

/** A shape's members: a structure's or union's, a list's member, a map's key and value; none for a simple shape. */
export function membersOf(shape: Shape): Member[] {
  switch (shape.kind) {
    case "structure":
    case "union":
      return shape.members;
    case "list":
      return [shape.member];
    case "map":
      return [shape.key, shape.value];
    default:
      return [];
  }
}
