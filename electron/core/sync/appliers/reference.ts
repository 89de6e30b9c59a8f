/** Reference data set centrally (outcome codes, scripts, team settings): a change drops the desk's caches. */
import { DeskSettings } from '../../../../shared/contract';
import { settingProblem } from '../../../../shared/domain/settings';
import { clearSettingWarning, refuseSetting } from '../../settings/warnings';
import { bool, type EntityApplier } from './scope';

const DESK_SETTING_KEYS = new Set(Object.keys(DeskSettings.shape).filter((k) => k !== 'locale'));
/** The desk's language stays the agent's own choice; team rules come from the hub. */
const localOnly = (key: string): boolean => key === 'locale' || key.startsWith('_');

export const outcomeCode: EntityApplier<'outcomeCode'> = {
  put(s, c) {
    if (c.hotkey !== null) s.p('UPDATE outcome_codes SET hotkey = NULL WHERE hotkey = ? AND code != ?').run(c.hotkey, c.code);
    s.p(`INSERT INTO outcome_codes (code, hotkey, label_zh, label_en, is_contact, is_rpc, needs_ptp, needs_follow_up, needs_paid_date,
         sets_status, adds_tag, locks_phone, sort)
       VALUES (@code, @hotkey, @zh, @en, @contact, @rpc, @ptp, @fu, @paid, @status, @tag, @lock, @sort)
       ON CONFLICT (code) DO UPDATE SET hotkey = excluded.hotkey, label_zh = excluded.label_zh, label_en = excluded.label_en,
         is_contact = excluded.is_contact, is_rpc = excluded.is_rpc, needs_ptp = excluded.needs_ptp, needs_follow_up = excluded.needs_follow_up,
         needs_paid_date = excluded.needs_paid_date, sets_status = excluded.sets_status, adds_tag = excluded.adds_tag,
         locks_phone = excluded.locks_phone, sort = excluded.sort`)
      .run({
        code: c.code, hotkey: c.hotkey, zh: c.label['zh-CN'], en: c.label.en, contact: bool(c.isContact), rpc: bool(c.isRpc),
        ptp: bool(c.needsPtp), fu: bool(c.needsFollowUp), paid: bool(c.needsPaidDate), status: c.setsStatus, tag: c.addsTag,
        lock: bool(c.locksPhone), sort: c.sort,
      });
    s.result.referenceChanged = true;
  },
  del(s, key) {
    s.p('DELETE FROM outcome_codes WHERE code = ?').run(key);
    s.result.referenceChanged = true;
  },
};

export const script: EntityApplier<'script'> = {
  put(s, r) {
    s.p('INSERT INTO scripts (locale, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (locale) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(r.locale, JSON.stringify(r.body), r.updatedAt);
    s.result.referenceChanged = true;
  },
  del(s, key) {
    s.p('DELETE FROM scripts WHERE locale = ?').run(key);
    s.result.referenceChanged = true;
  },
};

export const setting: EntityApplier<'setting'> = {
  put(s, r) {
    if (localOnly(r.key)) return;
    // A value this desk cannot use (e.g. an unknown time zone from an older hub) is not stored:
    // the last good value stays in force and the sync status warns until a usable one comes.
    const problem = settingProblem(r.key, r.value);
    if (problem !== null) {
      refuseSetting(s.ctx, r.key, r.value, problem, s.now);
      return;
    }
    clearSettingWarning(s.ctx, r.key);
    s.p('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(r.key, JSON.stringify(r.value ?? null));
    if (DESK_SETTING_KEYS.has(r.key)) s.result.referenceChanged = true;
  },
  del(s, key) {
    if (localOnly(key)) return;
    clearSettingWarning(s.ctx, key);
    s.p('DELETE FROM settings WHERE key = ?').run(key);
    s.result.referenceChanged = true;
  },
};
