import { migration001 } from './001_reference_people_cases';
import { migration002 } from './002_work_records';
import { migration003 } from './003_audit_outbox_sync';
import { migration004 } from './004_queue_counts';
import { migration005 } from './005_debtor_name_lookup';
import { migration006 } from './006_sync_client';
import { migration007 } from './007_search_sources';
import { migration008 } from './008_dashboard';
import { migration009 } from './009_reports';
import { migration010 } from './010_team_second_pass';
import { migration011 } from './011_import_presets';
import { migration012 } from './012_contact_rules';
import { migration013 } from './013_channels_phones';
import { migration014 } from './014_payment_channel_dial';
import { migration015 } from './015_messages';
import { migration016 } from './016_case_time_zone';
import { migration017 } from './017_message_origin';
import { migration018 } from './018_case_debtor_name';
import { migration019 } from './019_fast_checks';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration016, migration017, migration018, migration019];
/** The newest version (versions run 1..N). */
export const LATEST_VERSION = MIGRATIONS.length;
