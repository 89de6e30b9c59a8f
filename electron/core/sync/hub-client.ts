import { z } from 'zod';
import type { ConflictDecision } from '../../../shared/domain/late-work';
import {
  ConflictRow, HubError, LoginResponse, PushResponse, type EntityRow, type PullResponse, type HubErrorCode, type PullRequest, type PushRequest,
} from '../../../shared/sync';

import { ImportReport, type HubImportRequest } from '../../../shared/import/types';
import { PackedPullResponse, packPushRequest, unpackPullResponse } from '../../../shared/sync-packed';
import type { DeskFetch } from '../types';

export type FetchLike = DeskFetch;

const HubHealth = z.object({ ok: z.literal(true), version: z.string(), store: z.enum(['sqlite', 'postgres']) });

/** Why a hub request failed, in the terms the loop acts on. */
export type HubFailureKind =
  | 'offline' // network error or timeout: the hub was not reached
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'gap' // 409 MUTATION_GAP
  | 'tooLarge' // 413
  | 'updateRequired' // 426
  | 'hubError' // 5xx
  | 'badResponse'; // an answer the desk cannot read

export class HubRequestError extends Error {
  constructor(
    readonly kind: HubFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: HubErrorCode | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'HubRequestError';
  }
  /** The request reached the hub (SyncStatus.online). */
  get reached(): boolean {
    return this.kind !== 'offline';
  }
}

