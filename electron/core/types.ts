import type { EventName, EventPayload, Result } from '../../shared/contract';

/** Injected time source: tests and benchmarks drive time; the app uses the wall clock. */
export type Clock = () => Date;

export interface DeskOptions {
  /** Folder holding collectdesk.db (and its -wal/-shm); created if missing. */
  dataDir: string;
  clock?: Clock;
  /** Seed the demo agents and cases when the database is new (the app's first run). */
  seedDemo?: boolean;
  /** How many demo cases to seed on first run (default a few hundred). */
  demoCases?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

/**
 * The desk core as both hosts (Electron main, web-host) see it: one validated entry point
 * per contract route, and events. Hosts add transport and sender checks, nothing else.
 */
export interface Desk {
  /** Validates `input` against shared/contract.ts and runs the route; never throws. */
  invoke(route: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** Stops timers and closes the database. */
  close(): void;
}
