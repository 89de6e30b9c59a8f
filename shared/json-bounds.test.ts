import { describe, expect, it } from 'vitest';
import { jsonBoundsProblem } from './json-bounds';

const B = { depth: 3, keys: 4, stringChars: 10 };
const nest = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('jsonBoundsProblem', () => {
  it('passes values within the bounds', () => {
    for (const v of [null, 1, 'short', { a: { b: [1, 2] } }, [1, 2, 3, 4], nest(3)]) expect(jsonBoundsProblem(v, B)).toBeNull();
  });
  it('names what is out of bounds', () => {
    expect(jsonBoundsProblem(nest(4), B)).toMatch(/deeper than 3/);
    expect(jsonBoundsProblem([1, 2, 3, 4, 5], B)).toMatch(/more than 4/);
    expect(jsonBoundsProblem({ a: 'x'.repeat(11) }, B)).toMatch(/longer than 10/);
    expect(jsonBoundsProblem({ ['k'.repeat(11)]: 1 }, B)).toMatch(/key is longer/);
  });
  it('refuses prototype poisoning as secure-json-parse does, at any depth', () => {
    const wide = { depth: 10, keys: 10, stringChars: 100 };
    expect(jsonBoundsProblem(JSON.parse('{"a":[{"__proto__":{"admin":true}}]}'), wide)).toMatch(/__proto__/);
    expect(jsonBoundsProblem(JSON.parse('{"__proto__":null}'), wide)).toMatch(/__proto__/);
    expect(jsonBoundsProblem(JSON.parse('{"args":{"constructor":{"prototype":{"x":1}}}}'), wide)).toMatch(/constructor\.prototype/);
    // the names alone, as values or as harmless keys, are fine
    expect(jsonBoundsProblem(JSON.parse('{"note":"__proto__","constructor":"x","c":{"constructor":{"proto":1}},"prototype":1}'), wide)).toBeNull();
  });
  it('walks a million levels without the stack', () => {
    expect(jsonBoundsProblem(nest(1_000_000), { depth: 8, keys: 200, stringChars: 8192 })).toMatch(/deeper than 8/);
    expect(jsonBoundsProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), { depth: 200_000, keys: 10, stringChars: 10 })).toBeNull();
  });
});