const kindOf = (status: number, code: HubErrorCode | null): HubFailureKind => {
  if (status === 401 || code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (status === 403 || code === 'FORBIDDEN') return 'forbidden';
  // A lead's decision the hub's rules refuse (409 RULE_VIOLATION) is no gap: its caller reads `code`.
  if ((status === 409 && code !== 'RULE_VIOLATION') || code === 'MUTATION_GAP') return 'gap';
  if (status === 413 || code === 'TOO_LARGE') return 'tooLarge';
  if (status === 426 || code === 'UPDATE_REQUIRED') return 'updateRequired';
  if (status >= 500) return 'hubError';
  return 'badResponse';
};

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

export interface HubClientOptions {
  baseUrl: string;
  fetch: FetchLike;
  /** Per-request timeout (default 20 s). */
  timeoutMs?: number;
}

/** The desk's HTTP client of the hub (shared/sync.ts is the protocol; every answer is validated). */
export class HubClient {
  /** The hub's last pull page said it takes packed pushes (shared/sync-packed.ts). */
  private packsPush = false;

  constructor(private readonly opts: HubClientOptions) {}

  private post<S extends z.ZodType>(path: string, body: unknown, schema: S, token: string | null, signal?: AbortSignal, method: 'POST' | 'PUT' = 'POST'): Promise<z.output<S>> {
    return this.send(method, path, body, schema, token, signal);
  }

  private async send<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, schema: S, token: string | null, signal?: AbortSignal): Promise<z.output<S>> {
    const headers: Record<string, string> = method === 'GET' ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.opts.timeoutMs ?? 20_000);
    const onAbort = (): void => timeout.abort();
    signal?.addEventListener('abort', onAbort);
    let status: number;
    let text: string;
    try {
      const res = await this.opts.fetch(`${this.opts.baseUrl}${path}`, { method, headers, ...(method === 'GET' ? {} : { body: JSON.stringify(body) }), signal: timeout.signal });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new HubRequestError('offline', `hub not reachable: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    const json = parseJson(text);
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new HubRequestError('badResponse', `unexpected answer from ${path}: ${parsed.error.message.slice(0, 300)}`, status);
      return parsed.data;
    }
    const err = HubError.safeParse(json);
    const code = err.success ? err.data.error.code : null;
    throw new HubRequestError(kindOf(status, code), err.success ? err.data.error.message : `HTTP ${status} from ${path}`, status, code, err.success ? (err.data.error.params ?? {}) : {});
  }

  /** GET /v1/health answers as a CollectDesk hub does (an unrelated web server at the address does not). */
  async isHub(): Promise<boolean> {
    try {
      const res = await this.opts.fetch(`${this.opts.baseUrl}/v1/health`, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 20_000) });
      return res.status === 200 && HubHealth.safeParse(parseJson(await res.text())).success;
    } catch {
      return false;
    }
  }

  login(body: { username: string; password: string; deviceId?: string }): Promise<LoginResponse> {
    return this.post('/v1/auth/login', body, LoginResponse, null);
  }
  async logout(token: string): Promise<void> {
    try {
      await this.post('/v1/auth/logout', {}, z.unknown(), token);
    } catch {
      // best effort: the token expires anyway
    }
  }
  /**
   * Packed to a hub whose pull pages say it takes packed pushes. A 400 to a packed push (the hub
   * was replaced by an older one since that page) sends it again plain, and plain it stays until
   * a page says otherwise: a desk is never stuck behind a form its hub does not read.
   */
  async push(body: PushRequest, token: string, signal?: AbortSignal): Promise<PushResponse> {
    if (this.packsPush) {
      try {
        return await this.post('/v1/sync/push', packPushRequest(body), PushResponse, token, signal);
      } catch (err) {
        if (!(err instanceof HubRequestError) || err.status !== 400) throw err;
        this.packsPush = false;
      }
    }
    return this.post('/v1/sync/push', body, PushResponse, token, signal);
  }
  /** A page with its puts packed when the hub packs them (shared/sync-packed.ts), handed on as plain changes. */
  async pull(body: PullRequest, token: string, signal?: AbortSignal): Promise<PullResponse> {
    return unpackPullResponse(await this.post('/v1/sync/pull', { ...body, packed: true }, PackedPullResponse, token, signal));
  }

  /** What a pull page of this hub says it takes; the sync engine tells it every page it applies (a login's early page too). */
  heard(page: PullResponse): void {
    this.packsPush = page.packedPush === true;
  }
  /** A feature's own hub route (distribution): the same validated POST; failures as HubRequestError. */
  postJson<S extends z.ZodType>(path: string, body: unknown, schema: S, token: string): Promise<z.output<S>> {
    return this.post(path, body, schema, token);
  }
  /** POST under /v1/team (a lead's own team: agents). */
  teamPost<S extends z.ZodType>(path: string, body: unknown, schema: S, token: string): Promise<z.output<S>> {
    return this.post(`/v1/team${path}`, body, schema, token);
  }
  /** A lead's view of the team's desks: online, last sync, pending work (GET /v1/team/desks). */
  teamDesks<S extends z.ZodType>(schema: S, token: string): Promise<z.output<S>> {
    return this.send('GET', '/v1/team/desks', undefined, schema, token);
  }
  /** A lead's batch import (normalised rows), applied by the hub in one transaction; answers the hub's report. */
  importBatch(body: HubImportRequest, token: string): Promise<ImportReport> {
    return this.post('/v1/import', body, ImportReport, token);
  }
  /** A lead's decision on a conflict, recorded on the hub (which sends the row to the team's leads); `accept` applies late work there. */
  resolveConflict(id: string, resolution: string, decision: ConflictDecision | undefined, token: string): Promise<{ conflict: EntityRow<'conflict'> }> {
    return this.post(`/v1/conflicts/${encodeURIComponent(id)}/resolve`, { resolution, ...(decision ? { decision } : {}) }, z.object({ conflict: ConflictRow }), token);
  }
  /** A lead replaces the team's targets (PUT /v1/admin/reference): the hub checks them again and sends them to the team by pull. */
  putTargets(targets: unknown[], token: string): Promise<unknown> {
    return this.post('/v1/admin/reference', { targets }, z.unknown(), token, undefined, 'PUT');
  }
  /** A lead changes team settings (PUT /v1/admin/reference, merged by key): e.g. the SMS and letter templates. */
  putTeamSettings(settings: Record<string, unknown>, token: string): Promise<unknown> {
    return this.post('/v1/admin/reference', { settings }, z.unknown(), token, undefined, 'PUT');
  }
}
