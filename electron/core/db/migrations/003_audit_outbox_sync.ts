import type { Migration } from './types';

/** The hash-chained audit trail, the sync outbox and the device's sync state. */
export const migration003: Migration = {
  version: 3,
  name: 'audit_outbox_sync',
  up: /* sql */ `
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  agent_id  INTEGER,
  action    TEXT NOT NULL,
  entity    TEXT,
  entity_id TEXT,
  detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Every synced change writes its row here in the same transaction; rows leave only when
-- the hub reports them processed.
CREATE TABLE outbox (
  mutation_id INTEGER PRIMARY KEY CHECK (mutation_id > 0),
  name        TEXT NOT NULL,
  args        TEXT NOT NULL CHECK (json_valid(args)),
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE sync_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  device_id        TEXT NOT NULL,
  last_mutation_id INTEGER NOT NULL DEFAULT 0,
  pull_cursor      TEXT,
  last_sync_at     TEXT
) STRICT;
INSERT INTO sync_state (id, device_id, last_mutation_id)
  VALUES (1, lower(hex(randomblob(16))), 0);
`,
};
