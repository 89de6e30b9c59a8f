/**
 * Distribution (分案), for the team's leads (their own team) and admins (`teamId`):
 *
 *   GET  /v1/distribution/options[?teamId=]   agents (active load, buckets) and batches -> DistOptions
 *   POST /v1/distribution/preview             {operation, teamId?} -> DistPreview (nothing changes)
 *   POST /v1/distribution/apply               {operation, token, teamId?} -> {moved, preview}; one transaction,
 *                                             logged in admin_actions; 409 RULE_VIOLATION params.rule
 *                                             distribution.planChanged when the plan is not the previewed one
 *   POST /v1/distribution/skills              {agentBuckets, teamId?} -> {agentBuckets}: the team setting
 *
 * Desks gain and lose the cases by their feed (a moved case sends its old holder a del).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DistOperation } from '../../shared/contract/distribution';
import { AgentBucketsSetting } from '../../shared/domain/settings';
import { applyOn, optionsOn, planOn, setAgentBucketsOn } from '../distribution';
import { teamOf } from '../teams';
import { HubIdText, parse } from './parse';

const TeamQuery = z.object({ teamId: HubIdText.optional() });
const PreviewBody = z.object({ operation: DistOperation, teamId: HubIdText.optional() }).strict();
const ApplyBody = z.object({ operation: DistOperation, token: z.string().min(1).max(64), teamId: HubIdText.optional() }).strict();
const SkillsBody = z.object({ agentBuckets: AgentBucketsSetting, teamId: HubIdText.optional() }).strict();

export const distributionRoutes: FastifyPluginAsync = async (app) => {
  app.get('/options', { config: { access: 'lead' } }, async (req) => {
    const { teamId } = parse(TeamQuery, req.query);
    const team = await app.store.read((q) => teamOf(q, req.session, teamId));
    const o = await app.store.read((q) => optionsOn(q, team));
    return {
      agents: o.members
        .filter((m) => !m.disabled && m.role !== 'admin')
        .map((m) => ({ id: String(m.id), displayName: m.display_name, agentNo: m.agent_no, role: m.role, ...(o.totals.get(String(m.id)) ?? { cases: 0, amountFen: 0 }), buckets: o.buckets[String(m.id)] ?? [] })),
    };
  });

  app.post('/preview', { config: { access: 'lead' } }, async (req) => {
    const body = parse(PreviewBody, req.body);
    const team = await app.store.read((q) => teamOf(q, req.session, body.teamId));
    return (await app.store.read((q) => planOn(q, team, body.operation, app.clock()))).preview;
  });

  app.post('/apply', { config: { access: 'lead' } }, async (req) => {
    const body = parse(ApplyBody, req.body);
    const team = await app.store.read((q) => teamOf(q, req.session, body.teamId));
    const r = await app.store.write((q) => applyOn(q, req.session, team, body.operation, body.token, app.clock()));
    req.log.info({ userId: req.session.userId, teamId: team, op: body.operation.op, moved: r.moved }, 'distribution applied');
    return r;
  });

  app.post('/skills', { config: { access: 'lead' } }, async (req) => {
    const body = parse(SkillsBody, req.body);
    const team = await app.store.read((q) => teamOf(q, req.session, body.teamId));
    return { agentBuckets: await app.store.write((q) => setAgentBucketsOn(q, req.session, team, body.agentBuckets, app.clock())) };
  });
};
