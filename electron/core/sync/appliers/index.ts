/**
 * How the desk stores each synced entity. The map is typed over the shared entity names: an
 * entity without an applier does not compile, and indexing it with a generic name gives the
 * applier of exactly that entity's row type (no casts from the validated rows).
 */
import type { EntityName } from '../../../../shared/sync';
import { agent } from './agents';
import { contactOverride } from './contact';
import { message } from './messages';
import { batch, kase } from './cases';
import { contact, debtor, phone } from './debtors';
import { conflict, rejection, target } from './hub-records';
import { outcomeCode, script, setting } from './reference';
import type { EntityApplier } from './scope';
import { attempt, followUp, payment, promise } from './work';

export type EntityAppliers = { readonly [E in EntityName]: EntityApplier<E> };

export const ENTITY_APPLIERS: EntityAppliers = {
  agent, debtor, contact, phone, batch, case: kase, attempt, promise, payment, followUp, outcomeCode, script, setting, target, rejection, conflict, contactOverride, message,
};
