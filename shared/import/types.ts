/** The wire and report shapes of a batch import (委案批次): the desk's preview/report and the hub's input. */
import { z } from 'zod';
import { TimeZone } from '../domain/settings';
import { isValidChineseId } from '../domain/idcard';
import { LocalDate, PhoneKind, Product, Relation } from '../domain/enums';
import { isValidLocalDate } from '../domain/dates';
import { isValidCnPhone, normalizePhone } from '../domain/phone';

/** Why one row was left out; the rest of the file imports. */
export const RejectCode = z.enum([
  'required', // a required cell is blank
  'badAmount', // not a money amount (negative, more than 2 decimals, text)
  'badDate', // not a date in any form we read
  'wrongType', // a cell whose type makes no sense for its column (a date in an amount column)
  'badPhone', // not a mainland mobile or landline
  'badIdNumber', // not an 18-character ID number (region, birth date)
  'idCheckDigit', // an 18-character ID number whose check digit is wrong
  'storedAsNumber', // an ID/account stored as a number: a spreadsheet keeps 15 digits, so digits were lost
  'badInteger', // overdue days that are not a whole number 0..36500
  'unknownProduct', // a product we cannot map
  'tooLong', // text longer than its column allows
  'duplicateInFile', // the same creditor + account number as an earlier row of this file
  'badTimeZone', // not a time zone Intl knows (an IANA name such as Asia/Urumqi)
  'badCharacters', // a cell holds U+FFFD: a character was lost decoding the file (never import a mangled name)
]);
export type RejectCode = z.infer<typeof RejectCode>;

/** A rejected row: `row` as the spreadsheet shows it (header = 1), `column` the file's own header text. */
export const Rejection = z.object({
  row: z.number().int().min(1),
  column: z.string(),
  code: RejectCode,
  reason: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

/** Why a whole file was refused; nothing is written. */
export const RefuseCode = z.enum(['notSpreadsheet', 'legacyXls', 'empty', 'missingColumn', 'noCreditor', 'tooLarge', 'encoding']);
export type RefuseCode = z.infer<typeof RefuseCode>;

const Phone = z.string().max(32).refine((s) => isValidCnPhone(s) && normalizePhone(s) === s, 'not a normalised mainland phone number');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = LocalDate.refine(isValidLocalDate, 'not a calendar date');
const FenAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * One normalised row, as the desk sends it to the hub. The hub parses it with this schema, so the
 * same checks (ID check digit, phone form, calendar dates, fen) run on both sides.
 */
export const ImportedRow = z.object({
  row: z.number().int().min(2),
  creditor: Text(64),
  product: Product,
  accountNo: Text(64),
  name: Text(64),
  idNumber: z.string().refine(isValidChineseId, 'ID number check failed').nullable(),
  homeAddress: Text(200).nullable(),
  workAddress: Text(200).nullable(),
  employer: Text(200).nullable(),
  principalFen: FenAmount,
  balanceFen: FenAmount,
  overdueFen: FenAmount,
  minDueFen: FenAmount,
  overdueSince: Day,
  lastPaymentDate: Day.nullable(),
  lastPaymentFen: FenAmount.nullable(),
  entrustDate: Day.nullable(),
  expiryDate: Day.nullable(),
  /** The debtor's own IANA zone (absent or null: the team's). */
  timeZone: TimeZone.nullable().optional(),
  phones: z.array(z.object({ kind: PhoneKind, number: Phone })).max(8),
  contacts: z.array(z.object({ name: Text(64), relation: Relation, phone: Phone.nullable() })).max(10),
});
export type ImportedRow = z.infer<typeof ImportedRow>;

/** The outcome of an applied (or dry-run) batch. */
export const ImportReport = z.object({
  batchNo: z.string().nullable(),
  accepted: z.number().int(),
  updated: z.number().int(),
  /** Account numbers of the cases that existed and were updated (the report says which). */
  updatedAccounts: z.array(z.object({ row: z.number().int(), accountNo: z.string() })),
  rejected: z.array(Rejection),
  totals: z.object({ cases: z.number().int(), overdue_fen: z.number().int() }),
  dryRun: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Most rows one team-mode batch carries to the hub (one request, one hub transaction). */
export const HUB_IMPORT_MAX_ROWS = 100_000;

/** The normalised batch a lead's desk sends to the hub (POST /v1/import); the hub re-checks every row. */
export const HubImportRequest = z.object({
  fileName: z.string().trim().min(1).max(255),
  dryRun: z.boolean().default(false),
  rows: z.array(z.unknown()).max(HUB_IMPORT_MAX_ROWS),
  /** The desk's rejections (the hub adds its own and answers the whole report). */
  rejected: z.array(Rejection).max(1_000_000).default([]),
});
export type HubImportRequest = z.input<typeof HubImportRequest>;

/** A refused file: the reason, nothing written. */
export const ImportRefusal = z.object({ code: RefuseCode, message: z.string(), columns: z.array(z.string()).optional() });
export type ImportRefusal = z.infer<typeof ImportRefusal>;
