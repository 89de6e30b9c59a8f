import type { Migration } from './types';

/**
 * The desk side of hub sync:
 * - sync_state keeps the hub session (URL, user, token and its expiry — never the password)
 *   and a local scrypt verifier so the agent can log in while the hub is unreachable;
 * - sync_rejections: work the hub refused for good (pulled as `rejection` rows, shown to the agent);
 * - hub_rows: pulled rows the desk keeps but has no table of its own for (targets, conflicts);
 * - cases.preferred_phone_id: the agent-owned preferred number (last write in hub order wins);
 * - sync_apply: a flag row set ONLY inside a pull-apply transaction. While it is set the
 *   append-only triggers on attempts let the apply replace a row with the hub's version or drop
 *   the rows of a case that left this desk's scope (each drop is audited). The flag never
 *   outlives its transaction, so every other writer still meets the triggers.
 */
export const migration006: Migration = {
  version: 6,
  name: 'sync_client',
  up: /* sql */ `
ALTER TABLE sync_state ADD COLUMN hub_url TEXT;
ALTER TABLE sync_state ADD COLUMN hub_username TEXT;
ALTER TABLE sync_state ADD COLUMN hub_agent_id INTEGER;
ALTER TABLE sync_state ADD COLUMN hub_display_name TEXT;
ALTER TABLE sync_state ADD COLUMN hub_role TEXT CHECK (hub_role IN ('agent', 'lead', 'admin'));
ALTER TABLE sync_state ADD COLUMN token TEXT;
ALTER TABLE sync_state ADD COLUMN token_expires_at TEXT;
ALTER TABLE sync_state ADD COLUMN offline_verifier TEXT CHECK (offline_verifier IS NULL OR offline_verifier LIKE 'scrypt$%');
ALTER TABLE sync_state ADD COLUMN acked_mutation_id INTEGER NOT NULL DEFAULT 0;

ALTER TABLE cases ADD COLUMN preferred_phone_id INTEGER;

CREATE TABLE sync_rejections (
  id          INTEGER PRIMARY KEY,
  device_id   TEXT NOT NULL,
  mutation_id INTEGER NOT NULL,
  name        TEXT NOT NULL,
  args        TEXT NOT NULL CHECK (json_valid(args)),
  case_id     INTEGER,
  reason      TEXT NOT NULL,
  detail      TEXT,
  at          TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;
CREATE INDEX sync_rejections_at ON sync_rejections (at);

CREATE TABLE hub_rows (
  entity TEXT NOT NULL,
  key    TEXT NOT NULL,
  row    TEXT NOT NULL CHECK (json_valid(row)),
  PRIMARY KEY (entity, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_apply (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;

DROP TRIGGER attempts_no_update;
DROP TRIGGER attempts_no_delete;
CREATE TRIGGER attempts_no_update BEFORE UPDATE ON attempts WHEN NOT EXISTS (SELECT 1 FROM sync_apply)
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER attempts_no_delete BEFORE DELETE ON attempts WHEN NOT EXISTS (SELECT 1 FROM sync_apply)
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
`,
};
