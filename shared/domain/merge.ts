import type { Locale } from './enums';

/** Values a script or template can merge; {{name}} in the text. */
export interface MergeFields {
  debtorName: string;
  debtorTitle: string; // 先生 / 女士 (Mr. / Ms.)
  overdueAmount: string; // already formatted money
  minDue: string;
  balance: string;
  dpd: string;
  creditor: string;
  institution: string; // 机构全称
  agentName: string;
  agentNo: string;
  ptpDate: string; // formatted, or a placeholder when no promise yet
  ptpAmount: string;
}

export function titleFor(gender: 'M' | 'F' | null, locale: Locale): string {
  throw new Error('not implemented');
}

/** Replace {{field}}; an unknown field stays visible as {{field}} so a broken template shows. */
export function renderTemplate(text: string, fields: Partial<MergeFields>): string {
  throw new Error('not implemented');
}

/** Field names a template uses (for validating templates on import). */
export function templateFields(text: string): string[] {
  throw new Error('not implemented');
}
