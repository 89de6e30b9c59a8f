/**
 * A lead's own team, from the lead's desk (issue 9 #20, #23):
 *
 *   GET  /v1/team/desks                  -> {team, desks: [{userId, username, displayName, agentNo, role, disabled,
 *                                            online, lastSyncAt, lastPushAt, pending}]}
 *   POST /v1/team/agents                 {username, password, displayName, agentNo} -> {userId}: a new agent in the lead's team
 *   POST /v1/team/agents/:userId/disabled {disabled} -> {userId, disabled}: an agent of the lead's team (never a lead)
 *
 * online: an event stream is open to this hub process, or the desk pulled within SEEN_ONLINE_MS.
 * pending: the work the desk had queued at its last pull that the hub has not processed (null: not known yet).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { addUser, NewUser, setDisabled } from '../admin';
import { HubFailure } from '../errors';
import { SEEN_ONLINE_MS } from '../presence';
import { HubIdText, parse } from './parse';

const NewAgent = NewUser.pick({ username: true, password: true, displayName: true, agentNo: true });
const AgentParams = z.object({ userId: HubIdText });
const Disabled = z.object({ disabled: z.boolean() });

interface UserRow { id: number | string; username: string; display_name: string; agent_no: string; role: string; disabled: number | string }

export const teamRoutes: FastifyPluginAsync = async (app) => {
  app.post('/agents', { config: { access: 'lead' } }, async (req) => {
    const a = parse(NewAgent, req.body);
    const team = await app.store.read((q) => q.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [req.session.teamId ?? -1]));
    if (!team) throw new HubFailure('FORBIDDEN', 'This account has no team to add agents to.');
    const userId = await addUser(app.store, { ...a, role: 'agent', team: team.name }, app.clock(), `user:${req.session.userId}`);
    req.log.info({ userId: req.session.userId, added: userId }, 'lead added an agent');
    return { userId: String(userId) };
  });

  app.post('/agents/:userId/disabled', { config: { access: 'lead' } }, async (req) => {
    const { userId } = parse(AgentParams, req.params);
    const { disabled } = parse(Disabled, req.body);
    const u = await app.store.read((q) => q.get<{ username: string; role: string; team_id: number | string | null }>('SELECT username, role, team_id FROM users WHERE id = ?', [Number(userId)]));
    // another team's user is not found, as with conflicts; a lead is managed by IT, not by another lead
    if (!u || u.team_id === null || Number(u.team_id) !== req.session.teamId) throw new HubFailure('NOT_FOUND', `No agent ${userId} in your team.`);
    if (u.role !== 'agent') throw new HubFailure('FORBIDDEN', 'Only agents can be disabled from a lead desk.');
    await setDisabled(app.store, u.username, disabled, app.clock(), `user:${req.session.userId}`);
    req.log.info({ userId: req.session.userId, target: Number(userId), disabled }, 'lead set an agent disabled');
    return { userId, disabled };
  });

  app.get('/desks', { config: { access: 'lead' } }, async (req) => {
    const teamId = req.session.teamId ?? -1;
    const now = app.clock().getTime();
    return app.store.read(async (q) => {
      const team = await q.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [teamId]);
      const users = await q.all<UserRow>('SELECT id, username, display_name, agent_no, role, disabled FROM users WHERE team_id = ? ORDER BY role DESC, agent_no', [teamId]);
      const desks = [];
      for (const u of users) {
        const userId = Number(u.id);
        const seen = app.presence.of(userId);
        const dev = seen ? await q.get<{ last_mutation_id: number | string; last_push_at: string | null }>('SELECT last_mutation_id, last_push_at FROM devices WHERE device_id = ?', [seen.deviceId]) : undefined;
        const lastPush = await q.get<{ at: string | null }>('SELECT max(last_push_at) AS at FROM devices WHERE user_id = ?', [userId]);
        const disabled = Number(u.disabled) === 1;
        desks.push({
          userId: String(userId),
          username: u.username,
          displayName: u.display_name,
          agentNo: u.agent_no,
          role: u.role,
          disabled,
          online: !disabled && (app.pokes.listening(userId) || (seen !== null && now - Date.parse(seen.at) <= SEEN_ONLINE_MS)),
          lastSyncAt: seen?.at ?? null,
          lastPushAt: lastPush?.at ?? null,
          pending: seen?.queuedThrough == null ? null : Math.max(0, seen.queuedThrough - Number(dev?.last_mutation_id ?? 0)),
        });
      }
      return { team: team?.name ?? null, desks };
    });
  });
};
