import type { Locale } from '../../../shared/domain/enums';
import type { RouteOutput, ScriptView } from '../../../shared/contract';
import { bucketFor, scriptStageFor } from '../../../shared/domain/buckets';
import { dpd as dpdOf } from '../../../shared/domain/dates';
import { titleFor, type MergeFields } from '../../../shared/domain/merge';
import { formatFen } from '../../../shared/domain/money';
import { ScriptFile } from '../../../shared/domain/script-schema';
import { buildScriptView } from '../../../shared/domain/scripts';
import type { Ctx } from '../context';
import { loadCaseFor } from '../cases/case-get';
import type { CaseRow } from '../cases/rows';
import zhCN from '../../../resources/scripts/zh-CN.json';
import en from '../../../resources/scripts/en.json';

const BUNDLED: Record<Locale, unknown> = { 'zh-CN': zhCN, en };

/** Script files per locale, stored in the scripts table (seeded from resources/ on first run), parsed once. */
export class ScriptStore {
  private readonly parsed = new Map<Locale, ScriptFile>();
  constructor(private readonly ctx: Pick<Ctx, 'prep' | 'clock'>) {}

  seedIfEmpty(): void {
    const st = this.ctx.prep('INSERT OR IGNORE INTO scripts (locale, body, updated_at) VALUES (?, ?, ?)');
    for (const [locale, body] of Object.entries(BUNDLED)) {
      st.run(locale, JSON.stringify(ScriptFile.parse(body)), this.ctx.clock().toISOString());
    }
  }

  /** Scripts were replaced (pulled from the hub): parse again on next use. */
  invalidate(): void {
    this.parsed.clear();
  }

  get(locale: Locale): ScriptFile {
    let file = this.parsed.get(locale);
    if (!file) {
      const row = this.ctx.prep<{ body: string }>('SELECT body FROM scripts WHERE locale = ?').get(locale);
      file = ScriptFile.parse(row ? JSON.parse(row.body) : BUNDLED[locale]);
      this.parsed.set(locale, file);
    }
    return file;
  }
}

export interface MergeSources {
  c: Pick<CaseRow, 'overdue_fen' | 'min_due_fen' | 'balance_fen' | 'overdue_since' | 'creditor' | 'id'>;
  debtorName: string;
  gender: 'M' | 'F' | null;
  agentName: string;
  agentNo: string;
  institution: string;
}

/**
 * The case's fields merged by the core. {{ptpDate}} and {{ptpAmount}} stay in the text: they are
 * the promise being entered, which the renderer merges live from the note pane
 * (shared/domain/merge enteredPtpFields), never the case's earlier promise.
 */
export function mergeFieldsFor(s: MergeSources, locale: Locale, today: string): Partial<MergeFields> {
  return {
    debtorName: s.debtorName,
    debtorTitle: titleFor(s.gender, locale),
    overdueAmount: formatFen(s.c.overdue_fen, locale),
    minDue: formatFen(s.c.min_due_fen, locale),
    balance: formatFen(s.c.balance_fen, locale),
    dpd: String(dpdOf(s.c.overdue_since, today)),
    creditor: s.c.creditor,
    institution: s.institution,
    agentName: s.agentName,
    agentNo: s.agentNo,
  };
}

/** The case's script view, merged: what the agent reads and ticks. */
export function scriptViewFor(ctx: Ctx, store: ScriptStore, c: CaseRow, locale: Locale, today: string): ScriptView {
  const settings = ctx.settings();
  const stage = scriptStageFor(bucketFor(dpdOf(c.overdue_since, today), settings.bucketBounds));
  const d = ctx.prep<{ name: string; gender: string | null }>('SELECT name, gender FROM debtors WHERE id = ?').get(c.debtor_id);
  const agent = ctx.session.agent;
  const fields = mergeFieldsFor(
    {
      c,
      debtorName: d?.name ?? '',
      gender: d?.gender === 'M' || d?.gender === 'F' ? d.gender : null,
      agentName: agent?.displayName ?? '',
      agentNo: agent?.agentNo ?? '',
      institution: settings.institutionName,
    },
    locale,
    today,
  );
  return buildScriptView(store.get(locale), stage, fields);
}

export function scriptForCase(ctx: Ctx, store: ScriptStore, caseId: string, locale: Locale, today: string): RouteOutput<'script.forCase'> {
  return scriptViewFor(ctx, store, loadCaseFor(ctx, caseId), locale, today);
}
