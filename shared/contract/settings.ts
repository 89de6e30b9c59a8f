import { z } from 'zod';
import { Locale } from '../domain/enums';
import { DeskSettings } from './common';
import { Empty, route } from './route';

export const settingsRoutes = {
  'settings.get': route({ access: 'public', input: Empty, output: DeskSettings }),
  'settings.update': route({
    access: 'agent',
    input: z.object({ locale: Locale.optional(), timeZone: z.string().min(1).max(64).optional() }).strict(),
    output: DeskSettings,
  }),
};
