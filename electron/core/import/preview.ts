/** The preview of an uploaded file: its columns and their fields, the first rows as they will be stored, and what is wrong. */
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { checkRows, ImportRefused, mapColumns, readHeader, type ColumnMapping, type ImportedRow } from '../../../shared/import';
import type { DeskRuntime } from '../runtime';
import { readPreset } from './presets';
import { openSource } from '../../../node-shared/import/read';
import { uploadMeta } from './uploads';

const PREVIEW_ROWS = 200;
const SAMPLE_ROWS = 10;

export async function previewUpload(rt: DeskRuntime, i: RouteParsed<'importer.preview'>): Promise<RouteOutput<'importer.preview'>> {
  const { fileName, paths } = uploadMeta(rt.dataDir, i.uploadId);
  const preset = i.mapping === undefined && i.creditor ? readPreset(rt.core.ctx, i.creditor) : null;
  const mapping = i.mapping ?? preset ?? undefined;
  const base = { fileName, kind: null, encoding: null, headers: [], fields: [], unmapped: [], presetUsed: preset !== null, sample: [], rowsChecked: 0, rejected: [] };
  let src;
  try {
    src = openSource(paths.file);
  } catch (e) {
    if (e instanceof ImportRefused) return { ...base, refused: { code: e.code, message: e.message } };
    throw e;
  }
  const kind = src.kind.kind;
  const encoding = src.kind.kind === 'csv' ? src.kind.encoding : null;
  const sample: ImportedRow[] = [];
  try {
    const r = await checkRows(src.rows(), { asOf: rt.core.today(), creditor: i.creditor, mapping }, { limit: PREVIEW_ROWS, onRow: (row) => void (sample.length < SAMPLE_ROWS && sample.push(row)) });
    return { ...base, kind, encoding, headers: r.header.headers, fields: r.header.fields, unmapped: r.header.unmapped, sample, rowsChecked: r.rows, rejected: r.rejected, refused: null };
  } catch (e) {
    if (!(e instanceof ImportRefused)) throw e;
    // a missing column still shows the columns, so the lead can map one by hand
    const headers = e.detail.headers ?? [];
    let fields: RouteOutput<'importer.preview'>['fields'] = [];
    let unmapped: string[] = [];
    if (headers.length > 0) {
      try {
        ({ fields, unmapped } = readHeader(headers, { creditor: i.creditor ?? 'x', mapping }));
      } catch (inner) {
        if (!(inner instanceof ImportRefused)) throw inner;
        ({ fields, unmapped } = headerOnly(headers, mapping));
      }
    }
    return { ...base, kind, encoding, headers, fields, unmapped, refused: { code: e.code, message: e.message, ...(e.detail.columns ? { columns: e.detail.columns } : {}) } };
  }
}

function headerOnly(headers: string[], mapping: ColumnMapping | undefined): { fields: RouteOutput<'importer.preview'>['fields']; unmapped: string[] } {
  const fields = mapColumns(headers, mapping);
  return { fields, unmapped: headers.filter((h, k) => h !== '' && fields[k] === null && !Object.hasOwn(mapping ?? {}, h)) };
}
