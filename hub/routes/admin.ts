/**
 * Team administration over HTTP, for leads (their own team) and admins (any team, `teamId`):
 *
 *   POST /v1/admin/cases                 bulk upsert of a team's rows (CaseUpsert) -> {cases, debtors}
 *   GET  /v1/admin/reference[?teamId=]   the team's outcome codes, scripts, settings, targets
 *   PUT  /v1/admin/reference[?teamId=]   change them (ReferenceUpdate) -> {changed}; desks get it on their next pull
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CaseUpsert, upsertCases } from '../admin';
import { appendAdminAudit } from '../admin-audit';
import { HubFailure } from '../errors';
import { ReferenceDataError, ReferenceUpdate, readReference, writeReference } from '../reference';
import { teamOf } from '../teams';
import { HubIdText, parse } from './parse';

/** Bulk imports are far larger than a sync request. */
export const ADMIN_BODY_BYTES = 64 * 1024 * 1024;

const TeamQuery = z.object({ teamId: HubIdText.optional() });

export const adminRoutes: FastifyPluginAsync = async (app) => {
  app.post('/cases', { config: { access: 'lead' }, bodyLimit: ADMIN_BODY_BYTES }, async (req) => {
    const body = parse(CaseUpsert, req.body);
    const team = await app.store.read((q) => teamOf(q, req.session, body.teamId));
    const now = app.clock();
    const r = await app.store.write(async (q) => {
      const done = await upsertCases(q, team, body, now);
      await appendAdminAudit(q, { actor: `user:${req.session.userId}`, action: 'cases.upsert', teamId: team, detail: { ...done, batches: body.batches.length, payments: body.payments.length } }, now);
      return done;
    });
    req.log.info({ userId: req.session.userId, teamId: team, cases: r.cases }, 'admin upsert');
    return r;
  });

  app.get('/reference', { config: { access: 'lead' } }, async (req) => {
    const { teamId } = parse(TeamQuery, req.query);
    const team = await app.store.read((q) => teamOf(q, req.session, teamId));
    return app.store.read((q) => readReference(q, team));
  });

  app.put('/reference', { config: { access: 'lead' }, bodyLimit: ADMIN_BODY_BYTES }, async (req) => {
    const { teamId } = parse(TeamQuery, req.query);
    const team = await app.store.read((q) => teamOf(q, req.session, teamId));
    const doc = parse(ReferenceUpdate, req.body);
    let changed;
    try {
      const now = app.clock();
      changed = await app.store.write(async (q) => {
        const counts = await writeReference(q, team, doc, now);
        await appendAdminAudit(q, { actor: `user:${req.session.userId}`, action: 'reference.update', teamId: team, detail: counts }, now);
        return counts;
      });
    } catch (err) {
      if (err instanceof ReferenceDataError) throw new HubFailure('BAD_REQUEST', `Invalid request: ${err.message}`, { field: err.path });
      throw err;
    }
    req.log.info({ userId: req.session.userId, teamId: team, changed }, 'reference data changed');
    return { changed };
  });
};
