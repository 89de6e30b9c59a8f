/** The desk's SMS gateway setting (a lead sets it; the key is stored on this desk only and never read back). */
import type { z } from 'zod';
import type { RouteOutput, RouteParsed } from '../../../shared/contract';
import { HttpGatewaySettings } from '../../../shared/contract/messages';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
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

export function gatewaySetting(ctx: Ctx, i: RouteParsed<'message.gateway'>): RouteOutput<'message.gateway'> {
  if (i.set !== undefined) {
    const set = i.set;
    ctx.db.transaction(() => {
      setInternal(ctx, KEY, set === 'record' ? null : set);
      appendAudit(ctx, { action: 'message.gateway', detail: set === 'record' ? { kind: 'record' } : { kind: 'http', url: set.url, templateId: set.templateId } });
    })();
  }
  const cfg = stored(ctx);
  return cfg ? { kind: 'http', url: cfg.url, templateId: cfg.templateId, hasKey: cfg.key !== '' } : { kind: 'record', url: null, templateId: null, hasKey: false };
}
