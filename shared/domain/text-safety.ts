/**
 * Invisible characters that change how text reads (issue 11): bidirectional controls reorder a
 * line (a right-to-left override in a debtor's name reverses the script's identity-check line)
 * and zero-width characters split words so a check does not see them. Names, notes and merge
 * fields are cleaned of them; nothing a reader needs is lost.
 */

/** LRM, RLM, ALM; LRE..RLO; LRI..PDI; zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export const hasInvisible = (text: string): boolean => /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF\u00AD]/.test(text);

/** The text without bidirectional controls and zero-width characters. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
