import type { Migration } from './types';

/**
 * The lead's dashboard (electron/core/dashboard/): a month of a 50-agent team is ~150,000 dial
 * attempts, too many to group on every refresh within 200 ms. Triggers keep `attempt_days`, the
 * dial attempts counted per local day, agent, outcome code and "reached the debtor in person";
 * the outcome code's flags (contact, RPC) are joined when read, so a changed code counts at once.
 * The local day uses the offset of the desk's zone kept in `dash_zone`; the dashboard rebuilds
 * the counts when the zone setting no longer matches it (the empty zone here: on first use).
 * Covering indexes serve the other aggregates (promises, payments, cases) from index ranges.
 */
export const migration008: Migration = {
  version: 8,
  name: 'dashboard',
  up: /* sql */ `
CREATE TABLE dash_zone (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  tz     TEXT NOT NULL,
  offset TEXT NOT NULL CHECK (offset GLOB '[+-][0-9]* minutes')
) STRICT;
INSERT INTO dash_zone (id, tz, offset) VALUES (1, '', '+0 minutes');

CREATE TABLE attempt_days (
  day          TEXT NOT NULL,
  agent_id     INTEGER NOT NULL,
  outcome_code TEXT NOT NULL,
  self         INTEGER NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (day, agent_id, outcome_code, self)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER attempt_days_insert AFTER INSERT ON attempts WHEN NEW.channel = 'phone'
BEGIN
  INSERT INTO attempt_days (day, agent_id, outcome_code, self, n)
  VALUES (date(NEW.at, (SELECT offset FROM dash_zone)), NEW.agent_id, NEW.outcome_code, NEW.party = 'self', 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER attempt_days_delete AFTER DELETE ON attempts WHEN OLD.channel = 'phone'
BEGIN
  UPDATE attempt_days SET n = n - 1
  WHERE day = date(OLD.at, (SELECT offset FROM dash_zone)) AND agent_id = OLD.agent_id AND outcome_code = OLD.outcome_code AND self = (OLD.party = 'self');
END;
-- A pull replaces a row with the hub's version (an upsert): take the old one out, put the new one in.
CREATE TRIGGER attempt_days_update AFTER UPDATE OF at, agent_id, channel, outcome_code, party ON attempts
BEGIN
  UPDATE attempt_days SET n = n - 1
  WHERE OLD.channel = 'phone' AND day = date(OLD.at, (SELECT offset FROM dash_zone)) AND agent_id = OLD.agent_id
    AND outcome_code = OLD.outcome_code AND self = (OLD.party = 'self');
  INSERT INTO attempt_days (day, agent_id, outcome_code, self, n)
  SELECT date(NEW.at, (SELECT offset FROM dash_zone)), NEW.agent_id, NEW.outcome_code, NEW.party = 'self', 1 WHERE NEW.channel = 'phone'
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE INDEX promises_created ON promises (created_date, agent_id, amount_fen);
CREATE INDEX promises_due ON promises (due_date, state, agent_id);
CREATE INDEX payments_paid ON payments (paid_date, case_id, amount_fen);
-- In the order the dashboard groups the books by: no sort of the team's cases.
CREATE INDEX cases_dashboard ON cases (assigned_agent_id, batch_id, overdue_since, status, balance_fen);
`,
};
