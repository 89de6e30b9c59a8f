import { z } from 'zod';
import { AgentInfo } from './common';
import { Empty, Ok, route } from './route';

export const authRoutes = {
  'auth.login': route({
    access: 'public',
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: z.object({ agent: AgentInfo }),
  }),
  'auth.logout': route({ access: 'agent', input: Empty, output: Ok }),
  'auth.session': route({ access: 'public', input: Empty, output: z.object({ agent: AgentInfo.nullable() }) }),
};
