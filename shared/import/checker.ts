/**
 * Checks one file, row by row, with bounded memory: the header row fixes each column's field,
 * every data row becomes an ImportedRow or rejections, and duplicate rows inside the file are
 * reported (the first one imports). Readers (CSV here, XLSX in the Node hosts) feed it cells.
 */
import { addDays } from '../domain/dates';
import type { LocalDate } from '../domain/enums';
import { mapColumns, REQUIRED, type ColumnMapping, type ImportField } from './fields';
import * as N from './normalize';
import { cellText, isBlank, type Cell } from './text';
import type { ImportedRow, RefuseCode, Rejection } from './types';

export class ImportRefused extends Error {
  constructor(
    readonly code: RefuseCode,
    message: string,
    readonly detail: { columns?: string[]; headers?: string[] } = {},
  ) {
    super(message);
    this.name = 'ImportRefused';
  }
}

export interface CheckOptions {
  /** The creditor for rows without a 委托方 column (CLI --creditor, the UI's field). */
  creditor?: string | undefined;
  /** Day from which 逾期天数 counts back (the import day in the desk's zone). */
  asOf: LocalDate;
  mapping?: ColumnMapping | undefined;
}

export interface HeaderInfo {
  headers: string[];
  fields: (ImportField | null)[];
  /** Headers no rule recognised and the mapping did not name. */
  unmapped: string[];
}

/** The header row: each column's field; refuses a file that lacks a required column. */
export function readHeader(cells: readonly Cell[], opts: Pick<CheckOptions, 'creditor' | 'mapping'>): HeaderInfo {
  const headers = cells.map((c) => cellText(c));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0) throw new ImportRefused('empty', 'The file has no header row.');
  const fields = mapColumns(headers, opts.mapping);
  const have = new Set(fields);
  const missing = REQUIRED.filter((alts) => !alts.some((f) => have.has(f))).map((alts) => alts.join('|'));
  if (missing.length > 0) {
    throw new ImportRefused('missingColumn', `Required column missing: ${missing.join(', ')} (found: ${headers.join(', ')}).`, { columns: missing, headers });
  }
  if (!have.has('creditor') && !opts.creditor?.trim()) {
    throw new ImportRefused('noCreditor', 'The file has no 委托方 (creditor) column: name the creditor for this batch.', { columns: ['creditor'], headers });
  }
  const unmapped = headers.filter((h, i) => h !== '' && fields[i] === null && !Object.hasOwn(opts.mapping ?? {}, h));
  return { headers, fields, unmapped };
}

export class BatchChecker {
  readonly header: HeaderInfo;
  readonly rejected: Rejection[] = [];
  /** Rows read (not counting blank ones), accepted rows handed out. */
  rows = 0;
  good = 0;
  private readonly col = new Map<ImportField, number>();
  private readonly seen = new Map<string, number>();

  constructor(
    headerCells: readonly Cell[],
    private readonly opts: CheckOptions,
  ) {
    this.header = readHeader(headerCells, opts);
    this.header.fields.forEach((f, i) => {
      if (f) this.col.set(f, i);
    });
  }

