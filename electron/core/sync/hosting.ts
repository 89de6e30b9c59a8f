/** A lead's desk hosting the team hub in-process (the hosts inject the capability; the core never imports the hub). */
import path from 'node:path';
import type { SyncStatus } from '../../../shared/contract';
import { DeskFailure } from '../errors';
import type { DeskRuntime } from '../runtime';
import { emitStatus, syncState, syncStatus } from './connection';
import { hubLogin } from './login';
import { pendingOutboxCount } from './outbox';

const DEFAULT_PORT = 7420;

export async function hostHub(rt: DeskRuntime, input: { enabled: boolean; port?: number | undefined; password?: string | undefined }): Promise<SyncStatus> {
  const agent = rt.core.ctx.session.agent;
  if (!agent) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
  if (!input.enabled) {
    const h = rt.hosting;
    if (h) {
      if (rt.core.hub && syncState(rt).hub_url?.startsWith(`http://127.0.0.1:${h.port}`) && pendingOutboxCount(rt.core.ctx) > 0) {
        throw new DeskFailure('VALIDATION', 'This desk still has work for its hub.', { rule: 'sync.pendingWork', params: { pending: pendingOutboxCount(rt.core.ctx) } });
      }
      rt.hosting = null;
      await h.close();
      emitStatus(rt);
    }
    return syncStatus(rt);
  }
  const start = rt.opts.hostHub;
  if (!start) throw new DeskFailure('VALIDATION', 'This desk cannot host the team hub.', { rule: 'hub.hostUnavailable' });
  let hosting = rt.hosting;
  if (!hosting) {
    const port = input.port ?? DEFAULT_PORT;
    try {
      hosting = await start({
        dataDir: path.join(rt.dataDir, 'team-hub'),
        port,
        ...(input.password ? { admin: { username: agent.username, password: input.password, displayName: agent.displayName, agentNo: agent.agentNo } } : {}),
      });
    } catch (err) {
      rt.log('error', 'hosting the team hub failed', { err: String(err) });
      throw new DeskFailure('VALIDATION', 'The team hub could not start (is the port in use?).', { field: 'port', rule: 'hub.startFailed', params: { port } });
    }
    rt.hosting = hosting;
    rt.log('info', 'hosting the team hub', { port: hosting.port, urls: hosting.urls });
  }
  // The lead's own desk uses its own hub.
  if (input.password) {
    await hubLogin(rt, `http://127.0.0.1:${hosting.port}`, agent.username, input.password, false);
    await rt.engine?.run();
  }
  emitStatus(rt);
  return syncStatus(rt);
}
