import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Uppercase letters and digits, like MTurk's ids. */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 252 = 7 * 36: rejecting bytes above keeps every character equally likely.
  for (let i = 0; out.length < length; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}

/** HIT, HIT type, assignment and qualification type ids: 30 characters, as on MTurk. */
export const entityId = (): string => randomId(30);

/** Worker and requester ids: `A` + 13 characters (MTurk's CustomerId shape). */
export const customerId = (): string => "A" + randomId(13);
