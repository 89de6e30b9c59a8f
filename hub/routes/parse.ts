/** Request parsing shared by the route plugins: zod at the boundary, failures in the HubError shape. */
import { z } from 'zod';
import { MAX_PUSH_MUTATIONS, SUPPORTED_SCHEMA_VERSIONS } from '../../shared/sync';
import { pushedCount } from '../../shared/sync-packed';
import { HubFailure } from '../errors';

/** A hub row id as it appears in a path or query string. */
export const HubIdText = z.string().regex(/^[1-9]\d{0,15}$/);

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const msg = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    // The first issue's path names the field (e.g. settings.timeZone), for callers that point at it.
    const field = r.error.issues[0]?.path.join('.').slice(0, 200) ?? '';
    throw new HubFailure('BAD_REQUEST', `Invalid request: ${msg}`.slice(0, 500), field ? { field } : undefined);
  }
  return r.data;
}

// The two peeks below run before the full schema, so an old desk or an oversized batch gets its
// own answer (426, 413) rather than a generic 400.
const Versioned = z.looseObject({ schemaVersion: z.unknown() });

/** 426 UPDATE_REQUIRED for a numeric schemaVersion this hub does not speak. */
export function checkVersion(body: unknown): void {
  const r = Versioned.safeParse(body);
  const v = r.success ? r.data.schemaVersion : undefined;
  if (typeof v === 'number' && !SUPPORTED_SCHEMA_VERSIONS.includes(v)) {
    throw new HubFailure('UPDATE_REQUIRED', 'This desk speaks an unsupported sync version; update the app.', {
      supported: SUPPORTED_SCHEMA_VERSIONS.join(','), got: v,
    });
  }
}

/** 413 TOO_LARGE for more than MAX_PUSH_MUTATIONS mutations in one push, plain or packed. */
export function checkBatchSize(body: unknown): void {
  if (pushedCount(body) > MAX_PUSH_MUTATIONS) {
    throw new HubFailure('TOO_LARGE', `At most ${MAX_PUSH_MUTATIONS} mutations a request.`, { maxMutations: MAX_PUSH_MUTATIONS });
  }
}
