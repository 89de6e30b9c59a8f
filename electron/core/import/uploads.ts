/**
 * Files the renderer uploads in pieces, kept under <dataDir>/imports/<uploadId>/ with the staged
 * rows and the last report (for export). Old uploads are removed when a new one starts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../../../shared/import';
import { DeskFailure } from '../errors';

const KEEP_MS = 24 * 3_600_000;

export interface UploadPaths {
  dir: string;
  file: string;
  staged: string;
  meta: string;
}

export const uploadPaths = (dataDir: string, uploadId: string): UploadPaths => {
  const dir = path.join(dataDir, 'imports', uploadId);
  return { dir, file: path.join(dir, 'file'), staged: path.join(dir, 'rows.ndjson'), meta: path.join(dir, 'meta.json') };
};

interface Meta {
  fileName: string;
  report?: ImportReport;
}

function readMeta(p: UploadPaths): Meta {
  try {
    const m = JSON.parse(fs.readFileSync(p.meta, 'utf8')) as { fileName?: unknown; report?: ImportReport };
    return { fileName: typeof m.fileName === 'string' ? m.fileName : 'import', ...(m.report ? { report: m.report } : {}) };
  } catch {
    throw new DeskFailure('NOT_FOUND', 'No such upload: upload the file again.');
  }
}

export function uploadMeta(dataDir: string, uploadId: string): Meta & { paths: UploadPaths } {
  const paths = uploadPaths(dataDir, uploadId);
  return { ...readMeta(paths), paths };
}

export function saveReport(dataDir: string, uploadId: string, report: ImportReport): void {
  const paths = uploadPaths(dataDir, uploadId);
  fs.writeFileSync(paths.meta, JSON.stringify({ ...readMeta(paths), report }));
}

function sweep(dataDir: string, now: number): void {
  const root = path.join(dataDir, 'imports');
  if (!fs.existsSync(root)) return;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    try {
      if (now - fs.statSync(dir).mtimeMs > KEEP_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another sweep got there first
    }
  }
}

/** Append one piece at `offset` (the bytes so far); the first piece (uploadId null) starts a new upload. */
export function appendPiece(dataDir: string, i: { uploadId: string | null; fileName: string; offset: number; data: string }, now: number): { uploadId: string; bytes: number } {
  let uploadId = i.uploadId;
  if (uploadId === null) {
    if (i.offset !== 0) throw new DeskFailure('VALIDATION', 'A new upload starts at offset 0.', { field: 'offset' });
    sweep(dataDir, now);
    uploadId = randomBytes(16).toString('hex');
    const p = uploadPaths(dataDir, uploadId);
    fs.mkdirSync(p.dir, { recursive: true });
    fs.writeFileSync(p.file, '');
    fs.writeFileSync(p.meta, JSON.stringify({ fileName: path.basename(i.fileName) }));
  }
  const p = uploadPaths(dataDir, uploadId);
  if (!fs.existsSync(p.file)) throw new DeskFailure('NOT_FOUND', 'No such upload: upload the file again.');
  const size = fs.statSync(p.file).size;
  // a repeated piece (the renderer retried) is skipped; a gap is refused
  if (i.offset > size) throw new DeskFailure('VALIDATION', `Upload piece at ${i.offset} but ${size} bytes received.`, { field: 'offset' });
  const bytes = Buffer.from(i.data, 'base64');
  if (i.offset + bytes.length > size) fs.appendFileSync(p.file, bytes.subarray(size - i.offset));
  return { uploadId, bytes: fs.statSync(p.file).size };
}
