import type { Migration } from './types';

/**
 * Issue 9: a payment's channel (还款渠道) and transaction number (交易流水号) for reconciliation,
 * its verification (a claimed payment is 待核实 until a lead confirms or rejects it; only a
 * verified one counts), and the softphone's recording reference on a call record.
 */
export const migration014: Migration = {
  version: 14,
  name: 'payment_channel_dial',
  up: /* sql */ `
ALTER TABLE payments ADD COLUMN channel TEXT CHECK (channel IS NULL OR channel IN ('bank_transfer', 'direct_debit', 'counter', 'creditor_app', 'other'));
ALTER TABLE payments ADD COLUMN txn_no TEXT CHECK (txn_no IS NULL OR length(txn_no) BETWEEN 1 AND 64);
ALTER TABLE payments ADD COLUMN verification TEXT NOT NULL DEFAULT 'verified' CHECK (verification IN ('verified', 'unverified', 'rejected'));
ALTER TABLE payments ADD COLUMN verified_by INTEGER;
ALTER TABLE payments ADD COLUMN verified_at TEXT;
ALTER TABLE payments ADD COLUMN verify_reason TEXT;
CREATE INDEX payments_txn ON payments (case_id, txn_no) WHERE txn_no IS NOT NULL;
CREATE INDEX payments_unverified ON payments (created_at) WHERE verification = 'unverified';
ALTER TABLE attempts ADD COLUMN recording_ref TEXT CHECK (recording_ref IS NULL OR length(recording_ref) BETWEEN 1 AND 200);
`,
};
