import { describe, expect, it } from 'vitest';
import { PAYMENT_MAX_AGE_DAYS, checkPayment, paymentEffects, type PaymentBalances, type PaymentCase } from './payment-rules';
import { addDays } from './dates';

const c: PaymentCase = { balanceFen: 100_000, status: 'open', entrustDate: null };
const rules = (amountFen: number, paidDate: string, over: Partial<PaymentCase> = {}, today = '2026-03-10') =>
  checkPayment({ amountFen, paidDate }, { ...c, ...over }, today).map((v) => v.rule);

describe('checkPayment', () => {
  it('a payment up to the whole balance, dated today or earlier, passes', () => {
    expect(rules(100_000, '2026-03-10')).toEqual([]);
    expect(rules(1, '2026-03-01')).toEqual([]);
  });
  it('amounts: above 0 and never above the balance (an overpayment is the creditor\'s to report)', () => {
    expect(rules(0, '2026-03-10')).toEqual(['payment.amountPositive']);
    expect(rules(-1, '2026-03-10')).toEqual(['payment.amountPositive']);
    expect(rules(Number.NaN, '2026-03-10')).toEqual(['payment.amountPositive']);
    expect(checkPayment({ amountFen: 100_001, paidDate: '2026-03-10' }, c, '2026-03-10')).toEqual([
      { field: 'amountFen', rule: 'payment.amountAboveBalance', params: { balance: '¥1,000.00', balanceFen: 100_000 } },
    ]);
    expect(rules(Number.MAX_SAFE_INTEGER, '2026-03-10')).toEqual(['payment.amountAboveBalance']);
  });
  it('closed and paid cases take no payment; held and promised ones do', () => {
    expect(rules(1, '2026-03-10', { status: 'closed' })).toEqual(['payment.caseClosed']);
    expect(rules(1, '2026-03-10', { status: 'paid', balanceFen: 0 })).toEqual(['payment.amountAboveBalance', 'payment.caseClosed']);
    expect(rules(1, '2026-03-10', { status: 'hold' })).toEqual([]);
    expect(rules(1, '2026-03-10', { status: 'ptp' })).toEqual([]);
  });
  it('dates: real, not after today, not before the case was entrusted nor absurdly old', () => {
    expect(rules(1, '2026-02-30')).toEqual(['payment.dateInvalid']);
    expect(rules(1, '2026-03-11')).toEqual(['payment.dateInFuture']);
    expect(rules(1, '9999-12-31')).toEqual(['payment.dateInFuture']);
    const oldest = addDays('2026-03-10', -PAYMENT_MAX_AGE_DAYS);
    expect(rules(1, oldest)).toEqual([]);
    expect(checkPayment({ amountFen: 1, paidDate: addDays(oldest, -1) }, c, '2026-03-10')).toEqual([{ field: 'paidDate', rule: 'payment.dateTooOld', params: { earliest: oldest } }]);
    expect(rules(1, '1900-01-01')).toEqual(['payment.dateTooOld']);
    expect(rules(1, '2026-02-17', { entrustDate: '2026-02-18' })).toEqual(['payment.dateTooOld']);
    expect(rules(1, '2026-02-18', { entrustDate: '2026-02-18' })).toEqual([]);
    // an entrust date older than the age limit does not widen it
    expect(rules(1, addDays(oldest, -1), { entrustDate: '2020-01-01' })).toEqual(['payment.dateTooOld']);
  });
  it('reports every violation, amounts first (the desk answers the first)', () => {
    expect(rules(0, '2026-03-11', { status: 'closed' })).toEqual(['payment.amountPositive', 'payment.caseClosed', 'payment.dateInFuture']);
  });
});

describe('paymentEffects', () => {
  const b: PaymentBalances = { balanceFen: 100_000, overdueFen: 30_000, minDueFen: 5_000, lastPaymentDate: '2026-03-05', lastPaymentFen: 700, status: 'ptp' };
  it('lowers balance, overdue and minimum due, none below zero; the latest payment by date is the last', () => {
    expect(paymentEffects(b, { amountFen: 10_000, paidDate: '2026-03-09' })).toEqual({ ...b, balanceFen: 90_000, overdueFen: 20_000, minDueFen: 0, lastPaymentDate: '2026-03-09', lastPaymentFen: 10_000 });
    expect(paymentEffects(b, { amountFen: 40_000, paidDate: '2026-03-01' })).toMatchObject({ overdueFen: 0, lastPaymentDate: '2026-03-05', lastPaymentFen: 700 });
    expect(paymentEffects({ ...b, lastPaymentDate: null, lastPaymentFen: null }, { amountFen: 1, paidDate: '2026-03-01' })).toMatchObject({ lastPaymentDate: '2026-03-01', lastPaymentFen: 1 });
  });
  it('a zero balance makes the case paid, except on hold', () => {
    expect(paymentEffects(b, { amountFen: 100_000, paidDate: '2026-03-10' }).status).toBe('paid');
    expect(paymentEffects({ ...b, status: 'hold' }, { amountFen: 100_000, paidDate: '2026-03-10' }).status).toBe('hold');
    expect(paymentEffects(b, { amountFen: 99_999, paidDate: '2026-03-10' }).status).toBe('ptp');
  });
});
