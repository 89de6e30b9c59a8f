import type { Migration } from './types';

/**
 * Outbound SMS and letters (issue 11): every message as it went out — time, destination (the
 * full number or address: the screen masks it), the text, and what the gateway answered.
 */
export const migration015: Migration = {
  version: 15,
  name: 'messages',
  up: /* sql */ `
CREATE TABLE messages (
  id                TEXT PRIMARY KEY,
  client_request_id TEXT NOT NULL UNIQUE,
  case_id           INTEGER NOT NULL,
  agent_id          INTEGER,
  channel           TEXT NOT NULL CHECK (channel IN ('sms', 'letter')),
  template_id       TEXT NOT NULL,
  party             TEXT NOT NULL,
  phone_id          INTEGER,
  destination       TEXT NOT NULL,
  subject           TEXT NOT NULL DEFAULT '',
  content           TEXT NOT NULL,
  gateway           TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('sending', 'recorded', 'sent', 'failed')),
  gateway_ref       TEXT,
  error             TEXT,
  created_at        TEXT NOT NULL,
  sent_at           TEXT
) STRICT;
CREATE INDEX messages_case ON messages (case_id, created_at);
`,
};
