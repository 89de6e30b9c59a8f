import type { Migration } from './types';

/**
 * Issue 11: messages also arrive from the hub (an agent's SMS and letters reach the lead's desk
 * and the sender's other desks). `origin` tells the desk's own rows (full destination, masked on
 * display) from the hub's copies (stored as the hub keeps them: masked, never upgraded by a pull).
 */
export const migration017: Migration = {
  version: 17,
  name: 'message_origin',
  up: /* sql */ `
ALTER TABLE messages ADD COLUMN origin TEXT NOT NULL DEFAULT 'desk' CHECK (origin IN ('desk', 'hub'));
`,
};
