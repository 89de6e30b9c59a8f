/**
 * Click-to-dial on the desk (issue 9): the desk's dial settings (the `settings` row `dial`, kept
 * apart from the team's settings: it describes this PC's phone) and a dial. A dial checks the
 * contact rules first, exactly as contact.check does: blocked means nothing is dialled. The
 * number leaves the desk only to the phone the settings name, and each dial is audited.
 */
import { z } from 'zod';
import { DIAL_TIMEOUT_DEFAULT_MS, DIAL_TIMEOUT_MAX_MS, DIAL_TIMEOUT_MIN_MS, DialMode, DialUrl, type DialSettingsView, type DialStartResult } from '../../../shared/contract/dial';
import { appendAudit } from '../audit/audit';
import { loadCaseFor } from '../cases/case-get';
import { checkCall, phoneOfCase } from '../contact/check';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { httpDial, type DialFetch } from './http-adapter';

const Stored = z.object({
  mode: DialMode.catch('none'),
  httpUrl: DialUrl.nullable().catch(null),
  token: z.string().max(500).nullable().catch(null),
  timeoutMs: z.number().int().min(DIAL_TIMEOUT_MIN_MS).max(DIAL_TIMEOUT_MAX_MS).catch(DIAL_TIMEOUT_DEFAULT_MS),
});
type Stored = z.infer<typeof Stored>;
const DEFAULT: Stored = { mode: 'none', httpUrl: null, token: null, timeoutMs: DIAL_TIMEOUT_DEFAULT_MS };

function readStored(ctx: Pick<Ctx, 'prep'>): Stored {
  const row = ctx.prep<{ value: string }>("SELECT value FROM settings WHERE key = 'dial'").get();
  if (!row) return DEFAULT;
  try {
    const parsed = Stored.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT;
  } catch {
    return DEFAULT; // a damaged row: dial by hand rather than fail every call
  }
}

const view = (s: Stored): DialSettingsView => ({ mode: s.mode, httpUrl: s.httpUrl, hasToken: s.token !== null, timeoutMs: s.timeoutMs });

export const dialSettings = (ctx: Pick<Ctx, 'prep'>): DialSettingsView => view(readStored(ctx));

export function saveDialSettings(ctx: Ctx, input: { mode: DialMode; httpUrl: string | null; token?: string | null | undefined; timeoutMs: number }): DialSettingsView {
  if (input.mode === 'http' && !input.httpUrl) throw new DeskFailure('VALIDATION', 'The softphone URL is required for HTTP dialling.', { field: 'httpUrl', rule: 'dial.notConfigured' });
  const before = readStored(ctx);
  const next: Stored = { mode: input.mode, httpUrl: input.httpUrl, token: input.token === undefined ? before.token : input.token, timeoutMs: input.timeoutMs };
  ctx.db.transaction(() => {
    ctx.prep("INSERT INTO settings (key, value) VALUES ('dial', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(next));
    // never the token itself
    appendAudit(ctx, { action: 'dial.settings', entity: 'desk', entityId: null, detail: { mode: next.mode, httpUrl: next.httpUrl, hasToken: next.token !== null, timeoutMs: next.timeoutMs } });
  })();
  return view(next);
}

/** A number as a tel:/sip: URI: digits and a leading + only (what a dialler needs; nothing to inject). */
export function dialUri(scheme: 'tel' | 'sip', number: string): string {
  const digits = number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return `${scheme}:${digits}`;
}

export interface DialEnv {
  fetch: DialFetch;
  /** The host's hand-off of a link to the system (Electron: shell.openExternal); absent: the renderer opens it. */
  openExternal?: ((url: string) => Promise<void>) | undefined;
}

export async function startDial(ctx: Ctx, env: DialEnv, input: { caseId: string; phoneId: string }): Promise<DialStartResult> {
  const c = loadCaseFor(ctx, input.caseId);
  const phone = phoneOfCase(ctx, c, input.phoneId);
  const check = checkCall(ctx, c, phone);
  const { overrideId: _used, ...result } = check;
  if (!check.allowed) return { kind: 'blocked', check: result };
  const s = readStored(ctx);
  const audit = (detail: Record<string, unknown>) =>
    ctx.db.transaction(() => appendAudit(ctx, { action: 'dial.start', entity: 'case', entityId: c.id, detail: { phoneId: phone.id, mode: s.mode, ...detail } }))();
  if (s.mode === 'none') return { kind: 'manual', overridden: check.overridden };
  if (s.mode === 'tel' || s.mode === 'sip') {
    const url = dialUri(s.mode, phone.number);
    audit({});
    let opened = false;
    if (env.openExternal) {
      await env.openExternal(url);
      opened = true;
    }
    return { kind: 'link', url, opened, overridden: check.overridden };
  }
  if (!s.httpUrl) throw new DeskFailure('VALIDATION', 'No softphone URL is set.', { field: 'httpUrl', rule: 'dial.notConfigured' });
  const r = await httpDial({ url: s.httpUrl, token: s.token, timeoutMs: s.timeoutMs }, { number: phone.number, caseId: String(c.id), agentNo: ctx.session.agent?.agentNo ?? null }, env.fetch);
  audit({ recordingRef: r.recordingRef });
  return { kind: 'http', recordingRef: r.recordingRef, overridden: check.overridden };
}
