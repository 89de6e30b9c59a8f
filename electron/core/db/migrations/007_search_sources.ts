import type { Migration } from './types';

/**
 * Indexes for the search sources the queue and the lead's table share (electron/core/queue/search.ts):
 * a contact's name, and the account/card number's last four (printed on every queue row).
 */
export const migration007: Migration = {
  version: 7,
  name: 'search_sources',
  up: /* sql */ `
CREATE INDEX contacts_name ON contacts (name);
CREATE INDEX cases_account_tail4 ON cases (substr(account_no, -4));
`,
};
