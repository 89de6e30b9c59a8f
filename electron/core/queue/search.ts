/**
 * What a search box string means, for the agent's queue and the lead's case table alike:
 * - `#132` (or 1–3 digits): the case number the lead's table shows;
 * - 4+ digits (spaces, dashes, +86 stripped; an ID may end in X): the start or the end (尾号) of
 *   a phone, an ID number or an account/card number, or a case number;
 * - anything else: the start of the debtor's name, a contact's name or a batch number.
 */
export type SearchQuery =
  | { kind: 'none' }
  | { kind: 'caseNo'; caseNo: number }
  /** contacts / batches: whether contact names and batch numbers are searched too (see classifySearch). */
  | { kind: 'name'; prefix: string; contacts: boolean; batches: boolean }
  | { kind: 'digits'; digits: string };

/** Largest code point: `prefix + MAX` bounds a prefix range under SQLite's BINARY (UTF-8 memcmp) order. */
export const PREFIX_END = '\u{10FFFF}';
/** Digit searches of numbers need this many digits (a 1-digit prefix matches every phone); fewer are a case number. */
export const MIN_SEARCH_DIGITS = 4;

export function classifySearch(raw: string | undefined): SearchQuery {
  const s = (raw ?? '').trim();
  if (!s) return { kind: 'none' };
  const hash = /^#\s*(\d{1,12})$/.exec(s);
  if (hash) return { kind: 'caseNo', caseNo: Number(hash[1]) };
  // Numbers are typed with spaces, dashes and a +86 prefix; an ID may end in X.
  const compact = s.replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
  if (/^\d+[xX]?$/.test(compact)) {
    const digits = compact.toUpperCase();
    if (digits.length < MIN_SEARCH_DIGITS && /^\d+$/.test(digits)) return { kind: 'caseNo', caseNo: Number(digits) };
    return { kind: 'digits', digits };
  }
  // A bare surname reaches thousands of contacts; contacts are searched from two characters on
  // (a given name), batch numbers only when the text has a letter or digit (they are codes).
  return { kind: 'name', prefix: s, contacts: [...s].length >= 2, batches: /[A-Za-z0-9]/.test(s) };
}

export const prefixRange = (prefix: string): { lo: string; hi: string } => ({ lo: prefix, hi: prefix + PREFIX_END });

/** A LIKE pattern for `prefix%` with LIKE's own wildcards escaped (ESCAPE '\'). */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** The SQL parameters every search part reads: @lo/@hi (prefix range), @digits/@tail4/@n (tails), @like (batches), @caseNo. */
export function searchParams(q: SearchQuery): Record<string, string | number> {
  switch (q.kind) {
    case 'none':
      return {};
    case 'caseNo':
      return { caseNo: q.caseNo };
    case 'name':
      return { ...prefixRange(q.prefix), like: likePrefix(q.prefix) };
    case 'digits':
      return { ...prefixRange(q.digits), digits: q.digits, tail4: q.digits.slice(-4), n: q.digits.length, caseNo: /^\d{1,12}$/.test(q.digits) ? Number(q.digits) : -1 };
  }
}

type Matching = Exclude<SearchQuery, { kind: 'none' }>;

/**
 * The case ids a search matches, one SELECT per source, each through an index (a tail through
 * the 4-character tail index, then checked in full); `cap` limits each source.
 */
export function candidateSources(q: Matching, cap: number | null): string[] {
  const capped = (sql: string) => (cap === null ? sql : `SELECT id FROM (${sql} LIMIT ${cap})`);
  if (q.kind === 'caseNo') return ['SELECT cc.id FROM cases cc WHERE cc.id = @caseNo'];
  if (q.kind === 'name') {
    return [
      capped('SELECT cc.id FROM debtors dd INDEXED BY debtors_name JOIN cases cc ON cc.debtor_id = dd.id WHERE dd.name >= @lo AND dd.name < @hi'),
      ...(q.contacts ? [capped('SELECT cc.id FROM contacts k INDEXED BY contacts_name CROSS JOIN cases cc ON cc.debtor_id = k.debtor_id WHERE k.name >= @lo AND k.name < @hi')] : []),
      // A team has hundreds of batches: read them all, case-insensitively (wa2026 finds WA2026…).
      ...(q.batches ? [capped("SELECT cc.id FROM batches b CROSS JOIN cases cc ON cc.batch_id = b.id WHERE b.batch_no LIKE @like ESCAPE '\\'")] : []),
    ];
  }
  return [
    capped('SELECT cc.id FROM phones p JOIN cases cc ON cc.debtor_id = p.debtor_id WHERE p.number >= @lo AND p.number < @hi'),
    capped('SELECT cc.id FROM debtors dd JOIN cases cc ON cc.debtor_id = dd.id WHERE dd.id_number >= @lo AND dd.id_number < @hi'),
    capped('SELECT cc.id AS id FROM cases cc WHERE cc.account_no >= @lo AND cc.account_no < @hi'),
    capped('SELECT cc.id FROM phones p JOIN cases cc ON cc.debtor_id = p.debtor_id WHERE p.number_tail4 = @tail4 AND substr(p.number, -@n) = @digits'),
    capped('SELECT cc.id FROM debtors dd JOIN cases cc ON cc.debtor_id = dd.id WHERE dd.id_tail4 = @tail4 AND substr(dd.id_number, -@n) = @digits'),
    capped('SELECT cc.id FROM cases cc WHERE substr(cc.account_no, -4) = @tail4 AND substr(cc.account_no, -@n) = @digits'),
    'SELECT cc.id FROM cases cc WHERE cc.id = @caseNo',
  ];
}

export const candidateSql = (q: Matching, cap: number | null): string => candidateSources(q, cap).join(' UNION ');

/** The same search as a predicate on `c` (uncapped), for walking the queue index in order. */
export function searchPredicate(q: Matching): string {
  if (q.kind === 'caseNo') return '(c.id = @caseNo)';
  if (q.kind === 'name') return `(c.debtor_id IN (SELECT id FROM debtors WHERE name >= @lo AND name < @hi)${otherNameSources(q)})`;
  return `(c.debtor_id IN (SELECT debtor_id FROM phones WHERE (number >= @lo AND number < @hi) OR (number_tail4 = @tail4 AND substr(number, -@n) = @digits))
    OR c.debtor_id IN (SELECT id FROM debtors WHERE (id_number >= @lo AND id_number < @hi) OR (id_tail4 = @tail4 AND substr(id_number, -@n) = @digits))
    OR (c.account_no >= @lo AND c.account_no < @hi) OR (substr(c.account_no, -4) = @tail4 AND substr(c.account_no, -@n) = @digits)
    OR c.id = @caseNo)`;
}

/** The contact and batch parts of a name search as `OR ...` terms on `c` (empty when not searched). */
export function otherNameSources(q: Extract<SearchQuery, { kind: 'name' }>): string {
  return (
    (q.contacts ? ' OR c.debtor_id IN (SELECT debtor_id FROM contacts WHERE name >= @lo AND name < @hi)' : '') +
    (q.batches ? " OR c.batch_id IN (SELECT id FROM batches WHERE batch_no LIKE @like ESCAPE '\\')" : '')
  );
}
