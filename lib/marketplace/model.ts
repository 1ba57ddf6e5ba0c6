import { AwsProtocolError, MturkValidationError } from "@/lib/marketplace/errors";
// The attribute lets Node load it natively too (Playwright specs reach the model through the control plane).
import service from "@/lib/marketplace/model/service-2.json" with { type: "json" };

/**
 * Validation driven by the API's own model (botocore's service-2.json): required members,
 * types, patterns, lengths, ranges and enums, checked before an operation runs, as AWS's
 * front end checks them (the SDKs do not). Failures answer ValidationException (HTTP 400),
 * worded as AWS words them; see docs/mturk-compatibility.md for the evidence.
 * Unknown members are ignored, as AWS does, and dropped: handlers see only modeled members.
 */
interface Shape {
  type: "string" | "integer" | "long" | "boolean" | "timestamp" | "structure" | "list" | "map";
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}

const botocore = service as unknown as { metadata: { targetPrefix: string }; operations: Record<string, { input?: { shape: string } }>; shapes: Record<string, Shape> };

/**
 * The model as this marketplace serves it: botocore's, plus HITdesk's one extension, the HTTP
 * notification transport (README, "Notifications and webhooks"). The SDKs do not check enums,
 * so their clients can send it as they are.
 */
const model: typeof botocore = {
  ...botocore,
  shapes: { ...botocore.shapes, NotificationTransport: { ...botocore.shapes.NotificationTransport!, enum: [...botocore.shapes.NotificationTransport!.enum!, "HTTP"] } },
};

export const TARGET_PREFIX = model.metadata.targetPrefix;
export const OPERATION_NAMES: readonly string[] = Object.keys(model.operations);

const patterns = new Map<string, RegExp>();
const regex = (p: string) => patterns.get(p) ?? patterns.set(p, new RegExp(p, "u")).get(p)!;

/**
 * C0 control characters other than tab, line feed and carriage return, and unpaired
 * surrogates: neither XML (Question, Test, AnswerKey) nor Postgres text can hold them, and
 * AWS's front end refuses them rather than fail later with a retryable ServiceFault.
 */
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}/u;

const FORBIDDEN_CHARS = new RegExp(FORBIDDEN_CHAR.source, "gu");

const INT32 = 2 ** 31;
/** AWS lists every violation; a 100,000-item list of bad values need not be echoed whole. */
const MAX_LISTED = 10;
const MAX_SHOWN = 256;

/** The value as the message quotes it: never the whole of a huge or deeply nested input. */
function show(v: unknown): string {
  if (typeof v === "string") {
    const cut = v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}...` : v;
    return `'${cut.replace(FORBIDDEN_CHARS, "\uFFFD")}'`;
  }
  if (Array.isArray(v)) return "[...]";
  if (v !== null && typeof v === "object") return "{...}";
  return String(v);
}

/** AWS names members in validation messages in lower camel case ('reason', 'hITId'). */
const memberPath = (parent: string, name: string) => `${parent ? `${parent}.` : ""}${name.charAt(0).toLowerCase()}${name.slice(1)}`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks `value` against the shape, pushing violations; returns the value with unknown members dropped. */
function check(value: unknown, shapeName: string, path: string, errors: string[]): unknown {
  const shape = model.shapes[shapeName]!;
  const fail = (constraint: string): void => void errors.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") return fail("Member must be a string");
      if (FORBIDDEN_CHAR.test(value)) fail("Member must not contain control characters (other than tab, line feed and carriage return) or unpaired surrogates");
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern && !regex(shape.pattern).test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      return value;
    }
    case "integer":
    case "long": {
      // Java's int and long, as the service deserializes them.
      const fits = shape.type === "integer" ? (n: number) => n >= -INT32 && n < INT32 : Number.isSafeInteger;
      if (typeof value !== "number" || !Number.isInteger(value) || !fits(value)) return fail(`Member must be ${shape.type === "integer" ? "a 32-bit" : "a 64-bit"} integer`);
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return value;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("Member must be a boolean");
      return value;
    case "timestamp":
      if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > 8.64e12) fail("Member must be a timestamp in epoch seconds");
      return value;
    case "list": {
      if (!Array.isArray(value)) return fail("Member must be a list");
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      return value.map((item, i) => check(item, shape.member!.shape, `${path}.${i + 1}.member`, errors));
    }
    case "map":
      // The 2017-01-17 model has no maps; refuse rather than pass an unchecked value through.
      return fail("Member must be a map");
    case "structure": {
      if (!isRecord(value)) return fail("Member must be a structure");
      const out: Record<string, unknown> = {};
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) errors.push(`Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const v = value[name];
        if (v !== undefined && v !== null) out[name] = check(v, member.shape, memberPath(path, name), errors);
      }
      return out;
    }
  }
}

/**
 * Checks an operation's input against the model and returns it with unknown members dropped.
 * Throws ValidationException listing the violations, or SerializationException for a body
 * that is not a JSON object.
 */
export function validateInput(operation: string, input: unknown): Record<string, unknown> {
  const shapeName = model.operations[operation]?.input?.shape;
  if (!isRecord(input)) throw new AwsProtocolError("SerializationException", "The request body must be a JSON object.", 400);
  if (!shapeName) return {};
  const errors: string[] = [];
  const checked = check(input, shapeName, "", errors) as Record<string, unknown>;
  if (errors.length) {
    const noun = errors.length === 1 ? "error" : "errors";
    const listed = errors.length > MAX_LISTED ? [...errors.slice(0, MAX_LISTED), `(${errors.length - MAX_LISTED} more)`] : errors;
    throw new MturkValidationError(`${errors.length} validation ${noun} detected: ${listed.join("; ")}`);
  }
  return checked;
}
