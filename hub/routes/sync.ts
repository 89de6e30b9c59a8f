/**
 * The sync protocol (shared/sync.ts):
 *
 *   POST /v1/sync/push                   PushRequest or PackedPushRequest -> PushResponse (409 MUTATION_GAP, 413, 426)
 *   POST /v1/sync/pull                   PullRequest -> PullResponse (403 another user's device, 426)
 */
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { PackedPushRequest, packChanges, unpackPushRequest, type PackedPullResponse } from '../../shared/sync-packed';
import { MAX_PULL_CHANGES, PullRequest, PushRequest, type Mutation, type PullResponse, type PushResponse } from '../../shared/sync';
import { deviceProgress } from '../devices';
import { HubFailure } from '../errors';
import { readPage } from '../feed';
import { failureDetail, isInfrastructureFailure } from '../failure';
import { applyMutations, rejectFailed, type Caller, type PushOutcome } from '../push';
import type { Store } from '../store/types';
import { checkBatchSize, checkVersion, parse } from './parse';

export const syncRoutes: FastifyPluginAsync = async (app) => {
  app.post('/push', { config: { access: 'session' } }, async (req): Promise<PushResponse> => {
    const s = req.session;
    // Both before the schema: an oversized batch is 413 and an old desk 426, not 400.
    checkBatchSize(req.body);
    checkVersion(req.body);
    // A packed push (its pull pages told the desk this hub takes them) is checked as the plain one it unpacks to.
    const plain = isPacked(req.body) ? unpackPushRequest(parse(PackedPushRequest, req.body)) : req.body;
    const body = parse(PushRequest, plain);
    const out = await applyBatch(app.store, s, body, app.clock(), req.log);
    req.log.info({ userId: s.userId, deviceId: body.deviceId, n: body.mutations.length, applied: out.applied, rejected: out.rejected.length, last: out.lastMutationId }, 'push');
    if (out.gapExpected !== null) {
      throw new HubFailure('MUTATION_GAP', `Mutation ${out.gapExpected} is missing; send from there.`, { expected: out.gapExpected, lastMutationId: out.lastMutationId });
    }
    return { lastMutationId: out.lastMutationId, rejected: out.rejected };
  });

  app.post('/pull', { config: { access: 'session' } }, async (req, reply) => {
    const s = req.session;
    checkVersion(req.body);
    const body = parse(PullRequest, req.body);
    app.presence.pulled(s.userId, body.deviceId, app.clock(), body.queuedThrough);
    const page: PullResponse = await app.store.read(async (q) => {
      const lastMutationId = await deviceProgress(q, body.deviceId, s.userId);
      return { ...(await readPage(q, s, body.cursor, body.limit ?? MAX_PULL_CHANGES)), lastMutationId, packedPush: true };
    });
    const wire: PackedPullResponse = body.packed ? { ...page, changes: packChanges(page.changes) } : page;
    // A page is up to a few MB: as a Buffer it is UTF-8 encoded once; as a string fastify would
    // measure its byte length and the socket encode it again.
    return reply.type('application/json; charset=utf-8').send(Buffer.from(JSON.stringify(wire)));
  });
};

/** A push body in the packed form: `packed` and no `mutations`. */
function isPacked(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'packed' in body && !('mutations' in body);
}

/**
 * One transaction for the whole batch. On something unexpected in one mutation (not a
 * HubFailure), the mutations are applied one by one: those before it commit; one that fails
 * again on its own is recorded as rejected (hubError) in its own transaction, so the push goes
 * on and the device is never stuck behind it. Only a store that is unavailable fails the
 * request (500), and the desk's retry starts from the first mutation not processed.
 */
/** Ignored below this: network delay and small drift say nothing about a desk's clock. */
const SKEW_TOLERANCE_MS = 2 * 60 * 1000;
/** The hub's clock minus the desk's at this push (issue 11: a desk clock set back hides nothing). */
export function deskSkewMs(sentAt: string | undefined, now: Date): number {
  if (!sentAt) return 0;
  const skew = now.getTime() - Date.parse(sentAt);
  return Number.isFinite(skew) && Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0;
}

async function applyBatch(store: Store, caller: Caller, body: PushRequest, now: Date, log: FastifyBaseLogger): Promise<PushOutcome> {
  const skewMs = deskSkewMs(body.sentAt, now);
  try {
    return await store.write((q) => applyMutations(q, caller, body.deviceId, body.mutations, now, skewMs));
  } catch (e) {
    if (e instanceof HubFailure || isInfrastructureFailure(e)) throw e;
    log.warn({ err: errSummary(e) }, 'push batch failed; applying one by one');
    let out: PushOutcome = { lastMutationId: 0, rejected: [], gapExpected: null, applied: 0 };
    for (const m of body.mutations) {
      const r = await applyOne(store, caller, body.deviceId, m, now, log, skewMs);
      out = { ...r, rejected: [...out.rejected, ...r.rejected], applied: out.applied + r.applied };
      if (r.gapExpected !== null) break;
    }
    return out;
  }
}

async function applyOne(store: Store, caller: Caller, deviceId: string, m: Mutation, now: Date, log: FastifyBaseLogger, skewMs: number): Promise<PushOutcome> {
  try {
    return await store.write((q) => applyMutations(q, caller, deviceId, [m], now, skewMs));
  } catch (e) {
    if (e instanceof HubFailure || isInfrastructureFailure(e)) throw e;
    log.error({ err: errSummary(e), userId: caller.userId, deviceId, mutationId: m.id, name: m.name }, 'mutation failed unexpectedly; rejected');
    return store.write((q) => rejectFailed(q, caller, deviceId, m, failureDetail(e), now));
  }
}

const errSummary = (e: unknown) => (e instanceof Error ? { name: e.name, message: e.message.slice(0, 300), stack: e.stack } : { message: String(e).slice(0, 300) });
