import { MturkRequestError } from "@/lib/marketplace/errors";
import service from "@/lib/marketplace/model/service-2.json";

/**
 * Validation driven by the API's own model (botocore's service-2.json): required members,
 * types, patterns, lengths and ranges, as the service checks them — the SDKs do not.
 * Unknown members are ignored, as AWS does.
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

const model = service as unknown as { metadata: { targetPrefix: string }; operations: Record<string, { input?: { shape: string } }>; shapes: Record<string, Shape> };

export const TARGET_PREFIX = model.metadata.targetPrefix;
export const OPERATION_NAMES: readonly string[] = Object.keys(model.operations);

const patterns = new Map<string, RegExp>();
const regex = (p: string) => patterns.get(p) ?? patterns.set(p, new RegExp(p, "u")).get(p)!;

const show = (v: unknown) => (typeof v === "string" ? `'${v}'` : JSON.stringify(v));

function check(value: unknown, shapeName: string, path: string, errors: string[]): void {
  const shape = model.shapes[shapeName]!;
  const fail = (constraint: string): void => void errors.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") return fail("Member must be a string");
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern && !regex(shape.pattern).test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      return;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value)) return fail("Member must be an integer");
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("Member must be a boolean");
      return;
    case "timestamp":
      if (typeof value !== "number" || !Number.isFinite(value)) fail("Member must be a timestamp in epoch seconds");
      return;
    case "list": {
      if (!Array.isArray(value)) return fail("Member must be a list");
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => check(item, shape.member!.shape, `${path}.${i + 1}.member`, errors));
      return;
    }
    case "map":
      if (typeof value !== "object" || value === null || Array.isArray(value)) fail("Member must be a map");
      return;
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("Member must be a structure");
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) errors.push(`Value null at '${path ? `${path}.` : ""}${name}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const v = record[name];
        if (v !== undefined && v !== null) check(v, member.shape, path ? `${path}.${name}` : name, errors);
      }
    }
  }
}

/** Throws a RequestError listing every violation, in AWS's validation wording. */
export function validateInput(operation: string, input: unknown): void {
  const shapeName = model.operations[operation]?.input?.shape;
  if (!shapeName) return;
  const errors: string[] = [];
  check(input, shapeName, "", errors);
  if (errors.length) {
    const noun = errors.length === 1 ? "error" : "errors";
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `${errors.length} validation ${noun} detected: ${errors.join("; ")}`);
  }
}
