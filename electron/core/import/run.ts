/**
 * One import, from a file on disk to a report: check and stage (shared/import), then apply here
 * in one transaction, or in team mode send the normalised batch to the hub, which applies it in
 * one transaction and answers with its report. A refused file writes nothing.
 */
import fs from 'node:fs';
import { HUB_IMPORT_MAX_ROWS, ImportRefused, type ColumnMapping, type ImportedRow, type ImportRefusal, type ImportReport } from '../../../shared/import';
import type { Ctx } from '../context';
import type { HubClient } from '../sync/hub-client';
import { applyStaged } from './apply';
import { stagedRows, stageFile, type StageProgress } from './stage';

export interface ImportJob {
  file: string;
  /** Where the staged rows go (deleted after). */
  stagedFile: string;
  fileName: string;
  creditor?: string | undefined;
  mapping?: ColumnMapping | undefined;
  dryRun: boolean;
  today: string;
  onProgress?: (phase: 'reading' | 'writing' | 'sending', p: StageProgress) => void;
}

export type ImportOutcome = { report: ImportReport; refused: null } | { report: null; refused: ImportRefusal };

const refusal = (e: ImportRefused): { report: null; refused: ImportRefusal } => ({
  report: null,
  refused: { code: e.code, message: e.message, ...(e.detail.columns ? { columns: e.detail.columns } : {}) },
});

async function stage(job: ImportJob) {
  return stageFile(job.file, job.stagedFile, { asOf: job.today, creditor: job.creditor, mapping: job.mapping }, (p) => job.onProgress?.('reading', p));
}

/** Local mode: check, then write in one desk transaction. */
export async function importLocal(ctx: Ctx, job: ImportJob): Promise<ImportOutcome> {
  let staged;
  try {
    staged = await stage(job);
  } catch (e) {
    if (e instanceof ImportRefused) return refusal(e);
    throw e;
  }
  try {
    job.onProgress?.('writing', { bytesRead: 0, totalBytes: 0, rowsRead: staged.good });
    const applied = applyStaged(ctx, staged.stagedFile, { fileName: job.fileName, today: job.today, dryRun: job.dryRun, rejected: staged.rejected.length });
    return { report: { ...applied, rejected: staged.rejected, dryRun: job.dryRun }, refused: null };
  } finally {
    fs.rmSync(staged.stagedFile, { force: true });
  }
}

/** Team mode: check here, the hub applies (and checks every row again). */
export async function importViaHub(hub: { client: HubClient; token: string }, job: ImportJob): Promise<ImportOutcome> {
  let staged;
  try {
    staged = await stage(job);
  } catch (e) {
    if (e instanceof ImportRefused) return refusal(e);
    throw e;
  }
  try {
    if (staged.good > HUB_IMPORT_MAX_ROWS) {
      return refusal(new ImportRefused('tooLarge', `A team import takes at most ${HUB_IMPORT_MAX_ROWS} rows at once; this file has ${staged.good}. Split it.`));
    }
    const rows: ImportedRow[] = [...stagedRows(staged.stagedFile)];
    job.onProgress?.('sending', { bytesRead: 0, totalBytes: 0, rowsRead: rows.length });
    const report = await hub.client.importBatch({ fileName: job.fileName, dryRun: job.dryRun, rows, rejected: staged.rejected }, hub.token);
    return { report, refused: null };
  } finally {
    fs.rmSync(staged.stagedFile, { force: true });
  }
}
