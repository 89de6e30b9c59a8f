import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MERGE_FIELD_KEYS, enteredPtpFields, isMergeField, renderTemplate, templateFields, titleFor, politeName } from './merge';

describe('titleFor', () => {
  it('zh-CN and en', () => {
    expect(titleFor('M', 'zh-CN')).toBe('先生');
    expect(titleFor('F', 'zh-CN')).toBe('女士');
    expect(titleFor('M', 'en')).toBe('Mr.');
    expect(titleFor('F', 'en')).toBe('Ms.');
    expect(titleFor(null, 'zh-CN')).toBe('');
    expect(titleFor(null, 'en')).toBe('');
  });
});

describe('renderTemplate', () => {
  it('replaces known fields', () => {
    expect(renderTemplate('{{debtorName}}{{debtorTitle}}，逾期{{ dpd }}天，金额{{overdueAmount}}。', {
      debtorName: '张伟', debtorTitle: '先生', dpd: '12', overdueAmount: '¥3,200.00',
    })).toBe('张伟先生，逾期12天，金额¥3,200.00。');
  });
  it('keeps unknown and missing fields literally', () => {
    expect(renderTemplate('{{nickname}} {{debtorName}} {{ptpDate}}', { debtorName: 'Li' })).toBe('{{nickname}} Li {{ptpDate}}');
    expect(renderTemplate('{{constructor}}{{toString}}', {})).toBe('{{constructor}}{{toString}}');
  });
  it('an empty value is a value', () => {
    expect(renderTemplate('张伟{{debtorTitle}}', { debtorTitle: '' })).toBe('张伟');
  });
  it('does not expand merged values again', () => {
    expect(renderTemplate('{{debtorName}}', { debtorName: '{{agentNo}}', agentNo: '007' })).toBe('{{agentNo}}');
  });
  it('leaves text without fields unchanged (property)', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('{{')), (s) => {
      expect(renderTemplate(s, { debtorName: 'x' })).toBe(s);
    }));
  });
});

describe('templateFields', () => {
  it('lists each field once in order, known or not', () => {
    expect(templateFields('{{a}} {{debtorName}} {{ a }} {{dpd}}{{debtorName}}')).toEqual(['a', 'debtorName', 'dpd']);
    expect(templateFields('no fields {single}')).toEqual([]);
  });
  it('knows the merge field keys', () => {
    expect(MERGE_FIELD_KEYS).toHaveLength(12);
    expect(isMergeField('agentNo')).toBe(true);
    expect(isMergeField('hasOwnProperty')).toBe(false);
  });
});

describe('politeName', () => {
  it('puts the title after a Chinese name in zh-CN and before it in English', () => {
    expect(politeName('刘思琪', 'F', 'zh-CN').text).toBe('刘思琪女士');
    expect(politeName('刘思琪', 'F', 'en').text).toBe('Ms. 刘思琪');
    expect(politeName('王强', 'M', 'en')).toMatchObject({ title: 'Mr.', titleFirst: true, text: 'Mr. 王强' });
    expect(politeName('王强', null, 'en').text).toBe('王强');
  });
});

describe('enteredPtpFields (the promise being entered, issue 9 #2)', () => {
  const fmt = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
  it('merges the terms typed, read as spoken dates', () => {
    expect(enteredPtpFields({ amountFen: 100_000, date: '2026-03-05' }, '2026-03-02', 'zh-CN', fmt)).toEqual({ ptpDate: '3月5日', ptpAmount: '¥1000.00' });
    expect(enteredPtpFields({ amountFen: 100_000, date: '2026-03-05' }, '2026-03-02', 'en', fmt)).toEqual({ ptpDate: '5 March', ptpAmount: '¥1000.00' });
    expect(enteredPtpFields({ amountFen: 1, date: '2027-01-04' }, '2026-12-20', 'zh-CN', fmt).ptpDate).toBe('2027年1月4日');
    expect(enteredPtpFields({ amountFen: 1, date: '2027-01-04' }, '2026-12-20', 'en', fmt).ptpDate).toBe('4 January 2027');
  });
  it('a part not entered (or not valid) reads as a placeholder', () => {
    expect(enteredPtpFields({ amountFen: null, date: null }, '2026-03-02', 'zh-CN', fmt)).toEqual({ ptpDate: '（约定日期）', ptpAmount: '（约定金额）' });
    expect(enteredPtpFields({ amountFen: 0, date: 'garbage' }, '2026-03-02', 'en', fmt)).toEqual({ ptpDate: '(agreed date)', ptpAmount: '(agreed amount)' });
  });
});
