/**
 * Hub tables of the contact rules (issue 11), the same on SQLite and PostgreSQL:
 * - attempt_checks: every pushed phone attempt as the hub judged it, at its effective time (the
 *   desk's time corrected by the desk's measured clock offset, never before an earlier attempt of
 *   the same device): the day's counts are read from here, in the hub's order.
 * - contact_overrides: a lead's one-call overrides, used once by an attempt.
 */
export const CONTACT_RULES_SCHEMA = /* sql */ `
CREATE TABLE attempt_checks (
  attempt_id   TEXT PRIMARY KEY,
  team_id      BIGINT NOT NULL,
  case_id      BIGINT NOT NULL,
  debtor_id    BIGINT NOT NULL,
  phone_id     BIGINT NOT NULL,
  owner        TEXT NOT NULL,
  agent_id     BIGINT NOT NULL,
  device_id    TEXT NOT NULL,
  device_at    TEXT NOT NULL,
  effective_at TEXT NOT NULL,
  connected    INTEGER NOT NULL,
  rules        TEXT NOT NULL,
  override_id  TEXT,
  received_at  TEXT NOT NULL
);
CREATE INDEX attempt_checks_phone ON attempt_checks (phone_id, effective_at);
CREATE INDEX attempt_checks_debtor ON attempt_checks (debtor_id, effective_at);
CREATE INDEX attempt_checks_device ON attempt_checks (device_id, effective_at);

CREATE TABLE contact_overrides (
  id              TEXT PRIMARY KEY,
  team_id         BIGINT NOT NULL,
  case_id         BIGINT NOT NULL,
  phone_id        BIGINT NOT NULL,
  lead_id         BIGINT NOT NULL,
  reason          TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  used_at         TEXT,
  used_by_attempt TEXT
);
CREATE INDEX contact_overrides_case ON contact_overrides (case_id, phone_id);
`;
