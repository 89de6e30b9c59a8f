/**
 * The HTTP adapter of click-to-dial: POST the number to a local softphone or call-center API
 * and read back what it says about the call. Bounded in time (the agent waits on it), every
 * failure a clear refusal naming what went wrong, never a hang or an INTERNAL.
 *
 * Request:  POST <url>  {"number": "13812345678", "caseId": "1001", "agentNo": "A001"}
 *           Authorization: Bearer <token> when a token is set
 * Response: 2xx, optionally JSON {"recordingRef": "...", "callId": "..."}; an empty or non-JSON
 *           2xx body is a call without a reference. A `recordingRef` that is not a short printable
 *           string is refused (it is stored on the call record and synced).
 */
import { z } from 'zod';
import { stripInvisible } from '../../../shared/domain/text-safety';
import { DeskFailure } from '../errors';

export interface HttpDialConfig {
  url: string;
  token: string | null;
  timeoutMs: number;
}

export type DialFetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

const Reply = z.object({ recordingRef: z.union([z.string(), z.number()]).nullable().optional(), callId: z.union([z.string(), z.number()]).nullable().optional() }).passthrough();

const fail = (rule: 'dial.timeout' | 'dial.unreachable' | 'dial.httpStatus' | 'dial.badResponse', message: string, params?: Record<string, string | number>): DeskFailure =>
  new DeskFailure('VALIDATION', message, params ? { field: 'dial', rule, params } : { field: 'dial', rule });

/** The recording reference as stored: trimmed, printable, 1-200 characters; else null (none given) or a refusal. */
export function recordingRefOf(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = stripInvisible(String(raw)).trim();
  if (text === '') return null;
  // control characters (newlines, NUL) would corrupt the record and the exports
  const control = [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (text.length > 200 || control) throw fail('dial.badResponse', 'The softphone returned an unusable recording reference.');
  return text;
}

export async function httpDial(cfg: HttpDialConfig, body: { number: string; caseId: string; agentNo: string | null }, fetchImpl: DialFetch): Promise<{ recordingRef: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
  const signal = AbortSignal.timeout(cfg.timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await fetchImpl(cfg.url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    status = res.status;
    text = await res.text();
  } catch (error) {
    if (signal.aborted) throw fail('dial.timeout', `The softphone did not answer within ${cfg.timeoutMs} ms.`, { seconds: Math.round(cfg.timeoutMs / 100) / 10 });
    throw fail('dial.unreachable', `The softphone at ${new URL(cfg.url).host} could not be reached (${String((error as Error).message ?? error).slice(0, 120)}).`, { host: new URL(cfg.url).host });
  }
  if (status < 200 || status > 299) throw fail('dial.httpStatus', `The softphone refused the call (HTTP ${status}).`, { status });
  if (text.trim() === '') return { recordingRef: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { recordingRef: null }; // a plain "OK": the call went out, no reference
  }
  const reply = Reply.safeParse(json);
  if (!reply.success) return { recordingRef: null };
  return { recordingRef: recordingRefOf(reply.data.recordingRef) };
}
