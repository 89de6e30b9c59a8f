/**
 * The hub's own audit trail of admin actions (imports, assignments, overrides, reference and
 * account changes): append-only and hash-chained like the desk's, verified by
 * `npm run hub -- audit verify`. Append inside the transaction that makes the change.
 */
import { createHash } from 'node:crypto';
import { ADMIN_AUDIT_GENESIS } from './store/admin-audit-schema';
import type { Q, Store } from './store/types';

export interface AdminAuditEntry {
  /** 'user:<id>' for a signed-in lead or admin, 'cli' for the command line. */
  actor: string;
  action: string; // 'cases.upsert', 'case.assign', 'reference.update', 'user.add' ...
  teamId?: number | null;
  entity?: string | null;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

interface AdminAuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  team_id: number | string | null;
  entity: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted, so the hashed text does not depend on key order. */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function adminAuditHash(r: Omit<AdminAuditRow, 'hash'>): string {
  const content = sortedJson([Number(r.seq), r.at, r.actor, r.action, r.team_id === null ? null : String(r.team_id), r.entity, r.entity_id, r.detail]);
  return createHash('sha256').update(r.prev_hash).update(content).digest('hex');
}

export async function appendAdminAudit(q: Q, e: AdminAuditEntry, now: Date): Promise<void> {
  // The head row's lock orders appends across connections and hub processes.
  const head = await q.get<{ seq: number | string; hash: string }>('UPDATE admin_audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash');
  if (!head) throw new Error('admin_audit_head is missing (hub migration 3)');
  const row: Omit<AdminAuditRow, 'hash'> = {
    seq: Number(head.seq),
    at: now.toISOString(),
    actor: e.actor,
    action: e.action,
    team_id: e.teamId ?? null,
    entity: e.entity ?? null,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    detail: sortedJson(e.detail ?? {}),
    prev_hash: head.hash,
  };
  const hash = adminAuditHash(row);
  await q.run('UPDATE admin_audit_head SET hash = ? WHERE id = 1', [hash]);
  await q.run(
    'INSERT INTO admin_audit (seq, at, actor, action, team_id, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [row.seq, row.at, row.actor, row.action, row.team_id === null ? null : Number(row.team_id), row.entity, row.entity_id, row.detail, row.prev_hash, hash],
  );
}

export type AdminAuditVerdict = { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** Walk the chain in pages: contiguous seqs, each prev_hash the previous hash, each hash its content, and the head at the end. */
export async function verifyAdminAudit(store: Store): Promise<AdminAuditVerdict> {
  let prev = ADMIN_AUDIT_GENESIS;
  let expected = 1;
  let count = 0;
  for (;;) {
    const rows = await store.read((q) => q.all<AdminAuditRow>('SELECT * FROM admin_audit WHERE seq >= ? ORDER BY seq LIMIT 1000', [expected]));
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expected) return { ok: false, count, brokenAtSeq: row.seq, reason: `gap: expected seq ${expected}` };
      if (row.prev_hash !== prev) return { ok: false, count, brokenAtSeq: row.seq, reason: 'prev_hash does not link to the previous row' };
      const { hash, ...rest } = row;
      if (adminAuditHash(rest) !== hash) return { ok: false, count, brokenAtSeq: row.seq, reason: 'row content does not match its hash' };
      prev = hash;
      expected += 1;
      count += 1;
    }
    if (rows.length < 1000) break;
  }
  const head = await store.read((q) => q.get<{ seq: number | string; hash: string }>('SELECT seq, hash FROM admin_audit_head WHERE id = 1'));
  if (!head || Number(head.seq) !== count || head.hash !== prev) {
    return { ok: false, count, brokenAtSeq: count + 1, reason: `rows missing at the end: the head names seq ${head ? Number(head.seq) : '?'}` };
  }
  return { ok: true, count };
}
