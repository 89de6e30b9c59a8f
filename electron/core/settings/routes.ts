import type { settingsRoutes } from '../../../shared/contract/settings';
import { isValidTimeZone } from '../../../shared/domain/settings';
import { DeskFailure } from '../errors';
import type { DeskRuntime, Handlers } from '../runtime';
import { saveSettings } from './settings';

export const settingsHandlers = (rt: DeskRuntime): Handlers<keyof typeof settingsRoutes> => ({
  'settings.get': () => rt.core.ctx.settings(),
  'settings.update': (i) => {
    const { core } = rt;
    if (i.timeZone !== undefined && !isValidTimeZone(i.timeZone)) {
      throw new DeskFailure('VALIDATION', `unknown time zone ${i.timeZone}`, { field: 'timeZone', rule: 'settings.timeZoneUnknown', params: { timeZone: i.timeZone } });
    }
    core.ctx.db.transaction(() => saveSettings(core.ctx, i))();
    core.invalidate();
    core.days.check();
    return core.ctx.settings();
  },
});
