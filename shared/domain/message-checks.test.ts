import { describe, expect, it } from 'vitest';
import bannedJson from '../../resources/banned-phrases.json';
import en from '../../resources/templates/en.json';
import zh from '../../resources/templates/zh-CN.json';
import { BannedPhrasesSetting } from './banned-phrases';
import { renderTemplate } from './merge';
import { LETTER_MAX_LINES, SMS_MAX_CHARS, amountsIn, checkMessage, letterLines } from './message-checks';
import { MessageTemplate, MessageTemplatesSetting, templatesFor } from './message-templates';

const banned = BannedPhrasesSetting.parse(bannedJson);
const templates = MessageTemplatesSetting.parse([...zh, ...en]);
const fields = {
  debtorName: '刘思琪', debtorTitle: '女士', overdueAmount: '¥12,345.60', minDue: '¥1,000.00', balance: '¥20,000.00', dpd: '45',
  creditor: '示例银行', institution: '示例资产', agentName: '张三', agentNo: 'A001',
};
const amounts = [1_234_560, 100_000, 2_000_000];
const base = { party: 'self' as const, caseAmountsFen: amounts, bannedPhrases: banned };

describe('templates', () => {
  it('bundled defaults parse, every locale has an SMS and a letter', () => {
    for (const loc of ['zh-CN', 'en'] as const) {
      expect(templatesFor(templates, 'sms', loc, 'self').length).toBeGreaterThan(0);
      expect(templatesFor(templates, 'letter', loc, 'self').length).toBeGreaterThan(0);
    }
  });
  it('a third party gets only third-party templates', () => {
    const list = templatesFor(templates, 'sms', 'zh-CN', 'third_party');
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((t) => t.audience === 'thirdParty')).toBe(true);
    expect(templatesFor(templates, 'sms', 'zh-CN', 'guarantor').some((t) => t.audience === 'debtor')).toBe(true);
  });
  it('a third-party template that merges an amount is refused', () => {
    const r = MessageTemplate.safeParse({ id: 'x', channel: 'sms', locale: 'en', audience: 'thirdParty', name: 'x', body: 'Tell them {{overdueAmount}}' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/discloses the debt/);
  });
  it('an unknown merge field is refused with its name', () => {
    const r = MessageTemplate.safeParse({ id: 'x', channel: 'sms', locale: 'en', audience: 'debtor', name: 'x', body: 'Hi {{nickname}}' });
    expect(r.error?.issues[0]?.message).toMatch(/nickname/);
  });
  it('duplicate ids are refused', () => {
    const one = templates[0];
    expect(MessageTemplatesSetting.safeParse([one, one]).success).toBe(false);
  });
  it('every bundled debtor template merged with the case passes every check', () => {
    for (const t of templates) {
      const text = renderTemplate(t.body, { ...fields, ptpDate: '3月5日', ptpAmount: '¥1,000.00' });
      expect(checkMessage({ ...base, channel: t.channel, text, party: t.audience === 'thirdParty' ? 'third_party' : 'self' }), t.id).toEqual([]);
    }
  });
  it('merge strips bidi controls from values', () => {
    expect(renderTemplate('{{debtorName}}您好', { debtorName: '\u202E琪思刘' })).toBe('琪思刘您好');
  });
});

describe('checkMessage', () => {
  it('a banned phrase is named with its place', () => {
    const text = '请尽快还款，否则上门闹';
    const p = checkMessage({ ...base, channel: 'sms', text });
    expect(p).toEqual([{ rule: 'message.bannedPhrase', params: { phrase: '上门闹', category: 'threat' }, start: 8, end: 11 }]);
  });
  it('amounts must match the case', () => {
    expect(checkMessage({ ...base, channel: 'sms', text: '逾期金额¥12,345.60' })).toEqual([]);
    const p = checkMessage({ ...base, channel: 'sms', text: '逾期金额¥12,345.00，另 500元' });
    expect(p.map((x) => [x.rule, x.params.amountFen])).toEqual([['message.amountMismatch', 1_234_500], ['message.amountMismatch', 50_000]]);
  });
  it('reads amounts written several ways', () => {
    expect(amountsIn('¥1,000.00 ￥20000 RMB 12,345.6 99元 3 yuan').map((a) => a.fen)).toEqual([100_000, 2_000_000, 1_234_560, 9_900, 300]);
    expect(amountsIn('工号A001，45天，电话13800138000')).toEqual([]);
  });
  it('a third party is never told an amount', () => {
    const p = checkMessage({ ...base, party: 'third_party', channel: 'sms', text: '请转告她欠款¥12,345.60' });
    expect(p.map((x) => x.rule)).toEqual(['message.thirdPartyDisclosure']);
  });
  it('SMS length: at the limit passes, one over fails', () => {
    expect(checkMessage({ ...base, channel: 'sms', text: '好'.repeat(SMS_MAX_CHARS) })).toEqual([]);
    expect(checkMessage({ ...base, channel: 'sms', text: '好'.repeat(SMS_MAX_CHARS + 1) }).map((p) => p.rule)).toEqual(['message.smsTooLong']);
  });
  it('a letter fits one page: at the line limit passes, one over fails', () => {
    const page = Array.from({ length: LETTER_MAX_LINES }, () => '文'.repeat(40)).join('\n');
    expect(letterLines(page)).toBe(LETTER_MAX_LINES);
    expect(checkMessage({ ...base, channel: 'letter', text: page })).toEqual([]);
    expect(checkMessage({ ...base, channel: 'letter', text: `${page}\n文` }).map((p) => p.rule)).toEqual(['message.letterTooLong']);
    expect(letterLines('a'.repeat(80))).toBe(1);
  });
  it('an unfilled field and an empty text are refused', () => {
    expect(checkMessage({ ...base, channel: 'sms', text: '您好{{ptpDate}}' }).map((p) => p.rule)).toEqual(['message.unfilledField']);
    expect(checkMessage({ ...base, channel: 'sms', text: ' \u200B ' }).map((p) => p.rule)).toEqual(['message.empty']);
  });
});

describe('checkMessage on random text (fast-check)', () => {
  it('never throws; every problem names a known rule and a span inside the text', async () => {
    const fc = await import('fast-check');
    const { MESSAGE_RULE_IDS } = await import('./message-checks');
    const rules = new Set<string>(MESSAGE_RULE_IDS);
    const chars = fc.constantFrom('上', '门', '闹', '¥', '￥', '元', '1', '0', ',', '.', '{', '}', ' ', '\u202E', '\u200B', 'a', '好', '\n');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.array(chars, { maxLength: 400 }).map((a) => a.join(''))), fc.constantFrom('sms' as const, 'letter' as const), fc.constantFrom('self' as const, 'third_party' as const), (text, channel, party) => {
        const problems = checkMessage({ ...base, channel, party, text });
        for (const p of problems) {
          expect(rules.has(p.rule)).toBe(true);
          if (p.start !== undefined) expect(p.start >= 0 && (p.end ?? 0) <= text.length && p.start < (p.end ?? 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
