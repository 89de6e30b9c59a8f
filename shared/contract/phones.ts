/** Numbers and contacts an agent adds or marks by hand on the case screen (issue 9). */
import { z } from 'zod';
import { Id, PhoneKind, Relation } from '../domain/enums';
import { CONTACT_NAME_MAX, PHONE_INPUT_MAX, PhoneMark } from '../domain/phone-entry';
import { PhoneView } from './cases';
import { route } from './route';

export const phoneRoutes = {
  /**
   * A number the debtor gave on the call: the debtor's own (contact null) or a new contact's
   * (name, relation). Stored at once, synced as 'phone.add'; a number the debtor already has is refused.
   */
  'phone.add': route({
    access: 'agent',
    input: z.object({
      caseId: Id,
      number: z.string().max(PHONE_INPUT_MAX * 4),
      kind: PhoneKind.nullable().optional(),
      contact: z.object({ name: z.string().max(CONTACT_NAME_MAX * 4), relation: Relation }).nullable(),
    }),
    output: z.object({ phone: PhoneView }),
  }),
  /** 空号 / 停机 / 非本人 marked by hand: the number becomes invalid; null withdraws a hand mark; synced as 'phone.mark'. */
  'phone.mark': route({
    access: 'agent',
    input: z.object({ caseId: Id, phoneId: Id, mark: PhoneMark.nullable() }),
    output: z.object({ phone: PhoneView }),
  }),
};
