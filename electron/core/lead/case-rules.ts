/**
 * A lead's decisions on one case's contact rules (issue 11): clear a hold (dispute/complaint) so
 * the case goes back to its holder's queue, and set the debtor's own time zone for the quiet
 * hours. Applied here at once (local mode is the whole story; in team mode the hub checks each
 * again when it is pushed), audited, and synced as case.clearHold / case.setTimeZone.
 */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { statusAfterHold } from '../../../shared/domain/case-hold';
import { isValidTimeZone } from '../../../shared/domain/settings';
import { appendAudit } from '../audit/audit';
import { parseCaseId } from '../cases/case-get';
import { recomputeCase } from '../cases/derive';
import type { CaseRow } from '../cases/rows';
import type { Ctx } from '../context';
import { DeskFailure, notFound } from '../errors';
import { writeOutbox } from '../sync/outbox';

function caseOf(ctx: Ctx, caseId: string): CaseRow {
  const c = ctx.prep<CaseRow>('SELECT * FROM cases WHERE id = ?').get(parseCaseId(caseId));
  if (!c) throw notFound('case');
  return c;
}

export function clearHold(ctx: Ctx, i: RouteParsed<'lead.clearHold'>, today: string): RouteOutput<'lead.clearHold'> {
  const at = ctx.clock().toISOString();
  const status = ctx.db.transaction(() => {
    const c = caseOf(ctx, i.caseId);
    const pending = ctx.prep<{ n: number }>("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'").get(c.id)?.n ?? 0;
    const next = statusAfterHold({ status: c.status, balanceFen: c.balance_fen }, pending);
    if ('rule' in next) throw new DeskFailure('VALIDATION', `This case is not on hold (it is ${c.status}).`, { field: 'caseId', rule: next.rule, params: next.params ?? {} });
    ctx.prep('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(next.status, at, c.id);
    recomputeCase(ctx, c.id, today); // a held case sank to the queue's bottom; it ranks again
    appendAudit(ctx, { action: 'lead.clearHold', entity: 'case', entityId: c.id, detail: { reason: i.reason, status: next.status } });
    writeOutbox(ctx, 'case.clearHold', { caseId: String(c.id), reason: i.reason, at });
    return next.status;
  }).immediate();
  ctx.emit('queue.changed', { reason: 'lead.clearHold' });
  return { caseId: i.caseId, status };
}

export function setCaseTimeZone(ctx: Ctx, i: RouteParsed<'lead.setCaseTimeZone'>): RouteOutput<'lead.setCaseTimeZone'> {
  const zone = i.timeZone === null || i.timeZone === '' ? null : i.timeZone;
  if (zone !== null && !isValidTimeZone(zone)) {
    throw new DeskFailure('VALIDATION', `unknown time zone ${zone}`, { field: 'timeZone', rule: 'case.timeZoneUnknown', params: { timeZone: zone } });
  }
  const at = ctx.clock().toISOString();
  ctx.db.transaction(() => {
    const c = caseOf(ctx, i.caseId);
    if ((c.time_zone ?? null) === zone) return;
    ctx.prep('UPDATE cases SET time_zone = ?, updated_at = ? WHERE id = ?').run(zone, at, c.id);
    appendAudit(ctx, { action: 'lead.setCaseTimeZone', entity: 'case', entityId: c.id, detail: { timeZone: zone, was: c.time_zone ?? null } });
    writeOutbox(ctx, 'case.setTimeZone', { caseId: String(c.id), timeZone: zone, at });
  }).immediate();
  ctx.emit('queue.changed', { reason: 'lead.setCaseTimeZone' });
  return { caseId: i.caseId, timeZone: zone };
}
