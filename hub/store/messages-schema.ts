/**
 * Hub migration 9 (issue 11): outbound SMS and letters as the desks pushed them, re-checked —
 * the same on SQLite and PostgreSQL. The destination is kept masked, as the desk shows it.
 */
export const MESSAGES_SCHEMA = /* sql */ `
CREATE TABLE messages (
  id           TEXT PRIMARY KEY,
  team_id      BIGINT NOT NULL,
  case_id      BIGINT NOT NULL,
  agent_id     BIGINT NOT NULL,
  device_id    TEXT NOT NULL,
  phone_id     BIGINT,
  channel      TEXT NOT NULL CHECK (channel IN ('sms', 'letter')),
  template_id  TEXT NOT NULL,
  party        TEXT NOT NULL,
  destination  TEXT NOT NULL,
  subject      TEXT NOT NULL,
  content      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('recorded', 'sent', 'failed')),
  gateway      TEXT NOT NULL,
  at           TEXT NOT NULL,
  received_at  TEXT NOT NULL
);
CREATE INDEX messages_case ON messages (case_id, at);
`;
