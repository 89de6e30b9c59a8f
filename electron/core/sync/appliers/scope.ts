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
  /** Cases that left this desk in the page: the debtor and who holds the case now (null: unassigned or unknown). */
  movedAway: { caseId: string; debtorName: string; toName: string | null }[];
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
const optIntOrNull = (id: string): number | null => (/^[1-9]\d{0,15}$/.test(id) ? Number(id) : null);

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
  readonly result: ApplyResult = PageScope.emptyResult();
  static emptyResult(): ApplyResult {
    return { applied: 0, touchedCases: 0, removedCases: 0, referenceChanged: false, rejections: 0, movedAway: [] };
  }
  /** References to rows a page may bring later (or never): checked and cleared at the end of the page. */
  readonly dangling: { table: string; col: string; id: string | number; target: 'phones' | 'attempts'; ref: number | string }[] = [];
  /**
   * Agent-owned fields this desk changed and the hub has not processed yet (outbox rows after
   * lastMutationId): the local value stays until the mutation has its place in hub order and
   * comes back on a later page; the hub's order still decides the final value.
   */
  readonly pendingPreferred = new Map<string, string | null>();
  /** Numbers this desk marked (phone.mark, issue 9) that the hub has not processed yet: their local status and mark stay. */
  readonly pendingMarks = new Set<number>();
  /** Case id -> its holder now, from the page's case dels (hubs that say so). */
  readonly movedTo = new Map<string, { agentId: string; name: string } | null>();

  /** left_cases has rows (most pages of most desks: none, so a case put does not look). */
  private hasLeft: boolean;

  /**
   * Cases whose derived fields (priority, next due) were written with their row (the case put):
   * recomputed at the end only if something later in the page concerns them, or if the page
   * changed the settings they were computed with.
   */
  readonly derived = new Set<number>();

  /** `today`: the desk's date when the page is applied (the case put scores with it). */
  constructor(readonly ctx: ApplyCtx, lastMutationId: number, readonly today: string) {
    this.p = ctx.prep;
    this.now = ctx.clock().toISOString();
    this.hasLeft = this.p<{ n: number }>('SELECT EXISTS (SELECT 1 FROM left_cases) AS n').get()?.n === 1;
    const rows = this.p<{ args: string }>("SELECT args FROM outbox WHERE name = 'case.setPreferredPhone' AND mutation_id > ? ORDER BY mutation_id").all(lastMutationId);
    for (const r of rows) {
      const pending = pendingPreferredOf(JSON.parse(r.args));
      if (pending) this.pendingPreferred.set(...pending);
    }
    const marks = this.p<{ phone_id: string | null }>("SELECT json_extract(args, '$.phoneId') AS phone_id FROM outbox WHERE name = 'phone.mark' AND mutation_id > ?").all(lastMutationId);
    for (const m of marks) if (m.phone_id !== null) this.pendingMarks.add(Number(m.phone_id));
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

  /**
   * What the desk keeps of a case that leaves it: the debtor's name (rejections of late work still
   * name them), who holds it now, and the agent's unsaved note (moved out of drafts), which the
   * agent can still save: the hub takes a former holder's 催记 as history.
   */
  private keepLeftCase(caseId: number, debtorName: string, balanceFen: number): void {
    const to = this.movedTo.get(String(caseId)) ?? null;
    const draft = this.p<{ agent_id: number; body: string; saved_at: string }>('SELECT agent_id, body, saved_at FROM drafts WHERE case_id = ? ORDER BY saved_at DESC LIMIT 1').get(caseId);
    this.p(`INSERT INTO left_cases (case_id, debtor_name, balance_fen, moved_to_id, moved_to_name, left_at, draft_agent_id, draft, draft_saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET debtor_name = excluded.debtor_name, balance_fen = excluded.balance_fen, moved_to_id = excluded.moved_to_id,
         moved_to_name = excluded.moved_to_name, left_at = excluded.left_at, draft_agent_id = excluded.draft_agent_id, draft = excluded.draft,
         draft_saved_at = excluded.draft_saved_at`)
      .run(caseId, debtorName, balanceFen, to === null ? null : optIntOrNull(to.agentId), to?.name ?? null, this.now, draft?.agent_id ?? null, draft?.body ?? null, draft?.saved_at ?? null);
    this.hasLeft = true;
    this.result.movedAway.push({ caseId: String(caseId), debtorName, toName: to?.name ?? null });
  }

  /** A case came (back) to this desk: a note kept when it left becomes its draft again. */
  caseReturned(caseId: number): void {
    if (!this.hasLeft) return;
    const left = this.p<{ draft_agent_id: number | null; draft: string | null; draft_saved_at: string | null }>(
      'SELECT draft_agent_id, draft, draft_saved_at FROM left_cases WHERE case_id = ?',
    ).get(caseId);
    if (!left) return;
    if (left.draft !== null && left.draft_agent_id !== null) {
      this.ensureAgent(left.draft_agent_id);
      this.p('INSERT OR IGNORE INTO drafts (case_id, agent_id, body, saved_at) VALUES (?, ?, ?, ?)').run(caseId, left.draft_agent_id, left.draft, left.draft_saved_at ?? this.now);
    }
    this.p('DELETE FROM left_cases WHERE case_id = ?').run(caseId);
  }

  /** A case left the desk's scope: it goes with its dependents (and its debtor when no other case has them). */
  removeCase(caseId: number): void {
    const p = this.p;
    const c = p<{ debtor_id: number; debtor_name: string; balance_fen: number }>(
      'SELECT c.debtor_id, d.name AS debtor_name, c.balance_fen FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE c.id = ?',
    ).get(caseId);
    if (!c) return;
    this.keepLeftCase(caseId, c.debtor_name, c.balance_fen);
    const count = (table: string): number => p<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE case_id = ?`).get(caseId)?.n ?? 0;
    const removed = { attempts: count('attempts'), promises: count('promises'), payments: count('payments'), followUps: count('follow_ups') };
    const unpushed = p<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE json_extract(args, '$.caseId') = ?").get(String(caseId))?.n ?? 0;
    for (const t of ['drafts', 'follow_ups', 'promises', 'payments', 'attempts', 'messages']) p(`DELETE FROM ${t} WHERE case_id = ?`).run(caseId);
    p('DELETE FROM cases WHERE id = ?').run(caseId);
    const others = p<{ n: number }>('SELECT count(*) AS n FROM cases WHERE debtor_id = ?').get(c.debtor_id)?.n ?? 0;
    if (others === 0) p('DELETE FROM debtors WHERE id = ?').run(c.debtor_id);
    // The outbox keeps this case's unpushed work: it still goes to the hub (accepted as late history).
    appendAudit(this.ctx, { action: 'sync.caseLeftScope', entity: 'case', entityId: caseId, detail: { ...removed, unpushedOutboxRows: unpushed } });
    this.touched.delete(caseId);
    this.derived.delete(caseId);
    this.result.removedCases += 1;
  }
}
