import { z } from "zod";
import { ENVIRONMENTS } from "@/lib/scope";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-01-31")
    .optional(),
);

/**
 * The audit log's filters, read from URL search params by the page and by the CSV export, so an
 * export holds exactly the rows on screen. Dates are whole days in UTC, both ends included.
 */
export const AuditFilter = z.object({
  environment: z.preprocess(blankToUndefined, z.enum(ENVIRONMENTS).optional()),
  /** Part of the actor's email. */
  actor: text(200),
  /** Start of the action name: "member." matches member.invite, member.remove... */
  action: text(100),
  /** Part of the target. */
  target: text(200),
  from: day,
  to: day,
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPageInput = AuditFilter.extend({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type AuditPageInput = z.infer<typeof AuditPageInput>;

/** The filter as search params, without the empty ones (links to pages and to the export). */
export function auditFilterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return params;
}
