import type { dialRoutes } from '../../../shared/contract/dial';
import type { DeskRuntime, Handlers } from '../runtime';
import { dialSettings, saveDialSettings, startDial } from './dial';
import type { DialFetch } from './http-adapter';

const globalFetch: DialFetch = (url, init) => fetch(url, init);

export const dialHandlers = (rt: DeskRuntime): Handlers<keyof typeof dialRoutes> => ({
  'dial.settings': () => dialSettings(rt.core.ctx),
  'dial.saveSettings': (i) => saveDialSettings(rt.core.ctx, i),
  'dial.start': (i) => startDial(rt.core.ctx, { fetch: rt.opts.dialFetch ?? globalFetch, openExternal: rt.opts.openExternal }, i),
});
