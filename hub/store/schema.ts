import type { StoreKind } from './types';

/**
 * The hub's first schema, written once for both dialects. Tokens: {{id}} an auto id primary key,
 * {{big}} a 64-bit integer, {{real}} a float. Timestamps are ISO-8601 UTC text, booleans 0/1,
 * JSON text. Each store's migrations/001 renders it for its dialect.
 */
const INIT = `
CREATE TABLE teams (
  id         {{id}},
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id            {{id}},
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  agent_no      TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  team_id       {{big}} REFERENCES teams (id),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  feed_seq      {{big}} NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
CREATE INDEX users_team ON users (team_id, role);

CREATE TABLE tokens (
  hash       TEXT PRIMARY KEY,
  user_id    {{big}} NOT NULL REFERENCES users (id),
  device_id  TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE devices (
  device_id        TEXT PRIMARY KEY,
  user_id          {{big}} NOT NULL REFERENCES users (id),
  last_mutation_id {{big}} NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  last_push_at     TEXT
);

CREATE TABLE batches (
  id           {{big}} PRIMARY KEY,
  team_id      {{big}} NOT NULL REFERENCES teams (id),
  batch_no     TEXT NOT NULL,
  creditor     TEXT NOT NULL,
  entrust_date TEXT,
  expiry_date  TEXT,
  imported_at  TEXT NOT NULL
);
CREATE INDEX batches_team ON batches (team_id);

CREATE TABLE debtors (
  id                 {{big}} PRIMARY KEY,
  team_id            {{big}} NOT NULL REFERENCES teams (id),
  name               TEXT NOT NULL,
  gender             TEXT,
  id_number          TEXT,
  birth_date         TEXT,
  home_address       TEXT,
  work_address       TEXT,
  registered_address TEXT,
  employer           TEXT
);
CREATE INDEX debtors_team ON debtors (team_id);

CREATE TABLE contacts (
  id              {{big}} PRIMARY KEY,
  team_id         {{big}} NOT NULL,
  debtor_id       {{big}} NOT NULL REFERENCES debtors (id),
  name            TEXT NOT NULL,
  relation        TEXT NOT NULL,
  party           TEXT NOT NULL,
  refused_contact INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_debtor ON contacts (debtor_id);

CREATE TABLE phones (
  id         {{big}} PRIMARY KEY,
  team_id    {{big}} NOT NULL,
  debtor_id  {{big}} NOT NULL REFERENCES debtors (id),
  contact_id {{big}} REFERENCES contacts (id),
  owner      TEXT NOT NULL,
  kind       TEXT NOT NULL,
  number     TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'invalid', 'do_not_call'))
);
CREATE INDEX phones_debtor ON phones (debtor_id);

CREATE TABLE cases (
  id                 {{big}} PRIMARY KEY,
  team_id            {{big}} NOT NULL REFERENCES teams (id),
  debtor_id          {{big}} NOT NULL REFERENCES debtors (id),
  batch_id           {{big}},
  creditor           TEXT NOT NULL,
  product            TEXT NOT NULL,
  account_no         TEXT NOT NULL,
  principal_fen      {{big}} NOT NULL,
  balance_fen        {{big}} NOT NULL CHECK (balance_fen >= 0),
  overdue_fen        {{big}} NOT NULL CHECK (overdue_fen >= 0),
  min_due_fen        {{big}} NOT NULL CHECK (min_due_fen >= 0),
  overdue_since      TEXT NOT NULL,
  last_payment_date  TEXT,
  last_payment_fen   {{big}},
  entrust_date       TEXT,
  expiry_date        TEXT,
  status             TEXT NOT NULL CHECK (status IN ('open', 'ptp', 'hold', 'paid', 'closed')),
  tags               TEXT NOT NULL DEFAULT '[]',
  assigned_agent_id  {{big}} REFERENCES users (id),
  preferred_phone_id {{big}},
  broken_promises    INTEGER NOT NULL DEFAULT 0,
  refusals           INTEGER NOT NULL DEFAULT 0,
  attempt_count      INTEGER NOT NULL DEFAULT 0,
  last_attempt_at    TEXT,
  last_outcome_code  TEXT,
  updated_at         TEXT NOT NULL
);
CREATE INDEX cases_agent ON cases (assigned_agent_id);
CREATE INDEX cases_team ON cases (team_id);
CREATE INDEX cases_debtor ON cases (debtor_id);

-- Every agent a case was ever assigned to: their late work on it is accepted as history.
CREATE TABLE case_holders (
  case_id     {{big}} NOT NULL REFERENCES cases (id),
  user_id     {{big}} NOT NULL REFERENCES users (id),
  since       TEXT NOT NULL,
  released_at TEXT,
  PRIMARY KEY (case_id, user_id)
);

CREATE TABLE attempts (
  id                TEXT PRIMARY KEY,
  client_request_id TEXT NOT NULL,
  case_id           {{big}} NOT NULL REFERENCES cases (id),
  agent_id          {{big}} NOT NULL REFERENCES users (id),
  phone_id          {{big}},
  channel           TEXT NOT NULL,
  party             TEXT NOT NULL,
  outcome_code      TEXT NOT NULL,
  note              TEXT NOT NULL,
  call_started_at   TEXT,
  duration_sec      INTEGER NOT NULL,
  claimed_paid_date TEXT,
  steps_done        TEXT NOT NULL,
  scenario          TEXT,
  at                TEXT NOT NULL,
  device_id         TEXT,
  mutation_id       {{big}},
  received_at       TEXT NOT NULL
);
CREATE INDEX attempts_case ON attempts (case_id);

CREATE TABLE promises (
  id               TEXT PRIMARY KEY,
  case_id          {{big}} NOT NULL REFERENCES cases (id),
  attempt_id       TEXT,
  agent_id         {{big}},
  amount_fen       {{big}} NOT NULL,
  due_date         TEXT NOT NULL,
  created_date     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'kept', 'partial', 'broken', 'cancelled')),
  paid_fen         {{big}} NOT NULL DEFAULT 0,
  state_changed_at TEXT
);
CREATE INDEX promises_case ON promises (case_id);

CREATE TABLE payments (
  id         TEXT PRIMARY KEY,
  case_id    {{big}} NOT NULL REFERENCES cases (id),
  amount_fen {{big}} NOT NULL,
  paid_date  TEXT NOT NULL,
  source     TEXT NOT NULL,
  agent_id   {{big}},
  created_at TEXT NOT NULL
);
CREATE INDEX payments_case ON payments (case_id);

CREATE TABLE follow_ups (
  id         TEXT PRIMARY KEY,
  case_id    {{big}} NOT NULL REFERENCES cases (id),
  agent_id   {{big}},
  attempt_id TEXT,
  due_at     TEXT NOT NULL,
  reason     TEXT,
  state      TEXT NOT NULL CHECK (state IN ('pending', 'done', 'cancelled')),
  created_at TEXT NOT NULL,
  closed_at  TEXT
);
CREATE INDEX follow_ups_case ON follow_ups (case_id);

-- Reference data, per team; bodies are the wire rows as JSON.
CREATE TABLE outcome_codes (
  team_id {{big}} NOT NULL REFERENCES teams (id),
  code    TEXT NOT NULL,
  body    TEXT NOT NULL,
  PRIMARY KEY (team_id, code)
);
CREATE TABLE scripts (
  team_id    {{big}} NOT NULL REFERENCES teams (id),
  locale     TEXT NOT NULL,
  body       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (team_id, locale)
);
CREATE TABLE settings (
  team_id {{big}} NOT NULL REFERENCES teams (id),
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (team_id, key)
);
CREATE TABLE targets (
  id        {{id}},
  team_id   {{big}} NOT NULL REFERENCES teams (id),
  agent_id  {{big}},
  period    TEXT NOT NULL,
  metric    TEXT NOT NULL,
  value     {{real}} NOT NULL,
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL
);

-- Permanent business rejections: nothing a desk sends is silently dropped.
CREATE TABLE rejections (
  id          {{id}},
  user_id     {{big}} NOT NULL REFERENCES users (id),
  device_id   TEXT NOT NULL,
  mutation_id {{big}} NOT NULL,
  name        TEXT NOT NULL,
  args        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  detail      TEXT,
  at          TEXT NOT NULL,
  UNIQUE (device_id, mutation_id)
);

CREATE TABLE conflicts (
  id          {{id}},
  team_id     {{big}} NOT NULL REFERENCES teams (id),
  case_id     {{big}},
  kind        TEXT NOT NULL,
  detail      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by {{big}},
  resolution  TEXT
);
CREATE INDEX conflicts_team ON conflicts (team_id, resolved_at);

-- The change feed, fanned out on write: one row per (receiver, row), moved to the receiver's
-- next seq on every change (so it is compacted by construction). users.feed_seq is the counter,
-- locked by the writing transaction: a receiver never sees seq n+1 committed before n.
CREATE TABLE feed (
  user_id   {{big}} NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  seq       {{big}} NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('put', 'del')),
  PRIMARY KEY (user_id, entity, entity_id)
);
CREATE UNIQUE INDEX feed_user_seq ON feed (user_id, seq);
`;

export function renderSchema(kind: StoreKind): string {
  const t =
    kind === 'sqlite'
      ? { id: 'INTEGER PRIMARY KEY', big: 'INTEGER', real: 'REAL' }
      : { id: 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY', big: 'BIGINT', real: 'DOUBLE PRECISION' };
  return INIT.replace(/\{\{(id|big|real)\}\}/g, (_, k: 'id' | 'big' | 'real') => t[k]);
}
