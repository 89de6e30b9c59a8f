import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import type { Ctx } from '../context';
import { canonicalJson } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string; // 'auth.login', 'case.reveal', 'attempt.save' ...
  entity?: string | null;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
  agentId?: number | null;
}

interface AuditRow {
  seq: number;
  at: string;
  agent_id: number | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The hashed content of a row: everything but the hash itself. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    agent_id: row.agent_id,
    action: row.action,
    entity: row.entity,
    entity_id: row.entity_id,
    detail: row.detail,
  });
  return createHash('sha256').update(row.prev_hash).update(canonical).digest('hex');
}

/** Append one entry; call inside the transaction that makes the change it records. */
export function appendAudit(ctx: Pick<Ctx, 'prep' | 'clock' | 'session'>, e: AuditEntry): void {
  const last = ctx.prep<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.clock().toISOString(),
    agent_id: e.agentId !== undefined ? e.agentId : ctx.session.agentId,
    action: e.action,
    entity: e.entity ?? null,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    detail: canonicalJson(e.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  ctx
    .prep(
      `INSERT INTO audit_log (seq, at, agent_id, action, entity, entity_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @agent_id, @action, @entity, @entity_id, @detail, @prev_hash, @hash)`,
    )
    .run({ ...row, hash: auditRowHash(row) });
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** Walk the whole chain: every row's prev_hash links to its predecessor and its hash matches its content. */
export function verifyAuditChain(db: Db): AuditVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (row.seq !== expectedSeq) return { ok: false, count, brokenAtSeq: row.seq, reason: `gap: expected seq ${expectedSeq}` };
    if (row.prev_hash !== prev) return { ok: false, count, brokenAtSeq: row.seq, reason: 'prev_hash does not link to the previous row' };
    const { hash, ...rest } = row;
    if (auditRowHash(rest) !== hash) return { ok: false, count, brokenAtSeq: row.seq, reason: 'row content does not match its hash' };
    prev = hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, count };
}
