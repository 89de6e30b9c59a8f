import { renderAdminAudit } from '../../admin-audit-schema';
import { renderCompactKeys } from '../../compact-keys';
import { renderAdminActions } from '../../admin-actions';
import { renderImportSchema } from '../../import-schema';
import { renderSchema } from '../../schema';
import { CONTACT_RULES_SCHEMA } from '../../contact-rules-schema';
import { CHANNELS_PHONES_SCHEMA } from '../../channels-phones-schema';
import { PAYMENT_CHANNEL_SCHEMA } from '../../payment-channel-schema';
import { MESSAGES_SCHEMA } from '../../messages-schema';
import { DECISIONS_ZONES_SCHEMA } from '../../decisions-zones-schema';
import { QUIET_ATTEMPTS_SCHEMA } from '../../quiet-attempts-schema';
import type { Migration } from '../../types';

/** PostgreSQL migrations, numbered; each runs in one transaction (under an advisory lock) with its schema_version row. */
export const PG_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', up: renderSchema('postgres') },
  { version: 2, name: 'compact keys', up: renderCompactKeys('postgres') },
  { version: 3, name: 'admin actions', up: renderAdminActions('postgres') },
  { version: 4, name: 'batch imports', up: renderImportSchema('postgres') },
  { version: 5, name: 'admin audit', up: renderAdminAudit('postgres') },
  { version: 6, name: 'contact rules', up: CONTACT_RULES_SCHEMA },
  { version: 7, name: 'channels and phones', up: CHANNELS_PHONES_SCHEMA },
  { version: 8, name: 'payment channel and dial', up: PAYMENT_CHANNEL_SCHEMA },
  { version: 9, name: 'messages', up: MESSAGES_SCHEMA },
  { version: 10, name: 'conflict decisions and debtor zones', up: DECISIONS_ZONES_SCHEMA },
  { version: 11, name: 'attempts that move only counters', up: QUIET_ATTEMPTS_SCHEMA },
];
