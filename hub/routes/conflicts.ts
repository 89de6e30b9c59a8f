/**
 * Sync conflicts, for the team's leads (and admins):
 *
 *   GET  /v1/conflicts                   the team's unresolved conflicts -> {conflicts}
 *   POST /v1/conflicts/:id/resolve       {resolution, decision?: accept|discard} -> {conflict} (404 not in the caller's team;
 *                                        409 RULE_VIOLATION when accepted late work breaks a rule now, params.rule)
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ConflictDecision } from '../../shared/domain/late-work';
import { openConflicts, resolveConflict } from '../conflicts';
import { HubIdText, parse } from './parse';

const ConflictParams = z.object({ id: HubIdText });
const Resolution = z.object({ resolution: z.string().trim().min(1).max(1000), decision: ConflictDecision.optional() });

export const conflictRoutes: FastifyPluginAsync = async (app) => {
  // '' (not '/'): the route is /v1/conflicts exactly, without a trailing-slash twin.
  app.get('', { config: { access: 'lead' } }, async (req) => ({
    conflicts: await app.store.read((q) => openConflicts(q, req.session.teamId)),
  }));

  app.post('/:id/resolve', { config: { access: 'lead' } }, async (req) => {
    const { id } = parse(ConflictParams, req.params);
    const { resolution, decision } = parse(Resolution, req.body);
    return { conflict: await app.store.write((q) => resolveConflict(q, req.session, id, resolution, decision, app.clock())) };
  });
};
