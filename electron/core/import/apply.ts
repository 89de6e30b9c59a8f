/**
 * Phase 2 on a local desk: the staged rows in one transaction. A case already present (same
 * creditor and account number) is updated, not duplicated; its work (attempts, promises, status,
 * assignment) stays. One batch row per creditor in the file, one audit entry for the import.
 */
import type { ImportedRow, ImportReport } from '../../../shared/import';
import { appendAudit } from '../audit/audit';
import { casePriority, recomputeCase } from '../cases/derive';
import type { Ctx } from '../context';
import { stagedRows } from './stage';

export interface ApplyOptions {
  fileName: string;
  today: string;
  dryRun: boolean;
  /** Rows the checker rejected (for the audit entry). */
  rejected: number;
}

export type Applied = Omit<ImportReport, 'rejected' | 'dryRun'>;

class DryRun extends Error {
  constructor(readonly result: Applied) {
    super('dry run');
  }
}

const party = (r: ImportedRow['contacts'][number]['relation']): 'related' | 'third_party' =>
  r === 'colleague' || r === 'friend' || r === 'other' ? 'third_party' : 'related';

/** Where the numbers come from: YYYYMMDD-creditor-n, the first free n. */
function newBatchNo(ctx: Pick<Ctx, 'prep'>, creditor: string, today: string): string {
  const base = `${today.replace(/-/g, '')}-${creditor}`;
  const taken = ctx.prep<{ batch_no: string }>("SELECT batch_no FROM batches WHERE batch_no LIKE ? ESCAPE '\\'").all(`${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`);
  const used = new Set(taken.map((t) => t.batch_no));
  let n = 1;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

const IMPORT_CACHE_KIB = 16 * 1024;

export function applyStaged(ctx: Ctx, stagedFile: string, o: ApplyOptions): Applied {
  const p = ctx.prep;
  const st = {
    findCase: p<{ id: number; debtor_id: number }>('SELECT id, debtor_id FROM cases WHERE account_no = ? AND creditor = ?'),
    findDebtor: p<{ id: number }>('SELECT id FROM debtors WHERE id_number = ? ORDER BY id LIMIT 1'),
    insDebtor: p(`INSERT INTO debtors (name, gender, id_number, id_tail4, birth_date, home_address, work_address, registered_address, employer, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`),
    updDebtor: p(`UPDATE debtors SET name = ?, gender = COALESCE(?, gender), id_number = COALESCE(?, id_number), id_tail4 = COALESCE(?, id_tail4),
                  birth_date = COALESCE(?, birth_date), home_address = COALESCE(?, home_address), work_address = COALESCE(?, work_address),
                  employer = COALESCE(?, employer), updated_at = ? WHERE id = ?`),
    phoneNumbers: p<{ number: string }>('SELECT number FROM phones WHERE debtor_id = ?'),
    contactNames: p<{ name: string }>('SELECT name FROM contacts WHERE debtor_id = ?'),
    insContact: p('INSERT INTO contacts (debtor_id, name, relation, party, refused_contact) VALUES (?, ?, ?, ?, 0)'),
    insPhone: p("INSERT INTO phones (debtor_id, contact_id, owner, kind, number, number_tail4, status) VALUES (?, ?, ?, ?, ?, ?, 'valid')"),
    insBatch: p('INSERT INTO batches (batch_no, creditor, entrust_date, expiry_date, imported_at) VALUES (?, ?, ?, ?, ?)'),
    updBatch: p('UPDATE batches SET entrust_date = ?, expiry_date = ? WHERE id = ?'),
    // with its debtor's name (just written above): the name trigger then leaves the new row alone
    // instead of writing it a second time (migration 019)
    insCase: p(`INSERT INTO cases (debtor_id, batch_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since,
                  last_payment_date, last_payment_fen, entrust_date, expiry_date, status, tags, assigned_agent_id, priority, updated_at, time_zone, debtor_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '[]', NULL, ?, ?, ?, (SELECT name FROM debtors WHERE id = ?))`),
    updCase: p(`UPDATE cases SET batch_id = ?, product = ?, principal_fen = ?, balance_fen = ?, overdue_fen = ?, min_due_fen = ?, overdue_since = ?,
                  last_payment_date = COALESCE(?, last_payment_date), last_payment_fen = COALESCE(?, last_payment_fen),
                  entrust_date = COALESCE(?, entrust_date), expiry_date = COALESCE(?, expiry_date), time_zone = COALESCE(?, time_zone), updated_at = ? WHERE id = ?`),
  };
  const at = ctx.clock().toISOString();

  const run = (): Applied => {
    const batches = new Map<string, { id: number; no: string; entrust: string | null; expiry: string | null }>();
    const batchOf = (r: ImportedRow): number => {
      let b = batches.get(r.creditor);
      if (!b) {
        const no = newBatchNo(ctx, r.creditor, o.today);
        b = { id: Number(st.insBatch.run(no, r.creditor, r.entrustDate, r.expiryDate, at).lastInsertRowid), no, entrust: r.entrustDate, expiry: r.expiryDate };
        batches.set(r.creditor, b);
      }
      if (r.entrustDate && (!b.entrust || r.entrustDate < b.entrust)) b.entrust = r.entrustDate;
      if (r.expiryDate && (!b.expiry || r.expiryDate > b.expiry)) b.expiry = r.expiryDate;
      return b.id;
    };
    let accepted = 0;
    let updated = 0;
    let overdue = 0;
    const updatedAccounts: Applied['updatedAccounts'] = [];
    for (const r of stagedRows(stagedFile)) {
      const batchId = batchOf(r);
      const gender = r.idNumber ? (Number(r.idNumber.charAt(16)) % 2 === 1 ? 'M' : 'F') : null;
      const birth = r.idNumber ? `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}` : null;
      const tail4 = r.idNumber ? r.idNumber.slice(-4) : null;
      const existing = st.findCase.get(r.accountNo, r.creditor);
      let debtorId: number;
      let fresh = false;
      if (existing) {
        debtorId = existing.debtor_id;
        st.updDebtor.run(r.name, gender, r.idNumber, tail4, birth, r.homeAddress, r.workAddress, r.employer, at, debtorId);
      } else {
        const known = r.idNumber ? st.findDebtor.get(r.idNumber) : undefined;
        if (known) {
          debtorId = known.id;
          st.updDebtor.run(r.name, gender, r.idNumber, tail4, birth, r.homeAddress, r.workAddress, r.employer, at, debtorId);
        } else {
          debtorId = Number(st.insDebtor.run(r.name, gender, r.idNumber, tail4, birth, r.homeAddress, r.workAddress, r.employer, at).lastInsertRowid);
          fresh = true;
        }
      }
      // phones and contacts are added, never removed: an agent may have marked one invalid or do-not-call
      const numbers = fresh ? new Set<string>() : new Set(st.phoneNumbers.all(debtorId).map((x) => x.number));
      for (const ph of r.phones) {
        if (numbers.has(ph.number)) continue;
        numbers.add(ph.number);
        st.insPhone.run(debtorId, null, 'self', ph.kind, ph.number, ph.number.slice(-4));
      }
      const names = fresh ? new Set<string>() : new Set(st.contactNames.all(debtorId).map((x) => x.name));
      for (const c of r.contacts) {
        if (names.has(c.name)) continue;
        names.add(c.name);
        const pty = party(c.relation);
        const contactId = Number(st.insContact.run(debtorId, c.name, c.relation, pty).lastInsertRowid);
        if (c.phone && !numbers.has(c.phone)) {
          numbers.add(c.phone);
          st.insPhone.run(debtorId, contactId, pty, 'mobile', c.phone, c.phone.slice(-4));
        }
      }
      if (existing) {
        st.updCase.run(batchId, r.product, r.principalFen, r.balanceFen, r.overdueFen, r.minDueFen, r.overdueSince, r.lastPaymentDate, r.lastPaymentFen,
          r.entrustDate, r.expiryDate, r.timeZone ?? null, at, existing.id);
        recomputeCase(ctx, existing.id, o.today);
        updated++;
        updatedAccounts.push({ row: r.row, accountNo: r.accountNo });
      } else {
        const priority = casePriority({ overdue_fen: r.overdueFen, overdue_since: r.overdueSince, broken_promises: 0, refusals: 0, attempt_count: 0, expiry_date: r.expiryDate, status: 'open', has_pending_ptp: false }, o.today);
        st.insCase.run(debtorId, batchId, r.creditor, r.product, r.accountNo, r.principalFen, r.balanceFen, r.overdueFen, r.minDueFen, r.overdueSince,
          r.lastPaymentDate, r.lastPaymentFen, r.entrustDate, r.expiryDate, priority, at, r.timeZone ?? null, debtorId);
        accepted++;
      }
      overdue += r.overdueFen;
    }
    for (const b of batches.values()) st.updBatch.run(b.entrust, b.expiry, b.id);
    const batchNos = [...batches.values()].map((b) => b.no);
    const result: Applied = { batchNo: batchNos.join(', ') || null, accepted, updated, updatedAccounts, totals: { cases: accepted + updated, overdue_fen: overdue } };
    if (o.dryRun) throw new DryRun(result);
    appendAudit(ctx, { action: 'import.apply', entity: 'batch', entityId: batches.size === 1 ? [...batches.values()][0]?.id : null, detail: { fileName: o.fileName, batchNos, accepted, updated, rejected: o.rejected } });
    return result;
  };
  // The whole batch is one transaction: with the desk's 64 MB page cache its dirty pages filled
  // all of it before spilling to the WAL (a 100,000-row import peaked ~60 MB higher). 16 MB holds
  // the indexes' hot pages; the rest spills, still inside the one transaction.
  const cache = ctx.db.pragma('cache_size', { simple: true });
  ctx.db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return ctx.db.transaction(run).immediate();
  } catch (e) {
    if (e instanceof DryRun) return e.result; // the transaction rolled back: nothing written
    throw e;
  } finally {
    ctx.db.pragma(`cache_size = ${String(cache)}`);
  }
}
