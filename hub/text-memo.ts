/**
 * A parse of stored reference rows (outcome codes, team settings), remembered by their exact
 * text: they change rarely but would be read and checked by zod on every push. A changed row has
 * another key, so it is parsed again; bounded, so endless variety costs memory only once.
 * The values are shared: callers must not mutate them.
 */
export function memoByText<A, T>(keyOf: (a: A) => string, parse: (a: A) => T, max = 2000): (a: A) => T {
  const seen = new Map<string, T>();
  return (a) => {
    const key = keyOf(a);
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    const v = parse(a);
    if (seen.size >= max) seen.clear();
    seen.set(key, v);
    return v;
  };
}
