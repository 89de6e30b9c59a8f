import fs from 'node:fs';
import path from 'node:path';
import { createAgent } from '../../../electron/core/auth/auth';
import { UPLOAD_PIECE_BYTES } from '../../../shared/contract/importer';
import type { TestDesk } from '../../fixtures/desk';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** Log the test desk in as a lead (import is a lead's route). */
export async function asLead(t: TestDesk): Promise<void> {
  const ctx = t.desk.ctx;
  if (!ctx.prep('SELECT 1 FROM agents WHERE username = ?').get('boss')) {
    ctx.db.transaction(() => createAgent(ctx, { username: 'boss', password: 'secret3', displayName: '组长', agentNo: 'L0001', role: 'lead' }))();
  }
  await t.call('auth.login', { username: 'boss', password: 'secret3' });
}

/** Upload a file the way the renderer does: base64 pieces of UPLOAD_PIECE_BYTES. */
export async function upload(t: TestDesk, bytes: Buffer, fileName: string, piece = UPLOAD_PIECE_BYTES): Promise<string> {
  let uploadId: string | null = null;
  let offset = 0;
  do {
    const part = bytes.subarray(offset, offset + piece);
    const r: { uploadId: string; bytes: number } = await t.call('importer.upload', { uploadId, fileName, offset, data: part.toString('base64') });
    uploadId = r.uploadId;
    offset += part.length;
    if (r.bytes !== offset) throw new Error(`upload at ${offset}, desk has ${r.bytes}`);
  } while (offset < bytes.length);
  if (uploadId === null) throw new Error('nothing uploaded');
  return uploadId;
}

export const uploadFixture = (t: TestDesk, name: string): Promise<string> => upload(t, fs.readFileSync(fixture(name)), name);

/** The rejections every version of the messy CSV fixture must give (row, column, code). */
export const MESSY_REJECTED = [
  [5, '身份证号', 'idCheckDigit'],
  [6, '委案金额', 'badAmount'],
  [7, '逾期金额', 'wrongType'],
  [8, '手机号码', 'badPhone'],
  [9, '客户姓名', 'required'],
  [10, '卡号', 'duplicateInFile'],
  [11, '最后还款日期', 'badDate'],
  [12, '产品', 'unknownProduct'],
  [13, '逾期天数', 'badInteger'],
] as const;
/** Accepted rows 2, 3, 4, 15, 17 (new) and 14 (the case 6222020000000099 existed): their overdue amounts in fen. */
export const MESSY_OVERDUE_FEN = 200_000 + 300_000 + 500_050 + 250_000 + 80_000 + 600_000;
