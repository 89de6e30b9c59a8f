import type { Migration } from './types';

/**
 * Work plans and summaries (electron/core/reports): what people write into them. One row per
 * scope ('team' or 'agent:<id>') and period: the reflection of that period's summary and the
 * commitments of that period's plan (written in the previous summary's "next plan" or in the plan).
 * Desk-only text: it is the writer's own until a hub keeps it.
 */
export const migration009: Migration = {
  version: 9,
  name: 'reports',
  up: /* sql */ `
CREATE TABLE report_notes (
  scope       TEXT NOT NULL CHECK (scope = 'team' OR scope GLOB 'agent:[0-9]*'),
  from_date   TEXT NOT NULL,
  to_date     TEXT NOT NULL,
  reflection  TEXT NOT NULL DEFAULT '',
  commitments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(commitments) AND json_type(commitments) = 'array'),
  updated_at  TEXT NOT NULL,
  updated_by  INTEGER REFERENCES agents (id),
  PRIMARY KEY (scope, from_date, to_date)
) STRICT, WITHOUT ROWID;
`,
};
