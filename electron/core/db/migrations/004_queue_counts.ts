import type { Migration } from './types';

/**
 * Exact per-agent, per-status case counts kept by triggers, so the queue's unfiltered total is
 * a lookup instead of a count over 100,000 index entries. Backfilled from the cases table.
 */
export const migration004: Migration = {
  version: 4,
  name: 'queue_counts',
  up: /* sql */ `
CREATE TABLE case_counts (
  agent_id INTEGER NOT NULL,  -- 0 = unassigned
  status   TEXT NOT NULL,
  n        INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (agent_id, status)
) STRICT, WITHOUT ROWID;

INSERT INTO case_counts (agent_id, status, n)
  SELECT coalesce(assigned_agent_id, 0), status, count(*) FROM cases GROUP BY 1, 2;

CREATE TRIGGER case_counts_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO case_counts (agent_id, status, n) VALUES (coalesce(NEW.assigned_agent_id, 0), NEW.status, 1)
    ON CONFLICT (agent_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_counts_delete AFTER DELETE ON cases
BEGIN
  UPDATE case_counts SET n = n - 1 WHERE agent_id = coalesce(OLD.assigned_agent_id, 0) AND status = OLD.status;
END;

CREATE TRIGGER case_counts_update AFTER UPDATE OF status, assigned_agent_id ON cases
  WHEN OLD.status IS NOT NEW.status OR OLD.assigned_agent_id IS NOT NEW.assigned_agent_id
BEGIN
  UPDATE case_counts SET n = n - 1 WHERE agent_id = coalesce(OLD.assigned_agent_id, 0) AND status = OLD.status;
  INSERT INTO case_counts (agent_id, status, n) VALUES (coalesce(NEW.assigned_agent_id, 0), NEW.status, 1)
    ON CONFLICT (agent_id, status) DO UPDATE SET n = n + 1;
END;
`,
};
