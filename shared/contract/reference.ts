import { z } from 'zod';
import { OutcomeCode } from './common';
import { Empty, route } from './route';

export const referenceRoutes = {
  /** Outcome codes and everything else the note pane needs that rarely changes. */
  'reference.get': route({ access: 'agent', input: Empty, output: z.object({ outcomeCodes: z.array(OutcomeCode) }) }),
};
