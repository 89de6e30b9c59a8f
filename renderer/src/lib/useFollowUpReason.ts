import { useCallback } from 'react';
import zhCN from '../i18n/zh-CN';
import en from '../i18n/en';
import { followUpReasonIn } from './followup-reason';
import { useLocale, useSession } from './session';

const TEMPLATES = { 'zh-CN': zhCN.note.followUpReason, en: en.note.followUpReason };

/** A follow-up reason in the reader's language (history, alerts, the top-bar countdown). */
export function useFollowUpReason(): (reason: string) => string {
  const locale = useLocale();
  const codes = useSession((s) => s.outcomeCodes);
  return useCallback((reason: string) => followUpReasonIn(reason, codes, locale, TEMPLATES), [codes, locale]);
}
