import type { Migration } from './types';

/**
 * Issue 9: a visit's address on its 催记; numbers and contacts added by hand keep the desk's key
 * (a provisional row, negative id, until the hub's row with the same key comes back); why an
 * agent marked a number bad (空号/停机/非本人).
 */
export const migration013: Migration = {
  version: 13,
  name: 'channels_phones',
  up: /* sql */ `
ALTER TABLE attempts ADD COLUMN visit_address TEXT;
ALTER TABLE phones ADD COLUMN mark TEXT CHECK (mark IN ('empty', 'suspended', 'wrong_person'));
ALTER TABLE phones ADD COLUMN client_key TEXT;
ALTER TABLE contacts ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX phones_client_key ON phones (client_key) WHERE client_key IS NOT NULL;
CREATE UNIQUE INDEX contacts_client_key ON contacts (client_key) WHERE client_key IS NOT NULL;
`,
};
