import type { Migration } from './types';

/** A lead's hand mapping of a creditor's columns (batch import), reused for that creditor's next file. */
export const migration011: Migration = {
  version: 11,
  name: 'import_presets',
  up: /* sql */ `
CREATE TABLE import_presets (
  creditor   TEXT PRIMARY KEY CHECK (length(creditor) BETWEEN 1 AND 64),
  mapping    TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'object'),
  updated_at TEXT NOT NULL
) STRICT;
`,
};
