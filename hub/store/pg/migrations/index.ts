import { renderCompactKeys } from '../../compact-keys';
import { renderSchema } from '../../schema';
import { CONTACT_RULES_SCHEMA } from '../../contact-rules-schema';
import type { Migration } from '../../types';

/** PostgreSQL migrations, numbered; each runs in one transaction (under an advisory lock) with its schema_version row. */
export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', up: renderSchema('postgres') },
  { version: 2, name: 'compact keys', up: renderCompactKeys('postgres') },
  { version: 3, name: 'contact rules', up: CONTACT_RULES_SCHEMA },
];
