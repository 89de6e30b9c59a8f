/** What a queue search box string means: digits search numbers, anything else a name prefix. */
export type SearchQuery =
  | { kind: 'none' }
  | { kind: 'name'; prefix: string }
  | { kind: 'digits'; digits: string; /** exactly 4 digits: also match the last 4 of phones and IDs */ tail4: boolean };

/** Largest code point: `prefix + MAX` bounds a prefix range under SQLite's BINARY (UTF-8 memcmp) order. */
export const PREFIX_END = '\u{10FFFF}';

export function classifySearch(raw: string | undefined): SearchQuery {
  const s = (raw ?? '').trim();
  if (!s) return { kind: 'none' };
  // Numbers are typed with spaces, dashes and a +86 prefix; an ID may end in X.
  const compact = s.replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
  if (/^\d+[xX]?$/.test(compact)) {
    const digits = compact.toUpperCase();
    return { kind: 'digits', digits, tail4: digits.length === 4 };
  }
  return { kind: 'name', prefix: s };
}

export const prefixRange = (prefix: string): { lo: string; hi: string } => ({ lo: prefix, hi: prefix + PREFIX_END });
