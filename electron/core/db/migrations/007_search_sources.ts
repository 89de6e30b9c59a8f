import type { Migration } from './types';

/**
 * Indexes for the search sources the queue and the lead's table share (electron/core/queue/search.ts):
 * a contact's name, and the account/card number's last four (printed on every queue row).
 * And the queue's head: `followup_at` is the case's pending follow-up time (kept by
 * recomputeCase); cases whose follow-up has come lead the queue, read in order from
 * cases_followup (electron/core/queue/due-followups.ts).
 */
export const migration007: Migration = {
  version: 7,
  name: 'search_sources',
  up: /* sql */ `
CREATE INDEX contacts_name ON contacts (name);
CREATE INDEX cases_account_tail4 ON cases (substr(account_no, -4));
ALTER TABLE cases ADD COLUMN followup_at TEXT;
UPDATE cases SET followup_at = (SELECT min(f.due_at) FROM follow_ups f WHERE f.case_id = cases.id AND f.state = 'pending');
CREATE INDEX cases_followup ON cases (assigned_agent_id, followup_at, priority DESC, id, status, overdue_since, debtor_id, batch_id) WHERE followup_at IS NOT NULL;
-- batch_id joins the due index so a batch-number search counts the due part from the index alone.
DROP INDEX cases_due;
CREATE INDEX cases_due ON cases (assigned_agent_id, next_due_at, priority DESC, id, status, overdue_since, debtor_id, batch_id);
`,
};
