/**
 * Bounds for JSON values from outside (request bodies, pushed mutation args), checked before
 * anything is stored or logged. The walk is iterative, so a value nested far deeper than the
 * limit costs one pass over what was parsed and never the stack (JSON.stringify and most
 * recursive code overflow it at about 10,000 levels).
 */
export interface JsonBounds {
  /** Nesting of objects and arrays: a scalar is 0, `{"a":1}` is 1. */
  depth: number;
  /** Keys of one object, or items of one array. */
  keys: number;
  /** Characters of one string (keys too). */
  stringChars: number;
}

/** Null when `value` is within `bounds`, else what is wrong (short, no data from the value). */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, depth] = next;
    if (typeof v === 'string') {
      if (v.length > bounds.stringChars) return `a string is longer than ${bounds.stringChars} characters`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > bounds.depth) return `nested deeper than ${bounds.depth} levels`;
    const entries = Array.isArray(v) ? v : Object.keys(v);
    if (entries.length > bounds.keys) return `an object or array has more than ${bounds.keys} entries`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
    } else {
      for (const [k, item] of Object.entries(v)) {
        if (k.length > bounds.stringChars) return `a key is longer than ${bounds.stringChars} characters`;
        stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}
