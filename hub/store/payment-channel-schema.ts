/**
 * Hub migration 8 (issue 9), the same on SQLite and PostgreSQL: a payment's channel, transaction
 * number and verification (a claimed payment is unverified until a lead of the team decides;
 * only a verified one counts), and a call record's softphone recording reference.
 */
export const PAYMENT_CHANNEL_SCHEMA = /* sql */ `
ALTER TABLE payments ADD COLUMN channel TEXT;
ALTER TABLE payments ADD COLUMN txn_no TEXT;
ALTER TABLE payments ADD COLUMN verification TEXT NOT NULL DEFAULT 'verified';
ALTER TABLE payments ADD COLUMN verified_by BIGINT;
ALTER TABLE payments ADD COLUMN verified_at TEXT;
ALTER TABLE payments ADD COLUMN verify_reason TEXT;
CREATE INDEX payments_txn ON payments (case_id, txn_no);
ALTER TABLE attempts ADD COLUMN recording_ref TEXT;
`;
