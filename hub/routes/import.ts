/**
 * A lead's batch import (委案批次), checked on their desk with shared/import and sent normalised:
 *
 *   POST /v1/import  HubImportRequest {fileName, dryRun, rows, rejected} -> ImportReport
 *
 * The hub parses every row again (hub/import/apply.ts), applies the batch in one transaction,
 * logs it (import_log) and answers its own report. New cases reach desks by sync.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HubImportRequest } from '../../shared/import/types';
import { importInStore } from '../import/apply';
import { teamOf } from '../teams';
import { parse } from './parse';

/** 100,000 normalised rows are about 60 MB of JSON. */
export const IMPORT_BODY_BYTES = 160 * 1024 * 1024;

export const importRoutes: FastifyPluginAsync = async (app) => {
  app.post('/import', { config: { access: 'lead' }, bodyLimit: IMPORT_BODY_BYTES }, async (req) => {
    const body = parse(HubImportRequest, req.body);
    const team = await app.store.read((q) => teamOf(q, req.session, undefined));
    const report = await importInStore((fn) => app.store.write(fn), team, { ...body, source: 'desk', userId: req.session.userId }, app.clock());
    req.log.info({ userId: req.session.userId, teamId: team, accepted: report.accepted, updated: report.updated, rejected: report.rejected.length, dryRun: report.dryRun }, 'batch import');
    return report;
  });
};
