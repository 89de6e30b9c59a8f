/** What the entity appliers of one pull page share: the desk's statements and the page's bookkeeping. */
import type { EntityName, EntityRow } from '../../../../shared/sync';
import { appendAudit } from '../../audit/audit';
import type { Ctx } from '../../context';
import { ApplyError } from '../apply-error';

export interface ApplyResult {
  applied: number;
  touchedCases: number;
  removedCases: number;
  /** Reference data changed: the caller drops its caches (outcome codes, scripts, settings). */
  referenceChanged: boolean;
  rejections: number;
}

export type ApplyCtx = Pick<Ctx, 'db' | 'prep' | 'clock' | 'settings' | 'session'>;

/** How the desk stores one synced entity: a pulled row (validated against its shared schema) and its removal by key. */
export interface EntityApplier<E extends EntityName> {
  // Function-typed properties (not methods): their parameters are checked strictly.
  put: (s: PageScope, row: EntityRow<E>) => void;
  del: (s: PageScope, key: string) => void;
}

export const HUB_MANAGED_PASSWORD = 'scrypt$hub-managed';

export const hubInt = (id: string): number => {
  const n = Number(id);
  if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(n)) throw new ApplyError(`not a hub id: ${id.slice(0, 32)}`);
  return n;
};
export const optInt = (id: string | null): number | null => (id === null ? null : hubInt(id));
export const bool = (b: boolean): number => (b ? 1 : 0);

type RefTable = 'phones' | 'attempts' | 'cases' | 'debtors' | 'contacts';

/** A preferred-phone mutation still in the outbox: its case id and phone id (null = none). */
function pendingPreferredOf(args: unknown): [string, string | null] | null {
  if (typeof args !== 'object' || args === null || !('caseId' in args) || typeof args.caseId !== 'string') return null;
  return [args.caseId, 'phoneId' in args && typeof args.phoneId === 'string' ? args.phoneId : null];
}

export class PageScope {
  readonly p: ApplyCtx['prep'];
  readonly now: string;
  /** Cases whose derived fields are recomputed at the end of the page. */
  readonly touched = new Set<number>();
  readonly result: ApplyResult = { applied: 0, touchedCases: 0, removedCases: 0, referenceChanged: false, rejections: 0 };
  /** References to rows a page may bring later (or never): checked and cleared at the end of the page. */
  readonly dangling: { table: string; col: string; id: string | number; target: 'phones' | 'attempts'; ref: number | string }[] = [];
  /**
   * Agent-owned fields this desk changed and the hub has not processed yet (outbox rows after
   * lastMutationId): the local value stays until the mutation has its place in hub order and
   * comes back on a later page; the hub's order still decides the final value.
   */
  readonly pendingPreferred = new Map<string, string | null>();

  constructor(readonly ctx: ApplyCtx, lastMutationId: number) {
    this.p = ctx.prep;
    this.now = ctx.clock().toISOString();
    const rows = this.p<{ args: string }>("SELECT args FROM outbox WHERE name = 'case.setPreferredPhone' AND mutation_id > ? ORDER BY mutation_id").all(lastMutationId);
    for (const r of rows) {
      const pending = pendingPreferredOf(JSON.parse(r.args));
      if (pending) this.pendingPreferred.set(...pending);
    }
  }

  /** Agents already made sure of in this page (most rows of a page name the same one or two). */
  private readonly agentsSeen = new Set<number>();

  /** A placeholder for an agent a row refers to before (or without) the agent's own row. */
  ensureAgent(id: number | null): void {
    if (id === null || this.agentsSeen.has(id)) return;
    this.agentsSeen.add(id);
    this.p(`INSERT OR IGNORE INTO agents (id, username, display_name, agent_no, role, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, 'agent', '${HUB_MANAGED_PASSWORD}', 0, ?)`).run(id, `~hub-agent-${id}`, `#${id}`, `~${id}`, this.now);
  }

  exists(table: RefTable, id: number | string | null): boolean {
    return id === null || this.p<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE id = ?`).get(id)?.n === 1;
  }

  /** Attempts and preferred numbers lose the phones `where` selects. */
  nullAttemptPhones(where: string, arg: number): void {
    this.p(`UPDATE attempts SET phone_id = NULL WHERE phone_id IN (${where})`).run(arg);
    this.p(`UPDATE cases SET preferred_phone_id = NULL WHERE preferred_phone_id IN (${where})`).run(arg);
  }

  /** A case left the desk's scope: it goes with its dependents (and its debtor when no other case has them). */
  removeCase(caseId: number): void {
    const p = this.p;
    const c = p<{ debtor_id: number }>('SELECT debtor_id FROM cases WHERE id = ?').get(caseId);
    if (!c) return;
    const count = (table: string): number => p<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`).get(caseId)?.n ?? 0;
    const removed = { attempts: count('attempts'), promises: count('promises'), payments: count('payments'), followUps: count('follow_ups') };
    const unpushed = p<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE json_extract(args, '$.caseId') = ?").get(String(caseId))?.n ?? 0;
    for (const t of ['drafts', 'follow_ups', 'promises', 'payments', 'attempts']) p(`DELETE FROM ${t} WHERE case_id = ?`).run(caseId);
    p('DELETE FROM cases WHERE id = ?').run(caseId);
    const others = p<{ n: number }>('SELECT count(*) AS n FROM cases WHERE debtor_id = ?').get(c.debtor_id)?.n ?? 0;
    if (others === 0) p('DELETE FROM debtors WHERE id = ?').run(c.debtor_id);
    // The outbox keeps this case's unpushed work: it still goes to the hub (accepted as late history).
    appendAudit(this.ctx, { action: 'sync.caseLeftScope', entity: 'case', entityId: caseId, detail: { ...removed, unpushedOutboxRows: unpushed } });
    this.touched.delete(caseId);
    this.result.removedCases += 1;
  }
}
