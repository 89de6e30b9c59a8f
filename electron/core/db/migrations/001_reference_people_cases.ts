import type { Migration } from './types';

/** Reference data, agents, debtors with their contacts and phones, batches and cases. */
export const migration001: Migration = {
  version: 1,
  name: 'reference_people_cases',
  up: /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE agents (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
  display_name  TEXT NOT NULL,
  agent_no      TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE outcome_codes (
  code            TEXT PRIMARY KEY,
  hotkey          TEXT UNIQUE,
  label_zh        TEXT NOT NULL,
  label_en        TEXT NOT NULL,
  is_contact      INTEGER NOT NULL CHECK (is_contact IN (0, 1)),
  is_rpc          INTEGER NOT NULL CHECK (is_rpc IN (0, 1)),
  needs_ptp       INTEGER NOT NULL CHECK (needs_ptp IN (0, 1)),
  needs_follow_up INTEGER NOT NULL CHECK (needs_follow_up IN (0, 1)),
  needs_paid_date INTEGER NOT NULL CHECK (needs_paid_date IN (0, 1)),
  sets_status     TEXT CHECK (sets_status IN ('open', 'ptp', 'hold', 'paid', 'closed')),
  adds_tag        TEXT,
  locks_phone     INTEGER NOT NULL CHECK (locks_phone IN (0, 1)),
  sort            INTEGER NOT NULL
) STRICT;

CREATE TABLE scripts (
  locale     TEXT PRIMARY KEY CHECK (locale IN ('zh-CN', 'en')),
  body       TEXT NOT NULL CHECK (json_valid(body)),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE batches (
  id           INTEGER PRIMARY KEY,
  batch_no     TEXT NOT NULL UNIQUE,
  creditor     TEXT NOT NULL,
  entrust_date TEXT,
  expiry_date  TEXT,
  imported_at  TEXT NOT NULL
) STRICT;

CREATE TABLE debtors (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL CHECK (length(name) > 0),
  gender             TEXT CHECK (gender IN ('M', 'F')),
  id_number          TEXT,
  id_tail4           TEXT,
  birth_date         TEXT,
  home_address       TEXT,
  work_address       TEXT,
  registered_address TEXT,
  employer           TEXT,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX debtors_name ON debtors (name);
CREATE INDEX debtors_id_number ON debtors (id_number);
CREATE INDEX debtors_id_tail4 ON debtors (id_tail4);

CREATE TABLE contacts (
  id              INTEGER PRIMARY KEY,
  debtor_id       INTEGER NOT NULL REFERENCES debtors (id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  relation        TEXT NOT NULL CHECK (relation IN ('spouse', 'parent', 'child', 'sibling', 'colleague', 'friend', 'other', 'co_borrower', 'guarantor')),
  party           TEXT NOT NULL CHECK (party IN ('related', 'third_party')),
  refused_contact INTEGER NOT NULL DEFAULT 0 CHECK (refused_contact IN (0, 1))
) STRICT;
CREATE INDEX contacts_debtor ON contacts (debtor_id);

CREATE TABLE phones (
  id           INTEGER PRIMARY KEY,
  debtor_id    INTEGER NOT NULL REFERENCES debtors (id) ON DELETE CASCADE,
  contact_id   INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
  owner        TEXT NOT NULL CHECK (owner IN ('self', 'related', 'third_party')),
  kind         TEXT NOT NULL CHECK (kind IN ('mobile', 'home', 'work')),
  number       TEXT NOT NULL CHECK (length(number) >= 5),
  number_tail4 TEXT NOT NULL CHECK (length(number_tail4) = 4),
  status       TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'invalid', 'do_not_call')),
  CHECK ((owner = 'self') = (contact_id IS NULL))
) STRICT;
CREATE INDEX phones_debtor ON phones (debtor_id);
CREATE INDEX phones_number ON phones (number);
CREATE INDEX phones_tail4 ON phones (number_tail4);

CREATE TABLE cases (
  id                INTEGER PRIMARY KEY,
  debtor_id         INTEGER NOT NULL REFERENCES debtors (id),
  batch_id          INTEGER REFERENCES batches (id),
  creditor          TEXT NOT NULL,
  product           TEXT NOT NULL CHECK (product IN ('credit_card', 'personal_loan', 'consumer_loan', 'cash_loan')),
  account_no        TEXT NOT NULL,
  principal_fen     INTEGER NOT NULL CHECK (principal_fen >= 0),
  balance_fen       INTEGER NOT NULL CHECK (balance_fen >= 0),
  overdue_fen       INTEGER NOT NULL CHECK (overdue_fen >= 0),
  min_due_fen       INTEGER NOT NULL CHECK (min_due_fen >= 0),
  overdue_since     TEXT NOT NULL,
  last_payment_date TEXT,
  last_payment_fen  INTEGER,
  entrust_date      TEXT,
  expiry_date       TEXT,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ptp', 'hold', 'paid', 'closed')),
  tags              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  assigned_agent_id INTEGER REFERENCES agents (id),
  priority          INTEGER NOT NULL DEFAULT 0,
  next_due_at       TEXT,
  due_kind          TEXT CHECK (due_kind IN ('followup', 'ptp')),
  broken_promises   INTEGER NOT NULL DEFAULT 0 CHECK (broken_promises >= 0),
  refusals          INTEGER NOT NULL DEFAULT 0 CHECK (refusals >= 0),
  attempt_count     INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
  last_attempt_at   TEXT,
  last_outcome_code TEXT,
  updated_at        TEXT NOT NULL,
  CHECK ((next_due_at IS NULL) = (due_kind IS NULL))
) STRICT;
CREATE INDEX cases_queue ON cases (assigned_agent_id, priority DESC, id);
-- The due part of the queue in order (due time, then priority), covering its count and bucket filter.
CREATE INDEX cases_due ON cases (assigned_agent_id, next_due_at, priority DESC, id, status, overdue_since, debtor_id);
CREATE INDEX cases_bucket ON cases (assigned_agent_id, status, overdue_since);
CREATE INDEX cases_account ON cases (account_no);
CREATE INDEX cases_debtor ON cases (debtor_id);
CREATE INDEX cases_batch ON cases (batch_id);
`,
};
