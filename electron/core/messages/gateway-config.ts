/** The desk's SMS gateway setting (a lead sets it; the key is stored on this desk only and never read back). */
import type { z } from 'zod';
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { HttpGatewaySettings } from '../../../shared/contract/messages';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { getInternal, setInternal } from '../settings/settings';
import type { DeskFetch } from '../types';
import { recordOnlyGateway, type MessageGateway } from './gateway';
import { httpGateway } from './gateway-http';

const KEY = 'smsGateway';

function stored(ctx: Pick<Ctx, 'prep'>): z.output<typeof HttpGatewaySettings> | null {
  const v = HttpGatewaySettings.safeParse(getInternal(ctx, KEY));
  return v.success ? v.data : null;
}

/** The gateway messages go through now: the HTTP one when configured, else record only. */
export function gatewayFor(ctx: Pick<Ctx, 'prep'>, fetchFn: DeskFetch): MessageGateway {
  const cfg = stored(ctx);
  return cfg ? httpGateway(cfg, fetchFn) : recordOnlyGateway;
}

/**
 * A blank key keeps the stored one (the form never sees it), but only for the same server: a key
 * kept for a new origin would go to whoever runs it, so a moved address needs the key typed again.
 */
function withKey(ctx: Pick<Ctx, 'prep'>, set: z.output<typeof HttpGatewaySettings>): z.output<typeof HttpGatewaySettings> {
  if (set.key !== '') return set;
  const old = stored(ctx);
  if (!old || old.key === '') return set;
  if (new URL(old.url).origin !== new URL(set.url).origin) {
    throw new DeskFailure('VALIDATION', 'The gateway moved to another server: enter its key again.', { field: 'set.key' });
  }
  return { ...set, key: old.key };
}

export function gatewaySetting(ctx: Ctx, i: RouteParsed<'message.gateway'>): RouteOutput<'message.gateway'> {
  const given = i.set;
  if (given === 'record') {
    ctx.db.transaction(() => {
      setInternal(ctx, KEY, null);
      appendAudit(ctx, { action: 'message.gateway', detail: { kind: 'record' } });
    })();
  } else if (given !== undefined) {
    ctx.db.transaction(() => {
      const set = withKey(ctx, given);
      setInternal(ctx, KEY, set);
      // the key never reaches the audit log: only whether it was typed, kept or left out
      const key = given.key !== '' ? 'new' : set.key !== '' ? 'kept' : 'none';
      appendAudit(ctx, { action: 'message.gateway', detail: { kind: 'http', url: set.url, templateId: set.templateId, timeoutMs: set.timeoutMs, key } });
    })();
  }
  const cfg = stored(ctx);
  return cfg
    ? { kind: 'http', url: cfg.url, templateId: cfg.templateId, hasKey: cfg.key !== '', timeoutMs: cfg.timeoutMs }
    : { kind: 'record', url: null, templateId: null, hasKey: false, timeoutMs: null };
}