  /** One data row (its spreadsheet row number): the normalised row, or null when rejected or blank. */
  row(cells: readonly Cell[], rowNo: number): ImportedRow | null {
    if (cells.every(isBlank)) return null;
    this.rows++;
    const problems: Rejection[] = [];
    const cell = (f: ImportField): Cell => {
      const i = this.col.get(f);
      return i === undefined ? null : (cells[i] ?? null);
    };
    const column = (f: ImportField): string => this.header.headers[this.col.get(f) ?? -1] ?? f;
    const take = <T>(f: ImportField, r: N.Norm<T>): T | null => {
      if ('ok' in r) return r.ok;
      problems.push({ row: rowNo, column: column(f), code: r.code, reason: r.reason });
      return null;
    };
    const optional = <T>(f: ImportField, fn: (c: Cell) => N.Norm<T>): T | null => (isBlank(cell(f)) ? null : take(f, fn(cell(f))));
    const required = <T>(fs: ImportField[], fn: (c: Cell) => N.Norm<T>): T | null => {
      const f = fs.find((x) => this.col.has(x) && !isBlank(cell(x)));
      if (f === undefined) {
        const shown = fs.find((x) => this.col.has(x)) ?? fs[0] ?? 'name';
        problems.push({ row: rowNo, column: column(shown), code: 'required', reason: 'required, but blank' });
        return null;
      }
      return take(f, fn(cell(f)));
    };

    // a lost character (U+FFFD: bytes that were not text in the file's encoding, or exceljs's
    // streaming reader cutting a UTF-8 character at a chunk edge) is never imported as if it were data
    cells.forEach((c, i) => {
      if (typeof c === 'string' && c.includes('\uFFFD')) {
        problems.push({ row: rowNo, column: this.header.headers[i] ?? String(i + 1), code: 'badCharacters', reason: 'a character could not be read (U+FFFD); save the file as CSV UTF-8 and import that' });
      }
    });
    const name = required(['name'], (c) => N.text(c, 64, 'name'));
    const accountNo = required(['accountNo'], N.accountNo);
    const creditorCell = optional('creditor', (c) => N.text(c, 64, 'text'));
    const creditor = creditorCell ?? this.opts.creditor?.trim() ?? null;
    if (creditor === null && this.col.has('creditor') && isBlank(cell('creditor'))) {
      problems.push({ row: rowNo, column: column('creditor'), code: 'required', reason: 'required, but blank' });
    }
    const balance = optional('balance', N.amountFen);
    const overdue = optional('overdue', N.amountFen);
    if (!['balance', 'overdue'].some((f) => this.col.has(f as ImportField) && !isBlank(cell(f as ImportField)))) required(['balance', 'overdue'], N.amountFen);
    const principal = optional('principal', N.amountFen);
    const minDue = optional('minDue', N.amountFen);
    let overdueSince = optional('overdueSince', N.localDate);
    const days = optional('overdueDays', N.wholeDays);
    if (overdueSince === null && days !== null) overdueSince = addDays(this.opts.asOf, -days);
    if (isBlank(cell('overdueSince')) && isBlank(cell('overdueDays'))) required(['overdueSince', 'overdueDays'], N.localDate);
    const idNumber = optional('idNumber', N.idNumber);
    const product = take('product', N.product(cell('product')));
    const lastPaymentDate = optional('lastPaymentDate', N.localDate);
    const lastPaymentFen = optional('lastPaymentAmount', N.amountFen);
    const entrustDate = optional('entrustDate', N.localDate);
    const expiryDate = optional('expiryDate', N.localDate);
    const timeZone = optional('timeZone', N.timeZone);
    const homeAddress = optional('homeAddress', (c) => N.text(c, 200, 'text'));
    const workAddress = optional('workAddress', (c) => N.text(c, 200, 'text'));
    const employer = optional('employer', (c) => N.text(c, 200, 'text'));
    const phones: ImportedRow['phones'] = [];
    for (const [f, kind] of [['mobile', 'home'], ['homePhone', 'home'], ['workPhone', 'work']] as const) {
      const p = optional(f, (c) => N.phone(c, kind));
      if (p && !phones.some((x) => x.number === p.number)) phones.push(p);
    }
    const contacts: ImportedRow['contacts'] = [];
    for (let k = 1; k <= 5; k++) {
      const nf = `contact${k}.name` as ImportField;
      const pf = `contact${k}.phone` as ImportField;
      const rf = `contact${k}.relation` as ImportField;
      const p = optional(pf, (c) => N.phone(c, 'home'));
      const cname = optional(nf, (c) => N.text(c, 64, 'name'));
      if (cname === null && p === null) continue;
      contacts.push({ name: cname ?? cellText(cell(rf)) ?? '', relation: N.relation(cell(rf)), phone: p?.number ?? null });
    }

    if (problems.length === 0 && accountNo !== null && creditor !== null) {
      const key = `${creditor}\u0000${accountNo}`;
      const first = this.seen.get(key);
      if (first !== undefined) problems.push({ row: rowNo, column: column('accountNo'), code: 'duplicateInFile', reason: `same creditor and account number as row ${first}` });
      else this.seen.set(key, rowNo);
    }
    if (problems.length > 0) {
      this.rejected.push(...problems);
      return null;
    }
    const bal = balance ?? overdue ?? 0;
    this.good++;
    return {
      row: rowNo,
      creditor: creditor ?? '',
      product: product ?? 'credit_card',
      accountNo: accountNo ?? '',
      name: name ?? '',
      idNumber,
      homeAddress: homeAddress || null,
      workAddress: workAddress || null,
      employer: employer || null,
      principalFen: principal ?? bal,
      balanceFen: bal,
      overdueFen: overdue ?? bal,
      minDueFen: minDue ?? 0,
      overdueSince: overdueSince ?? this.opts.asOf,
      lastPaymentDate,
      lastPaymentFen,
      entrustDate,
      expiryDate,
      ...(timeZone === null ? {} : { timeZone }), // only a file with the column says anything
      phones,
      contacts: contacts.map((c) => ({ ...c, name: c.name || '—' })),
    };
  }
}
