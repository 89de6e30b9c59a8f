import type { HostHubOptions, HostedHub } from '../types';
import { lanUrls } from './lan';

/** The part of hub/server's startHub the desk's hosts use (the core never imports the hub: the hosts hand it in). */
export type StartHubFn = (opts: { dataDir: string; port: number; host: string; log: false }) => Promise<{ port: number; close(): Promise<void> }>;

export interface HubModule {
  startHub: StartHubFn;
  /** Optional (if hub/server exports it): create the hosting lead's account on a new hub. */
  ensureLead?: (hub: unknown, admin: NonNullable<HostHubOptions['admin']>) => Promise<void>;
}

/**
 * The `hostHub` capability the hosts inject into createDesk: start the team hub in this process,
 * serving the LAN (0.0.0.0), its SQLite data in `<dataDir>/team-hub`.
 */
export function hostHubWith(load: () => Promise<HubModule>): (opts: HostHubOptions) => Promise<HostedHub> {
  return async ({ dataDir, port, admin }) => {
    const mod = await load();
    const hub = await mod.startHub({ dataDir, port, host: '0.0.0.0', log: false });
    try {
      if (admin && mod.ensureLead) await mod.ensureLead(hub, admin);
    } catch (err) {
      await hub.close();
      throw err;
    }
    return { port: hub.port, urls: lanUrls(hub.port), close: () => hub.close() };
  };
}
