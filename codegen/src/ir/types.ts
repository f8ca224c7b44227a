// The intermediate representation every emitter reads. Only ir/load.ts knows the
// JSON AST; emitters see shapes, members and constraints in these terms.

export type ShapeKind =
  | "structure"
  | "union"
  | "list"
  | "map"
  | "string"
  | "enum"
  | "intEnum"
  | "boolean"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "blob"
  | "document";

export type TimestampFormat = "epoch-seconds" | "date-time" | "http-date";

/** Constraint traits, merged from a member and its target (the member's win). */
export interface Constraints {
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: string;
  uniqueItems?: boolean;
}

/** What a shape or member says about itself beyond its type. */
export interface Annotations {
  documentation?: string;
  deprecated?: { message?: string; since?: string };
  sensitive?: boolean;
}

export interface ShapeBase extends Annotations {
  /** Absolute shape ID, `namespace#Name`. */
  id: string;
  /** The name within the service (after any rename). */
  name: string;
  constraints: Constraints;
  /** Traits present on the shape that no emitter interprets, by shape ID. */
  otherTraits: string[];
}

export interface Member extends Annotations {
  name: string;
  /** `@jsonName` as the model writes it. Whether it applies is the protocol's call (`Protocol.wireName`). */
  jsonName?: string;
  target: string;
  /** Smithy 2.0 nullability: true when a client must always be given a value. */
  required: boolean;
  /** `@clientOptional`: required for servers, optional in client types. */
  clientOptional: boolean;
  /** `@default`, when the member has one. */
  default?: unknown;
  /** `@idempotencyToken`: a client fills it with a fresh UUID when the caller leaves it out. */
  idempotencyToken?: boolean;
  /** `@hostLabel`: its value is substituted into the operation's `hostPrefix`. */
  hostLabel?: boolean;
  /** `smithy.rules#contextParam`: the endpoint rule set's parameter this input member's value binds. */
  contextParam?: string;
  /** The member's constraints merged over its target's. */
  constraints: Constraints;
  timestampFormat?: TimestampFormat;
  otherTraits: string[];
}

export interface StructureShape extends ShapeBase {
  kind: "structure";
  members: Member[];
  /** Set for `@error` structures. */
  error?: { fault: "client" | "server"; httpStatus: number };
  /** `@input`: every member is optional to clients. */
  isInput: boolean;
}

export interface UnionShape extends ShapeBase {
  kind: "union";
  members: Member[];
}

export interface ListShape extends ShapeBase {
  kind: "list";
  member: Member;
  sparse: boolean;
}

export interface MapShape extends ShapeBase {
  kind: "map";
  key: Member;
  value: Member;
  sparse: boolean;
}

export interface EnumShape extends ShapeBase {
  kind: "enum";
  values: Array<{ name: string; value: string; documentation?: string }>;
}

export interface IntEnumShape extends ShapeBase {
  kind: "intEnum";
  values: Array<{ name: string; value: number; documentation?: string }>;
}

export interface SimpleShape extends ShapeBase {
  kind: Exclude<ShapeKind, "structure" | "union" | "list" | "map" | "enum" | "intEnum">;
  timestampFormat?: TimestampFormat;
}

export type Shape = StructureShape | UnionShape | ListShape | MapShape | EnumShape | IntEnumShape | SimpleShape;

export interface Operation extends Annotations {
  id: string;
  name: string;
  /** The input structure's ID, or undefined for `smithy.api#Unit`. */
  input?: string;
  output?: string;
  /** Error structure IDs: the operation's, then the service's. */
  errors: string[];
  /** `@endpoint(hostPrefix)`: prepended to the endpoint's host, `{member}` labels naming `@hostLabel` input members. */
  hostPrefix?: string;
  /** `@requestCompression`: the encodings the service accepts, in the order it prefers them. */
  requestCompression?: { encodings: string[] };
  /** `@paginated`, the operation's settings over the service's defaults. */
  paginated?: Pagination;
  /** `smithy.rules#staticContextParams`: endpoint rule set parameters this operation fixes, by name. */
  staticContextParams?: Record<string, unknown>;
  /** `smithy.rules#operationContextParams`: endpoint rule set parameters taken from the input by a JMESPath expression, by name. */
  operationContextParams?: Record<string, string>;
}

/**
 * How an operation pages its results. `outputToken` and `items` are paths of output member
 * names (`result.nextToken` as `["result", "nextToken"]`); `inputToken` and `pageSize` name
 * top-level input members.
 */
export interface Pagination {
  inputToken: string;
  outputToken: string[];
  items?: string[];
  pageSize?: string;
}

export interface Service extends Annotations {
  id: string;
  name: string;
  version: string;
  /** Protocol trait ID, such as `aws.protocols#awsJson1_1`. */
  protocol?: string;
  /** SigV4 signing name. */
  signingName?: string;
  /** The X-Amz-Target prefix: the service shape's name. */
  targetPrefix: string;
  sdkId?: string;
  endpointPrefix?: string;
  title?: string;
  /** `smithy.rules#endpointRuleSet`, as the model states it. */
  endpointRuleSet?: EndpointRuleSet;
  /** `smithy.rules#endpointTests`: its test cases. */
  endpointTests?: EndpointTestCase[];
  /** `smithy.rules#clientContextParams`: endpoint rule set parameters the client's configuration sets, by name. */
  clientContextParams?: Record<string, { type: string; documentation?: string }>;
}

/** A Smithy endpoint rule set: parameters, and rules over them (evaluated as data by the client's runtime). */
export interface EndpointRuleSet {
  version: string;
  parameters: Record<string, EndpointParameter>;
  rules: unknown[];
}

export interface EndpointParameter {
  type: string;
  /** The SDK setting the parameter is bound to, such as `AWS::Region`. */
  builtIn?: string;
  required?: boolean;
  default?: unknown;
  documentation?: string;
}

/** One case of `smithy.rules#endpointTests`: the parameters, and the endpoint or the error the rules give. */
export interface EndpointTestCase {
  documentation?: string;
  params?: Record<string, unknown>;
  expect: { endpoint?: { url: string; properties?: Record<string, unknown>; headers?: Record<string, string[]> }; error?: string };
  /** Calls that must reach that endpoint, with the SDK's built-ins (such as `AWS::Region`) set as given. */
  operationInputs?: Array<{ operationName: string; operationParams?: Record<string, unknown>; builtInParams?: Record<string, unknown>; clientParams?: Record<string, unknown> }>;
}

export interface ModelIR {
  service: Service;
  operations: Operation[];
  /** Every shape in the service's closure, in a stable order, by ID. */
  shapes: Map<string, Shape>;
}
