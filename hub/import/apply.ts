/**
 * A team's batch import on the hub, in the caller's one write transaction: every row parsed again
 * with the shared schema (ImportedRow: ID check digit, phone form, calendar dates, fen), in-batch
 * duplicates refused, cases that exist (same team, creditor, account number) updated and not
 * duplicated, new ones added unassigned, all through upsertCases (fan-out to the team's leads),
 * and one import_log row. The hub never trusts the desk's checking.
 */
import type { z } from 'zod';
import type { BatchRow } from '../../shared/entities';
import { CaseStatus } from '../../shared/domain/enums';
import { ImportedRow, type ImportReport, type RejectCode, type Rejection } from '../../shared/import/types';
import { CaseUpsert, upsertCases } from '../admin';
import { appendAdminAudit } from '../admin-audit';
import type { CaseDb } from '../rows';
import type { Q } from '../store/types';

/** upsertCases takes at most 20,000 cases per call; a batch is applied in slices of one transaction. */
const SLICE = 10_000;

export interface HubImportInput {
  fileName: string;
  dryRun: boolean;
  rows: readonly unknown[];
  rejected: readonly Rejection[];
  source: 'desk' | 'cli';
  userId: number | null;
}

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const CODE_BY_FIELD: Record<string, RejectCode> = {
  idNumber: 'badIdNumber', phones: 'badPhone', contacts: 'badPhone', overdueSince: 'badDate', lastPaymentDate: 'badDate', entrustDate: 'badDate', expiryDate: 'badDate', timeZone: 'badTimeZone',
  principalFen: 'badAmount', balanceFen: 'badAmount', overdueFen: 'badAmount', minDueFen: 'badAmount', lastPaymentFen: 'badAmount', product: 'unknownProduct',
};

/** A row the hub's own check refuses: its row number if it has one, the field as the column. */
function hubRejection(raw: unknown, index: number, issue: z.core.$ZodIssue | undefined): Rejection {
  const rowNo = typeof raw === 'object' && raw !== null && 'row' in raw && Number.isInteger(raw.row) && Number(raw.row) >= 1 ? Number(raw.row) : index + 2;
  const field = String(issue?.path[0] ?? 'row');
  return { row: rowNo, column: field, code: CODE_BY_FIELD[field] ?? 'required', reason: `refused by the hub: ${issue?.message ?? 'invalid row'}` };
}

const party = (r: ImportedRow['contacts'][number]['relation']): 'related' | 'third_party' =>
  r === 'colleague' || r === 'friend' || r === 'other' ? 'third_party' : 'related';

async function nextId(q: Q): Promise<number> {
  let max = 0;
  for (const t of ['debtors', 'contacts', 'phones', 'cases', 'batches']) max = Math.max(max, Number((await q.get<{ m: number | null }>(`SELECT max(id) AS m FROM ${t}`))?.m ?? 0));
  return max + 1;
}

type BatchIn = z.input<typeof BatchRow>;

interface DebtorDb { id: number; name: string; gender: string | null; id_number: string | null; birth_date: string | null; home_address: string | null; work_address: string | null; registered_address: string | null; employer: string | null }

