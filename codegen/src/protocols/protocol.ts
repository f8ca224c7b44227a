// The protocol seam: everything a wire protocol means to the generators, on both sides.
// A target asks the service's protocol (chosen once, in ./index.ts) for content types,
// header names, member keys and (de)serializer code, and never spells one itself, as
// smithy-typescript's ProtocolGenerator owns both sides of one protocol.
import type { ImportDeclarationStructure, StatementStructures } from "ts-morph";
import type { Member, ModelIR, Operation, Shape, StructureShape, TimestampFormat } from "../ir/types.js";

export interface Protocol {
  /** The Smithy trait that selects it, such as `aws.protocols#awsJson1_1`. */
  readonly traitId: string;
  /** Its name as people say it: `awsJson1_1`. */
  readonly name: string;
  /** The Content-Type of requests and answers. */
  readonly contentType: string;
  /** The package of the protocol's hand-written runtime, and the name its descriptor is exported under. */
  readonly runtime: { readonly module: string; readonly descriptor: string };
  /** Timestamps without @timestampFormat travel in this format. */
  readonly defaultTimestampFormat: TimestampFormat;
  /** Strings that stand for non-finite float and double values on the wire (none when numbers can carry them). */
  readonly nonFiniteFloats: readonly string[];
  /** The key of a member in a serialized structure. */
  wireName(member: Member): string;
  /** An operation's request line and protocol headers, as a reference page shows them. */
  requestSyntax(ir: ModelIR, operation: Operation): string[];
  /** How an error reaches a caller, in a sentence: `HTTP 400 with \`__type: "JobNotFoundException"\``. */
  describeErrorAnswer(error: StructureShape): string;
  /** A fresh codec: the (de)serializers that one generated file of `target` needs. */
  codec(ir: ModelIR, target: string, options?: CodecOptions): WireCodec;
}

/** How the side that reads a message wants it read. */
export interface CodecOptions {
  /**
   * Deserializers fill a member left out (or null) that has a `@default` with its default:
   * the reading of an authoritative consumer such as a server, for which such a member is
   * always present.
   */
  fillDefaults?: boolean;
  /** The type a deserializer returns for a shape (default: the shape's name). */
  deserializedType?: (shape: Shape) => string;
  /**
   * The type an error structure's (de)serializer takes or returns, for a file that declares
   * a class of the error's name (which the plain type name would mean there); not imported.
   */
  errorType?: (shape: StructureShape) => string;
  /**
   * Deserializers leave out null items and entries of lists and maps that are not
   * `@sparse`, as the AWS SDKs' clients do: the type has no null there. (A server, which
   * validates first, never sees one.)
   */
  dropDenseNulls?: boolean;
}

/**
 * Writes the functions converting typed values to wire values (`se_<Shape>`) and back
 * (`de_<Shape>`) for the shapes a file reaches, recursively, each once.
 */
export interface WireCodec {
  /** The name of the serializer of an aggregate shape, emitting it (and what it reaches) if needed. */
  serializer(shape: Shape): string;
  deserializer(shape: Shape): string;
  /**
   * The runtime function that parses a message of this shape, when JSON.parse cannot (it
   * reaches a bigInteger or bigDecimal, whose digits a double would lose); imports it.
   */
  parser(shape: Shape | undefined): string | undefined;
  /** The runtime function that writes a message of this shape, when JSON.stringify cannot; imports it. */
  stringifier(shape: Shape | undefined): string | undefined;
  /** Every function asked for so far, in the order first asked. */
  functions(): StatementStructures[];
  /** The import from the protocol's runtime of the helpers those functions call, and of `also`. */
  imports(also?: string[]): ImportDeclarationStructure[];
  /** Names of the model's types the functions mention. */
  readonly typesUsed: ReadonlySet<string>;
}
