import type { Migration } from './types';

/** The agent's work: append-only attempts (催记), promises, payments, follow-ups, drafts. */
export const migration002: Migration = {
  version: 2,
  name: 'work_records',
  up: /* sql */ `
CREATE TABLE attempts (
  id                TEXT PRIMARY KEY,
  client_request_id TEXT NOT NULL UNIQUE,
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  agent_id          INTEGER NOT NULL REFERENCES agents (id),
  phone_id          INTEGER REFERENCES phones (id),
  channel           TEXT NOT NULL CHECK (channel IN ('phone', 'sms', 'letter', 'visit', 'email')),
  party             TEXT NOT NULL CHECK (party IN ('self', 'spouse', 'co_borrower', 'guarantor', 'third_party', 'none')),
  outcome_code      TEXT NOT NULL,
  note              TEXT NOT NULL,
  call_started_at   TEXT,
  duration_sec      INTEGER NOT NULL DEFAULT 0 CHECK (duration_sec >= 0),
  claimed_paid_date TEXT,
  steps_done        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(steps_done)),
  scenario          TEXT,
  at                TEXT NOT NULL
) STRICT;
CREATE INDEX attempts_case ON attempts (case_id, at);
CREATE INDEX attempts_agent_at ON attempts (agent_id, at);
-- A 催记 is evidence: never edited away; a correction is a new record.
CREATE TRIGGER attempts_no_update BEFORE UPDATE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER attempts_no_delete BEFORE DELETE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;

CREATE TABLE promises (
  id               TEXT PRIMARY KEY,
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  attempt_id       TEXT REFERENCES attempts (id),
  agent_id         INTEGER REFERENCES agents (id),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen > 0),
  due_date         TEXT NOT NULL,
  created_date     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'kept', 'partial', 'broken', 'cancelled')),
  paid_fen         INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  state_changed_at TEXT
) STRICT;
CREATE INDEX promises_case ON promises (case_id, created_at);
CREATE INDEX promises_pending_due ON promises (due_date) WHERE state = 'pending';
CREATE INDEX promises_attempt ON promises (attempt_id);

CREATE TABLE payments (
  id         TEXT PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases (id),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_date  TEXT NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('creditor', 'agent', 'auto_debit')),
  agent_id   INTEGER REFERENCES agents (id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_case ON payments (case_id, paid_date);

CREATE TABLE follow_ups (
  id          TEXT PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases (id),
  agent_id    INTEGER REFERENCES agents (id),
  attempt_id  TEXT REFERENCES attempts (id),
  due_at      TEXT NOT NULL,
  reason      TEXT,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'cancelled')),
  notified_at TEXT,
  created_at  TEXT NOT NULL,
  closed_at   TEXT
) STRICT;
CREATE INDEX follow_ups_case ON follow_ups (case_id, state);
CREATE INDEX follow_ups_pending_due ON follow_ups (due_at) WHERE state = 'pending';
CREATE INDEX follow_ups_attempt ON follow_ups (attempt_id);

CREATE TABLE drafts (
  case_id  INTEGER NOT NULL REFERENCES cases (id),
  agent_id INTEGER NOT NULL REFERENCES agents (id),
  body     TEXT NOT NULL CHECK (json_valid(body)),
  saved_at TEXT NOT NULL,
  PRIMARY KEY (case_id, agent_id)
) STRICT, WITHOUT ROWID;
`,
};
