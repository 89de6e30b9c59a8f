import { describe, expect, it } from 'vitest';
import type { OutcomeCode } from '../../../../shared/contract';
import { i18n } from '../../i18n';
import { unsyncedText } from './labels';

const PTP = { code: 'PTP', label: { 'zh-CN': '承诺还款', en: 'Promise to pay' } } as OutcomeCode;

describe('unsyncedText (the unsynced list, from the core\'s data)', () => {
  it('words every kind in Chinese and in English, money from fen', async () => {
    const cases = [
      [{ kind: 'attempt', outcomeCode: 'PTP', note: '明天转账', ptp: { amountFen: 30_000, dueDate: '2026-03-12' } }, '承诺还款 · 承诺 ¥300.00，2026-03-12 前 · 明天转账', 'Promise to pay · promised ¥300.00 by 2026-03-12 · 明天转账'],
      [{ kind: 'attempt', outcomeCode: 'NO_ANSWER', note: '', ptp: null }, 'NO_ANSWER', 'NO_ANSWER'],
      [{ kind: 'payment', amountFen: 12_345, paidDate: '2026-03-10' }, '¥123.45，还款日 2026-03-10', '¥123.45, paid on 2026-03-10'],
      [{ kind: 'promise', from: 'pending', to: 'kept', paidFen: 30_000 }, '待兑现 → 已兑现（已还 ¥300.00）', 'Pending → Kept (¥300.00 paid)'],
      [{ kind: 'promise', from: 'pending', to: 'broken', paidFen: 0 }, '待兑现 → 爽约', 'Pending → Broken'],
      [{ kind: 'phone', tail4: '5678' }, '改为尾号 5678', 'now the number ending 5678'],
      [{ kind: 'phone', tail4: null }, '清除首选号码', 'preferred number cleared'],
      [{ kind: 'assign', count: 3, agentName: '王芳' }, '3 件 → 王芳', '3 case(s) → 王芳'],
      [{ kind: 'assign', count: 1, agentName: null }, '1 件 → 未分配', '1 case(s) → unassigned'],
    ] as const;
    for (const [lng, col] of [['zh-CN', 1], ['en', 2]] as const) {
      await i18n.changeLanguage(lng);
      for (const c of cases) expect(unsyncedText(i18n.t, c[0], lng, [PTP])).toBe(c[col]);
    }
  });
});
