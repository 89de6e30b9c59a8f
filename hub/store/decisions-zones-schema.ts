/**
 * Hub migration 10, both dialects:
 * - conflicts.decision: what a lead decided on a conflict ('accept' | 'discard'; null for a note
 *   only), kept apart from the resolution's free text so reports and desks can read it.
 * - cases.time_zone: the debtor's IANA zone for the contact rules' quiet hours (null: the team's).
 */
export const DECISIONS_ZONES_SCHEMA = /* sql */ `
ALTER TABLE conflicts ADD COLUMN decision TEXT;
ALTER TABLE cases ADD COLUMN time_zone TEXT;
`;
