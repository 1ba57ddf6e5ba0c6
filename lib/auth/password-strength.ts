import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

/**
 * zxcvbn's estimate against its lists of common passwords, names and words, keyboard walks,
 * repeats, sequences and dates. Score 3 means about 10^8 guesses or more: out of reach of
 * online guessing under the sign-in throttle, and slow offline against argon2id.
 */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/** Why the password is too easy to guess, or null when it is strong enough. */
export function weakPasswordReason(password: string): string | null {
  estimator ??= new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary: { ...commonDictionary, ...englishDictionary } });
  // zxcvbn only looks at the first 100 characters by default; longer ones are not "common".
  const result = estimator.check(password.slice(0, 100));
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? "It is too easy to guess.";
  return `This password is too easy to guess. ${why} Use a few uncommon words, or a password manager's suggestion.`;
}
