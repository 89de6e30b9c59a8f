import type { Migration } from './types';

/**
 * Indexes for the lead's dashboard (electron/core/dashboard/query.ts): each aggregate over a
 * period reads one covering index range instead of the tables (a month of a 50-agent team is
 * ~150,000 attempts; the dashboard answers in well under 200 ms).
 */
export const migration008: Migration = {
  version: 8,
  name: 'dashboard',
  up: /* sql */ `
CREATE INDEX attempts_dashboard ON attempts (at, channel, agent_id, outcome_code, party);
CREATE INDEX promises_created ON promises (created_date, agent_id, amount_fen);
CREATE INDEX promises_due ON promises (due_date, state, agent_id);
CREATE INDEX payments_paid ON payments (paid_date, case_id, amount_fen);
`,
};
