/**
 * Pull pages with their puts packed (PullRequest `packed`): a run of puts of one entity with the
 * same fields travels as one list of field names and rows of values, in page order. A row no
 * longer repeats its field names, so a first pull's pages are about half the bytes; the hub
 * writes and the desk decodes and parses each byte of them (2,000 cases: about 5 MB plain,
 * 2.3 MB packed). A desk asks for it; a hub that does not know the flag ignores it and sends
 * plain changes, which the desk reads too.
 */
import { z } from 'zod';
import { EntityName } from './entities';
import { Change, PullResponse } from './sync';

/** A row's field name: a wire row's own camelCase names (never `__proto__` or other special keys). */
const FieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: 'a field name is camelCase letters and digits' });

export const PackedPuts = z
  .object({
    op: z.literal('puts'),
    entity: EntityName,
    cols: z.array(FieldName).min(1).max(64),
    // Only "an array" here, like a plain put's row: each row is checked against its entity's schema when it is applied.
    rows: z.array(z.custom<unknown[]>((v) => Array.isArray(v), { message: 'a packed row is an array' })),
  })
  .superRefine((p, ctx) => {
    if (new Set(p.cols).size !== p.cols.length) ctx.addIssue({ code: 'custom', path: ['cols'], message: 'a field is named twice' });
    const bad = p.rows.findIndex((r) => r.length !== p.cols.length);
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['rows', bad], message: `a packed row has ${p.cols.length} values` });
  });
export type PackedPuts = z.infer<typeof PackedPuts>;

/** A pull page as the hub sends it to a desk that asked for packed puts. */
export const PackedPullResponse = PullResponse.extend({ changes: z.array(z.union([Change, PackedPuts])) });
export type PackedPullResponse = z.infer<typeof PackedPullResponse>;

/** The page's changes with each run of same-entity, same-field puts packed; order unchanged. */
export function packChanges(changes: readonly Change[]): (Change | PackedPuts)[] {
  const out: (Change | PackedPuts)[] = [];
  let run: PackedPuts | null = null;
  for (const ch of changes) {
    if (ch.op !== 'put') {
      out.push(ch);
      run = null;
      continue;
    }
    // a field left undefined is left out, as JSON leaves it out of a plain row (never sent as null)
    const cols = Object.keys(ch.row).filter((c) => ch.row[c] !== undefined);
    if (!run || run.entity !== ch.entity || !sameFields(run.cols, cols)) {
      run = { op: 'puts', entity: ch.entity, cols, rows: [] };
      out.push(run);
    }
    const row: unknown[] = [];
    for (const c of run.cols) row.push(ch.row[c]);
    run.rows.push(row);
  }
  return out;
}

const sameFields = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c, i) => c === b[i]);

/** The page as the desk applies it: every packed run back into single puts, in order. */
export function unpackPullResponse(page: PackedPullResponse): PullResponse {
  const changes: Change[] = [];
  for (const ch of page.changes) {
    if (ch.op !== 'puts') {
      changes.push(ch);
      continue;
    }
    for (const values of ch.rows) {
      const row: Record<string, unknown> = {};
      ch.cols.forEach((c, i) => {
        row[c] = values[i];
      });
      changes.push({ op: 'put', entity: ch.entity, row });
    }
  }
  return { ...page, changes };
}
