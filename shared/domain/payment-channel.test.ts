import { describe, expect, it } from 'vitest';
import { PaymentChannel, checkTxnNo, normalizeTxnNo } from './payment-channel';
import { checkVerify, initialVerification, paymentCounts, verificationAfter } from './payment-verify';
import { effectivePromiseState, periodFigures } from './kpi';

describe('transaction numbers', () => {
  it('trims, treats empty as none, and accepts bank-style numbers', () => {
    expect(normalizeTxnNo('  TX001122 ')).toBe('TX001122');
    expect(normalizeTxnNo('   ')).toBeNull();
    expect(normalizeTxnNo(undefined)).toBeNull();
    for (const ok of [null, '202603101234567890', 'ABC_123-456', 'a'.repeat(40), '123456']) expect(checkTxnNo(ok), String(ok)).toBeNull();
  });
  it('refuses short, long, CJK, inner spaces, leading punctuation, formulas and invisible characters', () => {
    for (const bad of ['12345', 'a'.repeat(41), '流水号123456', 'AB 123456', '-AB12345', '=1+2345678', 'AB\u200b123456', 'AB\u202e123456', 'ＡＢ123456']) {
      expect(checkTxnNo(bad), bad).toEqual({ field: 'txnNo', rule: 'payment.txnInvalid', params: { min: 6, max: 40 } });
    }
  });
  it('knows the five channels', () => {
    expect(PaymentChannel.options).toEqual(['bank_transfer', 'direct_debit', 'counter', 'creditor_app', 'other']);
  });
});

describe('verification', () => {
  it('only an agent claim starts unverified; only verified counts', () => {
    expect(initialVerification('agent', true)).toBe('unverified');
    expect(initialVerification('agent', false)).toBe('verified');
    expect(initialVerification('creditor', true)).toBe('verified');
    expect([undefined, 'verified', 'unverified', 'rejected'].map((v) => paymentCounts(v as never))).toEqual([true, true, false, false]);
  });
  it('decides an unverified payment once; a rejection needs a reason', () => {
    expect(checkVerify('unverified', 'confirm', null)).toBeNull();
    expect(checkVerify('unverified', 'reject', '对账无此笔')).toBeNull();
    expect(checkVerify('unverified', 'reject', ' ')).toEqual({ field: 'reason', rule: 'payment.rejectReason' });
    expect(checkVerify('verified', 'confirm', null)).toMatchObject({ rule: 'payment.notUnverified', params: { verification: 'verified' } });
    expect(checkVerify('rejected', 'confirm', null)).toMatchObject({ rule: 'payment.notUnverified' });
    expect(verificationAfter('confirm')).toBe('verified');
    expect(verificationAfter('reject')).toBe('rejected');
  });
  it('KPIs: an unverified payment is not recovered and keeps no promise', () => {
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const promise = { id: 'p', caseId: 1, amountFen: 1_000, dueDate: '2026-03-12', createdDate: '2026-03-05', state: 'pending' as const, stateChangedAt: null };
    const base = { period, today: '2026-03-20', graceDays: 1, timeZone: 'Asia/Shanghai', attempts: [], promises: [promise] };
    const claimed = periodFigures({ ...base, payments: [{ caseId: 1, amountFen: 1_000, paidDate: '2026-03-10', verification: 'unverified' }] });
    expect(claimed).toMatchObject({ recoveredFen: 0, payments: 0, kept: 0 });
    const verified = periodFigures({ ...base, payments: [{ caseId: 1, amountFen: 1_000, paidDate: '2026-03-10', verification: 'verified' }] });
    expect(verified).toMatchObject({ recoveredFen: 1_000, payments: 1, kept: 1 });
    expect(effectivePromiseState(promise, [{ caseId: 1, amountFen: 1_000, paidDate: '2026-03-10', verification: 'rejected' }], '2026-03-20', 1).state).toBe('broken');
  });
});
