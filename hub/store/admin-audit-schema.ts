/**
 * Hub migration 3, both dialects: the hash-chained log of admin actions (hub/admin-audit.ts).
 * `admin_audit_head` holds the last seq and hash: its row lock orders concurrent appends, and it
 * lets a verifier notice rows cut off the end of the chain.
 */
import type { StoreKind } from './types';

export const ADMIN_AUDIT_GENESIS = '0'.repeat(64);

export function renderAdminAudit(kind: StoreKind): string {
  const big = kind === 'postgres' ? 'BIGINT' : 'INTEGER';
  const table = `
CREATE TABLE admin_audit (
  seq       ${big} PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  team_id   ${big},
  entity    TEXT,
  entity_id TEXT,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TABLE admin_audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  ${big} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO admin_audit_head (id, seq, hash) VALUES (1, 0, '${ADMIN_AUDIT_GENESIS}');
`;
  const guard =
    kind === 'postgres'
      ? `
CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit is append-only';
END
$$;
CREATE TRIGGER admin_audit_no_change BEFORE UPDATE OR DELETE ON admin_audit FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only();
`
      : `
CREATE TRIGGER admin_audit_no_update BEFORE UPDATE ON admin_audit BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;
CREATE TRIGGER admin_audit_no_delete BEFORE DELETE ON admin_audit BEGIN SELECT RAISE(ABORT, 'admin_audit is append-only'); END;
`;
  return table + guard;
}
