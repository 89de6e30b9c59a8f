/**
 * The team's desks, for its leads (#23):
 *
 *   GET  /v1/team/desks                  -> {team, desks: [{userId, username, displayName, agentNo, role, disabled,
 *                                            online, lastSyncAt, lastPushAt, pending}]}
 *
 * online: an event stream is open to this hub process, or the desk pulled within SEEN_ONLINE_MS.
 * pending: the work the desk had queued at its last pull that the hub has not processed (null: not known yet).
 */
import type { FastifyPluginAsync } from 'fastify';
import { SEEN_ONLINE_MS } from '../presence';

interface UserRow { id: number | string; username: string; display_name: string; agent_no: string; role: string; disabled: number | string }

export const teamDeskRoutes: FastifyPluginAsync = async (app) => {
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
