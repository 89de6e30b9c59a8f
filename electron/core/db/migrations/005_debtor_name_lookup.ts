import type { Migration } from './types';

/**
 * A narrow (id, name) index on debtors. Searching the queue by a common surname walks the
 * agent's cases in queue order and tests each debtor's name; looking the name up here instead
 * of in the wide debtors row (addresses, employer…) makes that walk about 4x cheaper.
 */
export const migration005: Migration = {
  version: 5,
  name: 'debtor_name_lookup',
  up: /* sql */ `
CREATE INDEX debtors_id_name ON debtors (id, name);
`,
};
