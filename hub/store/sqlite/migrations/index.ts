import { renderCompactKeys } from '../../compact-keys';
import { renderSchema } from '../../schema';
import { CONTACT_RULES_SCHEMA } from '../../contact-rules-schema';
import type { Migration } from '../../types';

/** SQLite migrations, numbered; each runs in one transaction with its schema_version row. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', up: renderSchema('sqlite') },
  { version: 2, name: 'compact keys', up: renderCompactKeys('sqlite') },
  { version: 3, name: 'contact rules', up: CONTACT_RULES_SCHEMA },
];
