/**
 * An SMS provider over HTTP: POST {url} with the key as a bearer token and JSON
 * {templateId, to, content, messageId}; a 2xx answer may carry {id} (the provider's reference).
 * Any other answer, a network error or no answer within the timeout is a failed send, stored as
 * such (the agent sees it in the case history and may send again).
 */
import { z } from 'zod';
import type { DeskFetch } from '../types';
import type { GatewayResult, MessageGateway, OutboundMessage } from './gateway';

export interface HttpGatewayConfig {
  url: string;
  key: string;
  templateId: string;
  timeoutMs: number;
}

const Answer = z.object({ id: z.union([z.string(), z.number()]).optional() }).passthrough();

export function httpGateway(cfg: HttpGatewayConfig, fetchFn: DeskFetch): MessageGateway {
  return {
    name: 'http',
    async send(m: OutboundMessage): Promise<GatewayResult> {
      if (m.channel !== 'sms') return { status: 'recorded', ref: null, error: null };
      let status: number;
      let text: string;
      try {
        const res = await fetchFn(cfg.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${cfg.key}` },
          body: JSON.stringify({ templateId: cfg.templateId, to: m.destination, content: m.content, messageId: m.id }),
          signal: AbortSignal.timeout(cfg.timeoutMs),
        });
        status = res.status;
        text = await res.text();
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        return { status: 'failed', ref: null, error: timedOut ? `timeout after ${cfg.timeoutMs} ms` : 'gateway unreachable' };
      }
      if (status < 200 || status >= 300) return { status: 'failed', ref: null, error: `gateway answered HTTP ${status}` };
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        // a provider that answers 200 with plain text still took the message
      }
      const a = Answer.safeParse(json);
      return { status: 'sent', ref: a.success && a.data.id !== undefined ? String(a.data.id).slice(0, 100) : null, error: null };
    },
  };
}
