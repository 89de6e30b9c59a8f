import { z } from 'zod';
import { OutcomeCode } from '../../../shared/contract';
import type { Ctx } from '../context';
import outcomeCodesJson from '../../../resources/outcome-codes.json';

interface OutcomeRow {
  code: string;
  hotkey: string | null;
  label_zh: string;
  label_en: string;
  is_contact: number;
  is_rpc: number;
  needs_ptp: number;
  needs_follow_up: number;
  needs_paid_date: number;
  sets_status: string | null;
  adds_tag: string | null;
  locks_phone: number;
  sort: number;
}

/** The bundled default set (resources/outcome-codes.json): a bare array or `{ outcomeCodes: [...] }`. */
export function defaultOutcomeCodes(): OutcomeCode[] {
  const raw: unknown = outcomeCodesJson;
  const list = Array.isArray(raw) ? raw : (raw as { outcomeCodes?: unknown; codes?: unknown }).outcomeCodes ?? (raw as { codes?: unknown }).codes;
  return z.array(OutcomeCode).parse(list);
}

export function seedOutcomeCodes(ctx: Pick<Ctx, 'prep'>, codes: readonly OutcomeCode[] = defaultOutcomeCodes()): void {
  const st = ctx.prep(
    `INSERT OR IGNORE INTO outcome_codes (code, hotkey, label_zh, label_en, is_contact, is_rpc, needs_ptp, needs_follow_up,
       needs_paid_date, sets_status, adds_tag, locks_phone, sort)
     VALUES (@code, @hotkey, @label_zh, @label_en, @is_contact, @is_rpc, @needs_ptp, @needs_follow_up,
       @needs_paid_date, @sets_status, @adds_tag, @locks_phone, @sort)`,
  );
  for (const c of codes) {
    st.run({
      code: c.code,
      hotkey: c.hotkey,
      label_zh: c.label['zh-CN'],
      label_en: c.label.en,
      is_contact: c.isContact ? 1 : 0,
      is_rpc: c.isRpc ? 1 : 0,
      needs_ptp: c.needsPtp ? 1 : 0,
      needs_follow_up: c.needsFollowUp ? 1 : 0,
      needs_paid_date: c.needsPaidDate ? 1 : 0,
      sets_status: c.setsStatus,
      adds_tag: c.addsTag,
      locks_phone: c.locksPhone ? 1 : 0,
      sort: c.sort,
    });
  }
}

const toCode = (r: OutcomeRow): OutcomeCode =>
  OutcomeCode.parse({
    code: r.code,
    hotkey: r.hotkey,
    label: { 'zh-CN': r.label_zh, en: r.label_en },
    isContact: r.is_contact === 1,
    isRpc: r.is_rpc === 1,
    needsPtp: r.needs_ptp === 1,
    needsFollowUp: r.needs_follow_up === 1,
    needsPaidDate: r.needs_paid_date === 1,
    setsStatus: r.sets_status,
    addsTag: r.adds_tag,
    locksPhone: r.locks_phone === 1,
    sort: r.sort,
  });

/** Outcome codes change rarely (a lead edits them, sync replaces them): cached until invalidated. */
export class OutcomeCodeCache {
  private list: OutcomeCode[] | null = null;
  private byCode = new Map<string, OutcomeCode>();
  constructor(private readonly ctx: Pick<Ctx, 'prep'>) {}
  all(): OutcomeCode[] {
    if (!this.list) {
      this.list = this.ctx.prep<OutcomeRow>('SELECT * FROM outcome_codes ORDER BY sort, code').all().map(toCode);
      this.byCode = new Map(this.list.map((c) => [c.code, c]));
    }
    return this.list;
  }
  get(code: string): OutcomeCode | undefined {
    this.all();
    return this.byCode.get(code);
  }
  invalidate(): void {
    this.list = null;
  }
}
