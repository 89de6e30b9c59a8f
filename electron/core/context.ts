import type Database from 'better-sqlite3';
import type { AgentInfo, DeskSettings, EventName, EventPayload } from '../../shared/contract';
import type { Db } from './db/open';
import type { Clock, DeskOptions } from './types';

export type Log = NonNullable<DeskOptions['log']>;

/** Everything a feature needs: the database, time, settings, the session and events. */
export interface Ctx {
  db: Db;
  clock: Clock;
  log: Log;
  /** Cached prepared statement for a constant SQL string. */
  prep<R = unknown>(sql: string): Database.Statement<unknown[], R>;
  settings(): DeskSettings;
  /** `locked`: the screen lock is on (electron/core/privacy/lock.ts); only unlocking is allowed. */
  session: { agent: AgentInfo | null; agentId: number | null; locked?: boolean };
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function statementCache(db: Db): Ctx['prep'] {
  const cache = new Map<string, Database.Statement>();
  return <R>(sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st as unknown as Database.Statement<unknown[], R>;
  };
}

export const nowIso = (ctx: Pick<Ctx, 'clock'>): string => ctx.clock().toISOString();

/** The logged-in agent, or a clear refusal. */
export function requireAgent(ctx: Ctx): { agent: AgentInfo; agentId: number } {
  const { agent, agentId } = ctx.session;
  if (!agent || agentId === null) throw new Error('requireAgent called without a session');
  return { agent, agentId };
}
