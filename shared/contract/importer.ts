/**
 * Batch import (委案批次) on a lead's desk: upload a file in pieces (the hosts cap a request at
 * 1 MB), preview it with the column mapping, apply it (locally, or through the team hub), and
 * export the report. Parsing and normalising are shared/import, the same code the hub runs.
 */
import { z } from 'zod';
import { ColumnMapping, ImportField } from '../import/fields';
import { ImportedRow, ImportRefusal, ImportReport, Rejection } from '../import/types';
import { route } from './route';

/** base64 of at most 512 KiB of file per upload call. */
export const UPLOAD_PIECE_BYTES = 512 * 1024;
export const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'an upload id');

export const ImportPreview = z.object({
  fileName: z.string(),
  kind: z.enum(['csv', 'xlsx']).nullable(),
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
  headers: z.array(z.string()),
  fields: z.array(ImportField.nullable()),
  unmapped: z.array(z.string()),
  /** The creditor's saved mapping was used (no mapping was given). */
  presetUsed: z.boolean(),
  /** The first rows that passed, as they will be stored. */
  sample: z.array(ImportedRow),
  rowsChecked: z.number().int(),
  rejected: z.array(Rejection),
  refused: ImportRefusal.nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const Target = {
  uploadId: UploadId,
  /** The creditor of rows without a 委托方 column, and the key of the saved mapping. */
  creditor: z.string().trim().max(64).optional(),
  mapping: ColumnMapping.optional(),
};

export const importerRoutes = {
  'importer.upload': route({
    access: 'lead',
    input: z.object({
      uploadId: UploadId.nullable(),
      fileName: z.string().trim().min(1).max(255),
      offset: z.number().int().min(0),
      data: z.string().max(Math.ceil(UPLOAD_PIECE_BYTES / 3) * 4),
    }),
    output: z.object({ uploadId: UploadId, bytes: z.number().int() }),
  }),
  'importer.preview': route({ access: 'lead', input: z.object(Target), output: ImportPreview }),
  'importer.apply': route({
    access: 'lead',
    input: z.object({ ...Target, dryRun: z.boolean().default(false), savePreset: z.boolean().default(false) }),
    output: z.object({ report: ImportReport.nullable(), refused: ImportRefusal.nullable(), team: z.boolean() }),
  }),
  'importer.preset': route({ access: 'lead', input: z.object({ creditor: z.string().trim().min(1).max(64) }), output: z.object({ mapping: ColumnMapping.nullable() }) }),
  'importer.export': route({
    access: 'lead',
    input: z.object({ uploadId: UploadId, format: z.enum(['xlsx', 'csv']), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  }),
};
