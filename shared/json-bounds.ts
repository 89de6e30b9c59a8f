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

/**
 * Null when `value` is within `bounds`, else what is wrong (short, no data from the value).
 * Values and their depths sit on two plain stacks and object keys are read once: the hub walks
 * every pushed body and every mutation's args, so the walk allocates nothing per value.
 *
 * Prototype poisoning is refused on the same walk, as secure-json-parse refuses it: a `__proto__`
 * key, or a `constructor` object with a `prototype` key (merged into another object, either
 * would reach Object.prototype). Checking it here costs a comparison per key, where a scan of
 * the whole text for them cost more than parsing it.
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof v === 'string') {
      if (v.length > bounds.stringChars) return `a string is longer than ${bounds.stringChars} characters`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > bounds.depth) return `nested deeper than ${bounds.depth} levels`;
    if (Array.isArray(v)) {
      if (v.length > bounds.keys) return `an object or array has more than ${bounds.keys} entries`;
      for (const item of v) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > bounds.keys) return `an object or array has more than ${bounds.keys} entries`;
    for (const k of keys) {
      if (k.length > bounds.stringChars) return `a key is longer than ${bounds.stringChars} characters`;
      if (k === '__proto__') return 'it has a __proto__ key';
      if (k === 'constructor' && poisonedConstructor(Reflect.get(v, k))) return 'it has a constructor.prototype key';
      values.push(Reflect.get(v, k));
      depths.push(depth + 1);
    }
  }
  return null;
}

/** `{"constructor": {"prototype": ...}}` (an own `prototype` key, as JSON.parse makes it). */
function poisonedConstructor(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, 'prototype');
}
