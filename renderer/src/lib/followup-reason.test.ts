import { describe, expect, it } from 'vitest';
import { followUpReasonIn } from './followup-reason';
import zhCN from '../i18n/zh-CN';
import en from '../i18n/en';

const templates = { 'zh-CN': zhCN.note.followUpReason, en: en.note.followUpReason };
const codes = [
  { label: { 'zh-CN': '承诺还款', en: 'Promise to pay' } },
  { label: { 'zh-CN': '无人接听', en: 'No answer' } },
];

describe('followUpReasonIn (issue 9 #13)', () => {
  it('says a generated reason in the reader\'s language', () => {
    expect(followUpReasonIn('承诺还款回访', codes, 'en', templates)).toBe('Promise to pay follow-up');
    expect(followUpReasonIn('No answer follow-up', codes, 'zh-CN', templates)).toBe('无人接听回访');
    expect(followUpReasonIn('承诺还款回访', codes, 'zh-CN', templates)).toBe('承诺还款回访');
  });
  it('keeps a reason typed by hand', () => {
    expect(followUpReasonIn('客户要求下午回电', codes, 'en', templates)).toBe('客户要求下午回电');
  });
});
