import type { Migration } from './types';

/**
 * Searching the queue by a bare surname (王: a tenth of the cases) must count and order its matches
 * in queue order. Through debtors that costs a lookup per case (tens of ms on 100k cases); a copy
 * of the debtor's name on the case, in an index that also holds the queue's order columns, makes
 * it one range read. Triggers keep the copy: every write path (import, sync, demo) stays as it is.
 */
export const migration018: Migration = {
  version: 18,
  name: 'case_debtor_name',
  up: /* sql */ `
ALTER TABLE cases ADD COLUMN debtor_name TEXT;
UPDATE cases SET debtor_name = (SELECT d.name FROM debtors d WHERE d.id = cases.debtor_id);
CREATE INDEX cases_name ON cases (assigned_agent_id, debtor_name, followup_at, next_due_at, priority, status, overdue_since);
CREATE TRIGGER cases_debtor_name_insert AFTER INSERT ON cases BEGIN
  UPDATE cases SET debtor_name = (SELECT d.name FROM debtors d WHERE d.id = NEW.debtor_id) WHERE id = NEW.id;
END;
CREATE TRIGGER cases_debtor_name_move AFTER UPDATE OF debtor_id ON cases WHEN NEW.debtor_id IS NOT OLD.debtor_id BEGIN
  UPDATE cases SET debtor_name = (SELECT d.name FROM debtors d WHERE d.id = NEW.debtor_id) WHERE id = NEW.id;
END;
CREATE TRIGGER debtors_name_cases AFTER UPDATE OF name ON debtors WHEN NEW.name IS NOT OLD.name BEGIN
  UPDATE cases SET debtor_name = NEW.name WHERE debtor_id = NEW.id;
END;
`,
};
