/**
 * End-to-end sync: a REAL hub (hub/server.ts, SQLite in its own temporary folder) with one
 * team, and desks (web-hosts, each its own data folder) that sync with it. The desks run a
 * short sync timer so the test sees the automatic loop (timer, backoff) without waiting 30 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addTeam, addUser, teamByName, upsertCases, CaseUpsert } from '../../hub/admin';
import { startHub, type RunningHub } from '../../hub/server';
import { createDesk, type CoreDesk } from '../../electron/core/desk';
import { hostTeamHub, startWebHost, type WebHost } from '../../electron/web-host/server';
import { generateDemoRows } from '../../shared/demo/generate';
import { localDateOf } from '../../shared/domain/dates';
import { RENDERER_DIR } from './web-host';

export const HUB_PASSWORD = 'team-pass-1';
export const TEAM = { name: '催收一组', lead: { username: 'lead1', displayName: '陈组长' }, agent: { username: 'agent1', displayName: '赵敏' } };

export interface TestHub {
  readonly url: string;
  readonly port: number;
  readonly hub: RunningHub;
  stop(): Promise<void>;
  /** Again on the same port and data folder. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'collectdesk-e2e-hub-'));
  let hub: RunningHub | null = await startHub({ dataDir: dir, port: 0, log: false });
  const port = hub.port;
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    const h = hub;
    hub = null;
    await h?.close();
  };
  return {
    url,
    port,
    get hub() {
      if (!hub) throw new Error('the hub is stopped');
      return hub;
    },
    stop,
    async restart() {
      if (!hub) hub = await startHub({ dataDir: dir, port, log: false });
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One team: a lead, an agent with a few cases of their own, and `unassigned` demo cases for the lead to hand out. */
export async function seedTeam(hub: RunningHub, unassigned: number): Promise<void> {
  const now = new Date();
  await addTeam(hub.store, TEAM.name, now);
  await addUser(hub.store, { username: TEAM.lead.username, password: HUB_PASSWORD, role: 'lead', team: TEAM.name, displayName: TEAM.lead.displayName, agentNo: 'L3001' }, now);
  const agentId = await addUser(hub.store, { username: TEAM.agent.username, password: HUB_PASSWORD, role: 'agent', team: TEAM.name, displayName: TEAM.agent.displayName, agentNo: 'A3001' }, now);
  const today = localDateOf(now);
  const teamId = await hub.store.read((q) => teamByName(q, TEAM.name));
  const own = generateDemoRows({ cases: 3, firstId: 1, agentId: String(agentId), today, seed: 11, history: 2 });
  await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(own), now));
  const free = generateDemoRows({ cases: unassigned, firstId: 1000, agentId: null, today, seed: 12, history: 0 });
  await hub.store.write((q) => upsertCases(q, teamId, CaseUpsert.parse(free), now));
}


export interface TestDeskHost {
  host: WebHost;
  desk: CoreDesk;
  close(): Promise<void>;
}

/** A desk (demo data for its local-only mode) behind a web-host, with a 2 s sync timer and backoff capped at 3 s. */
export async function startSyncDesk(): Promise<TestDeskHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'collectdesk-e2e-desk-'));
  const desk = await createDesk({
    dataDir,
    seedDemo: true,
    demoCases: 60,
    syncTiming: { intervalMs: 2_000, debounceMs: 300, backoffBaseMs: 500, backoffMaxMs: 3_000 },
    log: () => undefined,
    hostHub: hostTeamHub, // what `npm run web` uses
  });
  const host = await startWebHost({ dataDir, port: 0, host: '127.0.0.1', rendererDir: RENDERER_DIR, desk });
  return {
    host,
    desk,
    async close() {
      await host.close();
      await desk.closeAsync();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
