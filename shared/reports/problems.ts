import type { CaseStatus, CaseTag } from '../domain/enums';
import type { ProblemCategory } from './model';

/** The parts of an outcome code that say which problem it shows (teams edit codes: read the flags, not the names). */
export interface ProblemCode {
  code: string;
  isContact: boolean;
  addsTag: CaseTag | null;
  setsStatus: CaseStatus | null;
}

/**
 * The problem an outcome shows, for the summary's "problems by category": 死亡 deceased,
 * 投诉/争议 dispute (a complaint tag or a hold), 无力还款 unable, 拒绝还款 / 要求停止联系
 * unwilling, and any outcome that reached nobody (no answer, switched off, wrong number, 失联)
 * unreachable. A promise, a claim of payment or a message left is no problem (null).
 */
export function problemCategoryOf(c: ProblemCode): ProblemCategory | null {
  if (c.addsTag === 'deceased') return 'deceased';
  if (c.addsTag === 'complaint_risk' || c.setsStatus === 'hold') return 'dispute';
  if (c.addsTag === 'unable_to_pay') return 'unable';
  if (c.addsTag === 'refuses' || c.code === 'STOP_CONTACT') return 'unwilling';
  if (!c.isContact || c.addsTag === 'lost_contact') return 'unreachable';
  return null;
}

export const PROBLEM_ORDER: readonly ProblemCategory[] = ['unreachable', 'unwilling', 'unable', 'dispute', 'deceased'];
