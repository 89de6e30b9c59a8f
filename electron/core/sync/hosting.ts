/**
 * A lead's desk hosting the team hub in-process (the hosts inject the capability; the core never
 * imports the hub). Offered only where it makes sense: a desk already connected to another hub
 * is refused (it would move the lead onto a new, empty team). The choice and its port are kept
 * in `<dataDir>/team-hub/hosting.json`, so after a restart the hub comes back by itself on the
 * same port and the lead's desk reconnects with its kept token (no password asked). Turning it
 * off takes the lead's desk back to local mode, never leaving it pointed at a closed port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SyncStatus } from '../../../shared/contract';
import { carrySession } from '../auth/auth';
import { DeskFailure } from '../errors';
import type { DeskRuntime } from '../runtime';
import { emitStatus, syncState, syncStatus } from './connection';
import { disconnect, hubLogin } from './login';
import { pendingOutboxCount } from './outbox';

const DEFAULT_PORT = 7420;

const HostingChoice = z.object({ enabled: z.boolean(), port: z.number().int().min(1024).max(65535) });
type HostingChoice = z.infer<typeof HostingChoice>;

const hubDir = (rt: Pick<DeskRuntime, 'dataDir'>): string => path.join(rt.dataDir, 'team-hub');
const choiceFile = (rt: Pick<DeskRuntime, 'dataDir'>): string => path.join(hubDir(rt), 'hosting.json');

/** The lead's last choice (null: never hosted, or the file is unreadable). */
export function hostingChoice(rt: Pick<DeskRuntime, 'dataDir' | 'log'>): HostingChoice | null {
  try {
    const r = HostingChoice.safeParse(JSON.parse(fs.readFileSync(choiceFile(rt), 'utf8')));
    return r.success ? r.data : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') rt.log('warn', 'hosting.json unreadable; the team hub is not started', { err: String(err) });
    return null;
  }
}

function keepChoice(rt: DeskRuntime, choice: HostingChoice): void {
  fs.mkdirSync(hubDir(rt), { recursive: true });
  const tmp = `${choiceFile(rt)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(choice));
  fs.renameSync(tmp, choiceFile(rt));
}

const ownUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** This desk syncs with the hub it hosts (or hosted, on this port). */
function onOwnHub(rt: DeskRuntime, port: number | null): boolean {
  return rt.core.hub && port !== null && syncState(rt).hub_url === ownUrl(port);
}

async function startHosted(rt: DeskRuntime, port: number, admin?: { username: string; password: string; displayName: string; agentNo: string }): Promise<void> {
  const start = rt.opts.hostHub;
  if (!start) throw new DeskFailure('VALIDATION', 'This desk cannot host the team hub.', { rule: 'hub.hostUnavailable' });
  try {
    rt.hosting = await start({ dataDir: hubDir(rt), port, ...(admin ? { admin } : {}) });
  } catch (err) {
    rt.log('error', 'hosting the team hub failed', { err: String(err) });
    throw new DeskFailure('VALIDATION', 'The team hub could not start (is the port in use?).', { field: 'port', rule: 'hub.startFailed', params: { port } });
  }
  rt.log('info', 'hosting the team hub', { port: rt.hosting.port, urls: rt.hosting.urls });
}

/** At the desk's start: the hub the lead left on comes back by itself, on the same port. */
export async function resumeHosting(rt: DeskRuntime): Promise<void> {
  const choice = hostingChoice(rt);
  if (!choice?.enabled || !rt.opts.hostHub || rt.hosting) return;
  try {
    await startHosted(rt, choice.port);
  } catch (err) {
    // the desk still opens; the lead sees hosting off and can start it again (the port may be taken)
    rt.log('error', 'the team hub did not come back after the restart', { err: String(err), port: choice.port });
  }
}

export async function hostHub(rt: DeskRuntime, input: { enabled: boolean; port?: number | undefined; password?: string | undefined }): Promise<SyncStatus> {
  const agent = rt.core.ctx.session.agent;
  if (!agent) throw new DeskFailure('UNAUTHENTICATED', 'Log in first.');
  if (!input.enabled) {
    const h = rt.hosting;
    const port = h?.port ?? hostingChoice(rt)?.port ?? null;
    const own = onOwnHub(rt, port);
    if (own && pendingOutboxCount(rt.core.ctx) > 0) {
      throw new DeskFailure('VALIDATION', 'This desk still has work for its hub.', { rule: 'sync.pendingWork', params: { pending: pendingOutboxCount(rt.core.ctx) } });
    }
    if (port !== null) keepChoice(rt, { enabled: false, port });
    if (h) {
      rt.hosting = null;
      await h.close();
    }
    // the lead's desk goes back to local mode rather than pointing at a closed port
    if (own) {
      await disconnect(rt);
      carrySession(rt.core.ctx, agent);
    }
    emitStatus(rt);
    return syncStatus(rt);
  }
  // Connected to the company's hub: hosting here would move this desk onto a new, empty team.
  if (rt.core.hub && !rt.hosting && !onOwnHub(rt, hostingChoice(rt)?.port ?? null)) {
    throw new DeskFailure('VALIDATION', 'This desk is connected to another team hub.', { rule: 'hub.connectedElsewhere', params: { url: syncState(rt).hub_url ?? '' } });
  }
  if (!rt.hosting) {
    const port = input.port ?? hostingChoice(rt)?.port ?? DEFAULT_PORT;
    await startHosted(rt, port, input.password ? { username: agent.username, password: input.password, displayName: agent.displayName, agentNo: agent.agentNo } : undefined);
  }
  const hosting = rt.hosting;
  if (!hosting) throw new DeskFailure('INTERNAL', 'The team hub did not start.');
  keepChoice(rt, { enabled: true, port: hosting.port });
  // The lead's own desk uses its own hub.
  if (input.password) {
    await hubLogin(rt, ownUrl(hosting.port), agent.username, input.password, false);
    await rt.engine?.run();
  }
  emitStatus(rt);
  return syncStatus(rt);
}
