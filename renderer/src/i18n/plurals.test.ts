/** #22: counts read as English does ("1 case", not "1 cases" or "1 case(s)"); zh-CN has one form. */
import { describe, expect, it } from 'vitest';
import { i18n } from './index';

describe('plurals', () => {
  it('English picks the singular for 1 and the plural otherwise', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('queue.total', { count: 1 })).toBe('1 case');
    expect(i18n.t('queue.total', { count: 3 })).toBe('3 cases');
    expect(i18n.t('queue.totalAtLeast', { count: 3000 })).toBe('at least 3000 cases'); // a broad search counted only so far
    expect(i18n.t('lead.total', { count: 1 })).toBe('1 case');
    expect(i18n.t('lead.assigned', { count: 1, name: 'Li' })).toBe('1 case assigned to Li');
    expect(i18n.t('queue.assignedToYou', { count: 2 })).toBe('Your lead assigned you 2 new cases; they are in your queue');
    expect(i18n.t('queue.assignedToYou', { count: 1 })).toBe('Your lead assigned you 1 new case; it is in your queue');
    // the top bar's count is short enough to need no plural (it sits in the follow-up pill)
    expect(i18n.t('topbar.dueCount', { count: 1 })).toBe('1 due');
  });

  it('zh-CN reads the same for any count', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('queue.total', { count: 1 })).toBe('共 1 件');
    expect(i18n.t('queue.totalAtLeast', { count: 3000 })).toBe('至少 3000 件');
    expect(i18n.t('lead.total', { count: 12 })).toBe('共 12 件');
  });

  it('no English count is written "case(s)"', async () => {
    const en = (await import('./en')).default;
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(en);
    expect(texts.filter((s) => /\bcase\(s\)/.test(s))).toEqual([]);
  });
});
