import type { RejectionView, UnsyncedDetail, UnsyncedItem } from '../../../shared/contract';
import { localDateOf } from '../../../shared/domain/dates';
import type { Ctx } from '../context';

interface OutboxJoin { mutation_id: number; name: string; args: string; created_at: string; case_id: number | null; debtor_name: string | null }

/** A case id out of a mutation's args (caseId, or the first of caseIds). */
function caseIdOf(args: Record<string, unknown>): string | null {
  if (typeof args.caseId === 'string') return args.caseId;
  if (Array.isArray(args.caseIds) && typeof args.caseIds[0] === 'string') return args.caseIds[0];
  return null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What a queued mutation says, as data for the unsynced list (the renderer words it). */
export function mutationDetail(ctx: Pick<Ctx, 'prep'>, name: string, args: Record<string, unknown>): UnsyncedDetail {
  switch (name) {
    case 'attempt.save': {
      const promise = args.promise as { amountFen?: unknown; dueDate?: unknown } | null | undefined;
      return {
        kind: 'attempt',
        outcomeCode: text(args.outcomeCode),
        note: text(args.note).replace(/\s+/g, ' ').slice(0, 60),
        ptp: promise ? { amountFen: num(promise.amountFen), dueDate: text(promise.dueDate) } : null,
      };
    }
    case 'payment.record':
      return { kind: 'payment', amountFen: num(args.amountFen), paidDate: text(args.paidDate) };
    case 'promise.transition':
      return { kind: 'promise', from: text(args.from), to: text(args.to), paidFen: num(args.paidFen) };
    case 'case.setPreferredPhone': {
      const id = typeof args.phoneId === 'string' ? Number(args.phoneId) : null;
      const tail4 = id === null ? null : (ctx.prep<{ number_tail4: string }>('SELECT number_tail4 FROM phones WHERE id = ?').get(id)?.number_tail4 ?? '????');
      return { kind: 'phone', tail4 };
    }
    case 'case.assign': {
      const agentId = typeof args.agentId === 'string' ? Number(args.agentId) : null;
      const agentName = agentId === null ? null : (ctx.prep<{ display_name: string }>('SELECT display_name FROM agents WHERE id = ?').get(agentId)?.display_name ?? `#${agentId}`);
      return { kind: 'assign', count: Array.isArray(args.caseIds) ? args.caseIds.length : 0, agentName };
    }
    default:
      return { kind: 'other' };
  }
}

const parseArgs = (json: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function outboxRows(ctx: Pick<Ctx, 'prep'>): OutboxJoin[] {
  return ctx
    .prep<OutboxJoin>(
      `SELECT o.mutation_id, o.name, o.args, o.created_at, coalesce(c.id, lc.case_id) AS case_id, coalesce(d.name, lc.debtor_name) AS debtor_name
       FROM outbox o
       LEFT JOIN cases c ON c.id = CAST(coalesce(json_extract(o.args, '$.caseId'), json_extract(o.args, '$.caseIds[0]')) AS INTEGER)
       LEFT JOIN debtors d ON d.id = c.debtor_id
       LEFT JOIN left_cases lc ON c.id IS NULL AND lc.case_id = CAST(json_extract(o.args, '$.caseId') AS INTEGER)
       ORDER BY o.mutation_id`,
    )
    .all();
}

/** What has not reached the hub: the outbox in order, with the case's debtor when the desk still holds it. */
export function unsyncedItems(ctx: Pick<Ctx, 'prep'>): UnsyncedItem[] {
  return outboxRows(ctx).map((r) => {
    const args = parseArgs(r.args);
    return {
      mutationId: r.mutation_id,
      name: r.name,
      caseId: caseIdOf(args),
      debtorName: r.debtor_name,
      createdAt: r.created_at,
      detail: mutationDetail(ctx, r.name, args),
    };
  });
}

/** The outbox as a JSON document to hand to IT (nothing is removed from the outbox). */
export function exportUnsynced(ctx: Pick<Ctx, 'prep' | 'clock' | 'settings'>): { fileName: string; json: string } {
  const state = ctx.prep<{ device_id: string; hub_url: string | null; hub_username: string | null }>('SELECT device_id, hub_url, hub_username FROM sync_state WHERE id = 1').get();
  const deviceId = state?.device_id ?? 'unknown';
  const now = ctx.clock();
  const mutations = outboxRows(ctx).map((r) => ({
    mutationId: r.mutation_id,
    name: r.name,
    args: parseArgs(r.args),
    createdAt: r.created_at,
    debtorName: r.debtor_name,
  }));
  const doc = { format: 'collectdesk-unsynced', version: 1, deviceId, hubUrl: state?.hub_url ?? null, hubUser: state?.hub_username ?? null, exportedAt: now.toISOString(), count: mutations.length, mutations };
  const date = localDateOf(now, ctx.settings().timeZone); // the date the agent sees, not UTC's
  return { fileName: `collectdesk-unsynced-${deviceId.replace(/[^\w-]/g, '')}-${date}.json`, json: JSON.stringify(doc, null, 2) };
}

interface RejectionJoin { id: number; mutation_id: number; name: string; case_id: number | null; debtor_name: string | null; reason: string; detail: string | null; at: string; acknowledged_at: string | null }

export function rejectionViews(ctx: Pick<Ctx, 'prep'>): RejectionView[] {
  return ctx
    .prep<RejectionJoin>(
      // A rejection of late work comes after the case left the desk: its debtor is named from left_cases.
      `SELECT r.id, r.mutation_id, r.name, r.case_id, coalesce(d.name, lc.debtor_name) AS debtor_name, r.reason, r.detail, r.at, r.acknowledged_at
       FROM sync_rejections r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN debtors d ON d.id = c.debtor_id
       LEFT JOIN left_cases lc ON lc.case_id = r.case_id
       ORDER BY r.at DESC, r.id DESC LIMIT 1000`,
    )
    .all()
    .map((r) => ({
      id: String(r.id),
      mutationId: r.mutation_id,
      name: r.name,
      caseId: r.case_id === null ? null : String(r.case_id),
      debtorName: r.debtor_name,
      reason: r.reason,
      detail: r.detail,
      at: r.at,
      acknowledgedAt: r.acknowledged_at,
    }));
}

/** Rejections the agent has not acknowledged yet (the top bar's badge). */
export const rejectionCount = (ctx: Pick<Ctx, 'prep'>): number =>
  ctx.prep<{ n: number }>('SELECT count(*) AS n FROM sync_rejections WHERE acknowledged_at IS NULL').get()?.n ?? 0;

/** The agent has read these rejections (all when `ids` is absent): the badge clears, the rows stay. */
export function acknowledgeRejections(ctx: Pick<Ctx, 'prep' | 'clock' | 'db'>, ids: readonly string[] | undefined): number {
  const at = ctx.clock().toISOString();
  return ctx.db.transaction(() => {
    if (!ids) return ctx.prep('UPDATE sync_rejections SET acknowledged_at = ? WHERE acknowledged_at IS NULL').run(at).changes;
    let n = 0;
    for (const id of ids) n += ctx.prep('UPDATE sync_rejections SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL').run(at, Number(id)).changes;
    return n;
  })();
}
