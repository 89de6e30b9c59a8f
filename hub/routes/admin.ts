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
    const r = await app.store.write((q) => upsertCases(q, team, body, app.clock()));
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
      changed = await app.store.write((q) => writeReference(q, team, doc, app.clock()));
    } catch (err) {
      if (err instanceof ReferenceDataError) throw new HubFailure('BAD_REQUEST', `Invalid request: ${err.message}`, { field: err.path });
      throw err;
    }
    req.log.info({ userId: req.session.userId, teamId: team, changed }, 'reference data changed');
    return { changed };
  });
};