export async function importBatch(q: Q, teamId: number, input: HubImportInput, now: Date): Promise<ImportReport> {
  const nowIso = now.toISOString();
  const rejected: Rejection[] = [...input.rejected];
  const rows: ImportedRow[] = [];
  const seen = new Set<string>();
  input.rows.forEach((raw, i) => {
    const p = ImportedRow.safeParse(raw);
    if (!p.success) {
      rejected.push(hubRejection(raw, i, p.error.issues[0]));
      return;
    }
    const key = `${p.data.creditor}\u0000${p.data.accountNo}`;
    if (seen.has(key)) {
      rejected.push({ row: p.data.row, column: 'accountNo', code: 'duplicateInFile', reason: 'same creditor and account number as an earlier row' });
      return;
    }
    seen.add(key);
    rows.push(p.data);
  });
  rejected.sort((a, b) => a.row - b.row);

  const run = async (): Promise<ImportReport> => {
    let id = await nextId(q);
    const today = nowIso.slice(0, 10);
    // one batch per creditor in the file
    const batches = new Map<string, BatchIn>();
    for (const r of rows) {
      let b = batches.get(r.creditor);
      if (!b) {
        const base = `${today.replace(/-/g, '')}-${r.creditor}`;
        const taken = new Set((await q.all<{ batch_no: string }>('SELECT batch_no FROM batches WHERE team_id = ? AND creditor = ?', [teamId, r.creditor])).map((x) => x.batch_no));
        let n = 1;
        while (taken.has(`${base}-${n}`)) n++;
        b = { id: String(id++), batchNo: `${base}-${n}`.slice(0, 64), creditor: r.creditor, entrustDate: r.entrustDate, expiryDate: r.expiryDate, importedAt: nowIso };
        batches.set(r.creditor, b);
      }
      if (r.entrustDate && (!b.entrustDate || r.entrustDate < b.entrustDate)) b.entrustDate = r.entrustDate;
      if (r.expiryDate && (!b.expiryDate || r.expiryDate > b.expiryDate)) b.expiryDate = r.expiryDate;
    }
    let accepted = 0;
    let updated = 0;
    let overdue = 0;
    const updatedAccounts: ImportReport['updatedAccounts'] = [];
    let firstSlice = true;
    for (let s = 0; s < rows.length || firstSlice; s += SLICE) {
      const slice = rows.slice(s, s + SLICE);
      const found = new Map<string, CaseDb>();
      for (let k = 0; k < slice.length; k += 500) {
        const part = slice.slice(k, k + 500);
        const list = await q.all<CaseDb>(`SELECT * FROM cases WHERE team_id = ? AND account_no IN (${part.map(() => '?').join(', ')})`, [teamId, ...part.map((r) => r.accountNo)]);
        for (const c of list) found.set(`${c.creditor}\u0000${c.account_no}`, c);
      }
      const ids = [...new Set(slice.map((r) => r.idNumber).filter((x): x is string => x !== null))];
      const byIdNumber = new Map<string, DebtorDb>();
      for (let k = 0; k < ids.length; k += 500) {
        const part = ids.slice(k, k + 500);
        for (const d of await q.all<DebtorDb>(`SELECT * FROM debtors WHERE team_id = ? AND id_number IN (${part.map(() => '?').join(', ')}) ORDER BY id`, [teamId, ...part])) {
          if (!byIdNumber.has(String(d.id_number))) byIdNumber.set(String(d.id_number), d);
        }
      }
      const caseDebtors = [...found.values()].map((c) => Number(c.debtor_id));
      const debtorRows = new Map<number, DebtorDb>();
      for (let k = 0; k < caseDebtors.length; k += 500) {
        const part = caseDebtors.slice(k, k + 500);
        for (const d of await q.all<DebtorDb>(`SELECT * FROM debtors WHERE id IN (${part.map(() => '?').join(', ')})`, part)) debtorRows.set(Number(d.id), d);
      }
      for (const d of byIdNumber.values()) debtorRows.set(Number(d.id), d);
      const known = [...debtorRows.keys()];
      const phonesOf = new Map<number, Set<string>>();
      const contactsOf = new Map<number, Set<string>>();
      for (let k = 0; k < known.length; k += 500) {
        const part = known.slice(k, k + 500);
        const ph = part.map(() => '?').join(', ');
        for (const p of await q.all<{ debtor_id: number; number: string }>(`SELECT debtor_id, number FROM phones WHERE debtor_id IN (${ph})`, part)) {
          (phonesOf.get(Number(p.debtor_id)) ?? phonesOf.set(Number(p.debtor_id), new Set()).get(Number(p.debtor_id)))?.add(p.number);
        }
        for (const c of await q.all<{ debtor_id: number; name: string }>(`SELECT debtor_id, name FROM contacts WHERE debtor_id IN (${ph})`, part)) {
          (contactsOf.get(Number(c.debtor_id)) ?? contactsOf.set(Number(c.debtor_id), new Set()).get(Number(c.debtor_id)))?.add(c.name);
        }
      }

      const body: z.input<typeof CaseUpsert> = { batches: firstSlice ? [...batches.values()] : [], debtors: [], contacts: [], phones: [], cases: [] };
      const debtorsOut = new Map<number, NonNullable<typeof body.debtors>[number]>();
      for (const r of slice) {
        const prev = found.get(`${r.creditor}\u0000${r.accountNo}`);
        const reuse = prev ? debtorRows.get(Number(prev.debtor_id)) : r.idNumber ? byIdNumber.get(r.idNumber) : undefined;
        const debtorId = reuse ? Number(reuse.id) : id++;
        const gender = r.idNumber ? (Number(r.idNumber.charAt(16)) % 2 === 1 ? 'M' : 'F') : ((reuse?.gender as 'M' | 'F' | null | undefined) ?? null);
        const birth = r.idNumber ? `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}` : (reuse?.birth_date ?? null);
        debtorsOut.set(debtorId, {
          id: String(debtorId), name: r.name, gender, idNumber: r.idNumber ?? reuse?.id_number ?? null, birthDate: birth,
          homeAddress: r.homeAddress ?? reuse?.home_address ?? null, workAddress: r.workAddress ?? reuse?.work_address ?? null,
          registeredAddress: reuse?.registered_address ?? null, employer: r.employer ?? reuse?.employer ?? null,
        });
        if (!reuse) {
          debtorRows.set(debtorId, { id: debtorId, name: r.name, gender, id_number: r.idNumber, birth_date: birth, home_address: null, work_address: null, registered_address: null, employer: null });
          if (r.idNumber) byIdNumber.set(r.idNumber, debtorRows.get(debtorId) as DebtorDb);
        }
        // phones and contacts are added, never removed (an agent may have marked one invalid)
        const numbers = phonesOf.get(debtorId) ?? phonesOf.set(debtorId, new Set()).get(debtorId) ?? new Set<string>();
        const names = contactsOf.get(debtorId) ?? contactsOf.set(debtorId, new Set()).get(debtorId) ?? new Set<string>();
        for (const ph of r.phones) {
          if (numbers.has(ph.number)) continue;
          numbers.add(ph.number);
          body.phones?.push({ id: String(id++), debtorId: String(debtorId), contactId: null, owner: 'self', kind: ph.kind, number: ph.number, status: 'valid' });
        }
        for (const c of r.contacts) {
          if (names.has(c.name)) continue;
          names.add(c.name);
          const contactId = id++;
          const pty = party(c.relation);
          body.contacts?.push({ id: String(contactId), debtorId: String(debtorId), name: c.name, relation: c.relation, party: pty, refusedContact: false });
          if (c.phone && !numbers.has(c.phone)) {
            numbers.add(c.phone);
            body.phones?.push({ id: String(id++), debtorId: String(debtorId), contactId: String(contactId), owner: pty, kind: 'mobile', number: c.phone, status: 'valid' });
          }
        }
        const batchId = batches.get(r.creditor)?.id ?? null;
        const facts = {
          debtorId: String(debtorId), batchId, creditor: r.creditor, product: r.product, accountNo: r.accountNo, principalFen: r.principalFen, balanceFen: r.balanceFen,
          overdueFen: r.overdueFen, minDueFen: r.minDueFen, overdueSince: r.overdueSince, timeZone: r.timeZone ?? null,
        };
        if (prev) {
          body.cases?.push({
            ...facts, id: String(prev.id),
            lastPaymentDate: r.lastPaymentDate ?? prev.last_payment_date, lastPaymentFen: r.lastPaymentFen ?? (prev.last_payment_fen === null ? null : Number(prev.last_payment_fen)),
            entrustDate: r.entrustDate ?? prev.entrust_date, expiryDate: r.expiryDate ?? prev.expiry_date,
            // upsertCases changes only the imported facts of an existing case: its status, tags, holder and counters stay as stored
            status: CaseStatus.parse(prev.status), tags: [], assignedAgentId: prev.assigned_agent_id === null ? null : String(prev.assigned_agent_id),
            preferredPhoneId: null, brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
          });
          updated++;
          updatedAccounts.push({ row: r.row, accountNo: r.accountNo });
        } else {
          body.cases?.push({
            ...facts, id: String(id++), lastPaymentDate: r.lastPaymentDate, lastPaymentFen: r.lastPaymentFen, entrustDate: r.entrustDate, expiryDate: r.expiryDate,
            status: 'open', tags: [], assignedAgentId: null, preferredPhoneId: null, brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
          });
          accepted++;
        }
        overdue += r.overdueFen;
      }
      body.debtors = [...debtorsOut.values()];
      if (body.cases?.length || body.batches?.length) await upsertCases(q, teamId, CaseUpsert.parse(body), now);
      firstSlice = false;
    }
    const batchNos = [...batches.values()].map((b) => b.batchNo);
    const report: ImportReport = { batchNo: batchNos.join(', ') || null, accepted, updated, updatedAccounts, rejected, totals: { cases: accepted + updated, overdue_fen: overdue }, dryRun: input.dryRun };
    if (input.dryRun) throw new DryRun(report);
    await q.run('INSERT INTO import_log (team_id, user_id, file_name, batch_nos, accepted, updated, rejected, source, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      teamId, input.userId, input.fileName.slice(0, 255), JSON.stringify(batchNos), accepted, updated, rejected.length, input.source, nowIso,
    ]);
    await appendAdminAudit(q, { actor: input.userId === null ? 'cli' : `user:${input.userId}`, action: 'cases.import', teamId, detail: { fileName: input.fileName.slice(0, 255), batchNos, accepted, updated, rejected: rejected.length } }, now);
    return report;
  };
  return run();
}

/** Run an import in one store transaction; a dry run rolls it back and still answers the report. */
export async function importInStore(write: <T>(fn: (q: Q) => Promise<T>) => Promise<T>, teamId: number, input: HubImportInput, now: Date): Promise<ImportReport> {
  try {
    return await write((q) => importBatch(q, teamId, input, now));
  } catch (e) {
    if (e instanceof DryRun) return e.report;
    throw e;
  }
}
