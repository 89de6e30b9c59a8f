import { HubClient, HubRequestError } from '../sync/hub-client';
import type { importerRoutes } from '../../../shared/contract/importer';
import { ImportReport } from '../../../shared/import';
import { appendAudit } from '../audit/audit';
import { DeskFailure } from '../errors';
import type { DeskRuntime, Handlers } from '../runtime';
import { syncState } from '../sync/connection';
import { exportReport } from './export';
import { readPreset, savePreset } from './presets';
import { importLocal, importViaHub, type ImportOutcome } from './run';
import { appendPiece, saveReport, uploadMeta } from './uploads';
import { previewUpload } from './preview';

/** A team import may carry 100,000 rows: give the hub time to apply them. */
const HUB_IMPORT_TIMEOUT_MS = 10 * 60_000;

export const importerHandlers = (rt: DeskRuntime): Handlers<keyof typeof importerRoutes> => ({
  'importer.upload': (i) => appendPiece(rt.dataDir, i, rt.clock().getTime()),
  'importer.preset': (i) => ({ mapping: readPreset(rt.core.ctx, i.creditor) }),
  'importer.preview': (i) => previewUpload(rt, i),
  'importer.apply': async (i) => {
    const ctx = rt.core.ctx;
    const { fileName, paths } = uploadMeta(rt.dataDir, i.uploadId);
    const mapping = i.mapping ?? (i.creditor ? (readPreset(ctx, i.creditor) ?? undefined) : undefined);
    const job = {
      file: paths.file, stagedFile: paths.staged, fileName, creditor: i.creditor, mapping, dryRun: i.dryRun, today: rt.core.today(),
      onProgress: (phase: 'reading' | 'writing' | 'sending', p: { bytesRead: number; totalBytes: number; rowsRead: number }) =>
        ctx.emit('importer.progress', { uploadId: i.uploadId, phase, ...p }),
    };
    let out: ImportOutcome;
    if (rt.core.hub) {
      const st = syncState(rt);
      if (!st.hub_url || !st.token) throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
      try {
        out = await importViaHub({ client: new HubClient({ baseUrl: st.hub_url, fetch: rt.fetch, timeoutMs: HUB_IMPORT_TIMEOUT_MS }), token: st.token }, job);
      } catch (err) {
        if (!(err instanceof HubRequestError)) throw err;
        if (err.kind === 'unauthenticated') throw new DeskFailure('VALIDATION', 'Log in to the hub again.', { rule: 'sync.needsLogin' });
        if (err.kind === 'offline') throw new DeskFailure('HUB_UNREACHABLE', 'The hub cannot be reached; the batch was not imported. Try again when the desk is online.');
        throw new DeskFailure('VALIDATION', `The hub refused the batch: ${err.message}`);
      }
      if (out.report && !i.dryRun) {
        ctx.db.transaction(() => appendAudit(ctx, { action: 'import.sent', entity: 'batch', detail: { fileName, batchNo: out.report?.batchNo ?? null, accepted: out.report?.accepted ?? 0, updated: out.report?.updated ?? 0 } }))();
        rt.engine?.poke(); // the new cases come to this desk by pull
      }
    } else {
      out = await importLocal(ctx, job);
      if (out.report && !i.dryRun) ctx.emit('queue.changed', { reason: 'import.apply' });
    }
    if (out.report) saveReport(rt.dataDir, i.uploadId, out.report);
    if (out.report && !i.dryRun && i.savePreset && i.creditor && i.mapping) {
      const { creditor, mapping } = i;
      ctx.db.transaction(() => savePreset(ctx, creditor, mapping))();
    }
    return { ...out, team: rt.core.hub };
  },
  'importer.export': async (i) => {
    const { fileName, report } = uploadMeta(rt.dataDir, i.uploadId);
    const r = ImportReport.safeParse(report);
    if (!r.success) throw new DeskFailure('NOT_FOUND', 'This upload has no report yet: apply it first.');
    return exportReport(r.data, i.format, i.locale, fileName);
  },
});
