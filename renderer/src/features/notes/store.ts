import { create } from 'zustand';
import type { NoteDraft } from '../../../../shared/contract';
import type { Channel, Party } from '../../../../shared/domain/enums';
import type { FollowUpPreset } from '../../../../shared/domain/dates';
import { parseYuanToFen } from '../../../../shared/domain/money';
import { fieldGroup, type FieldGroup, type RuleLike } from '../../lib/errors';
import { newRequestId } from '../../lib/hotkeys';

export interface NoteFields {
  /** 电话 / 短信 / 信函 / 外访 / 邮件: what the record needs follows from it (shared/domain/channel-rules) */
  channel: Channel;
  /** 外访地址, typed or picked from the debtor's addresses; sent only for a visit */
  visitAddress: string;
  outcomeCode: string | null;
  party: Party | null;
  phoneId: string | null;
  note: string;
  /** what the agent typed, in yuan; converted to fen on save */
  ptpAmountText: string;
  ptpDate: string | null;
  /** text typed in the date field that is no date: the date is then none, and the field says so (never kept in the draft) */
  ptpDateTyped: string | null;
  followUpAt: string | null;
  followUpPreset: FollowUpPreset | null;
  claimedPaidDate: string | null;
}

const BLANK: NoteFields = {
  channel: 'phone',
  visitAddress: '',
  outcomeCode: null,
  party: null,
  phoneId: null,
  note: '',
  ptpAmountText: '',
  ptpDate: null,
  ptpDateTyped: null,
  followUpAt: null,
  followUpPreset: null,
  claimedPaidDate: null,
};

const GROUP_OF: Record<keyof NoteFields, FieldGroup> = {
  channel: 'channel',
  visitAddress: 'visitAddress',
  outcomeCode: 'outcomeCode',
  party: 'party',
  phoneId: 'phoneId',
  note: 'note',
  ptpAmountText: 'ptpAmount',
  ptpDate: 'ptpDate',
  ptpDateTyped: 'ptpDate',
  followUpAt: 'followUp',
  followUpPreset: 'followUp',
  claimedPaidDate: 'claimedPaidDate',
};

interface NoteState extends NoteFields {
  caseId: string | null;
  /** bumped on every edit; the autosave compares it */
  version: number;
  savedVersion: number;
  /** fields the agent has touched: their inline errors show at once */
  touched: Partial<Record<keyof NoteFields, true>>;
  /** after a save was tried: every inline error shows */
  showAll: boolean;
  saving: boolean;
  serverErrors: RuleLike[];
  draftSaving: boolean;
  draftSavedAt: string | null;
  /** stable across retries of one save (a double submit stores once) */
  requestId: string;
  patch(p: Partial<NoteFields>): void;
  markDirty(): void;
  load(caseId: string, draft: NoteDraft | null, savedAt: string | null): void;
  reset(caseId: string | null): void;
}

export function fenToYuanText(fen: number | null): string {
  if (fen === null) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}${yuan}` : `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** The amount typed: null when empty, 'invalid' when it is not money. */
export function amountFen(text: string): number | null | 'invalid' {
  if (!text.trim()) return null;
  try {
    const fen = parseYuanToFen(text.trim());
    return fen === null ? 'invalid' : fen;
  } catch {
    return 'invalid';
  }
}

export const useNote = create<NoteState>((set) => ({
  ...BLANK,
  caseId: null,
  version: 0,
  savedVersion: 0,
  touched: {},
  showAll: false,
  saving: false,
  serverErrors: [],
  draftSaving: false,
  draftSavedAt: null,
  requestId: newRequestId(),
  patch: (p) =>
    set((s) => {
      const touched = { ...s.touched };
      for (const k of Object.keys(p) as (keyof NoteFields)[]) touched[k] = true;
      // a server error on a field goes away once the agent edits that field
      const edited = new Set(Object.keys(p).map((k) => GROUP_OF[k as keyof NoteFields]));
      const serverErrors = s.serverErrors.filter((e) => !edited.has(fieldGroup(e.field)));
      return { ...p, touched, serverErrors, version: s.version + 1, requestId: newRequestId() };
    }),
  markDirty: () => set((s) => ({ version: s.version + 1, requestId: newRequestId() })),
  load: (caseId, draft, savedAt) =>
    set((s) => ({
      ...BLANK,
      ...(draft
        ? {
            channel: draft.channel ?? 'phone',
            visitAddress: draft.visitAddress ?? '',
            outcomeCode: draft.outcomeCode,
            party: draft.party,
            phoneId: draft.phoneId,
            note: draft.note,
            ptpAmountText: fenToYuanText(draft.ptpAmountFen),
            ptpDate: draft.ptpDate,
            followUpAt: draft.followUpAt,
            claimedPaidDate: draft.claimedPaidDate,
          }
        : {}),
      caseId,
      version: s.version + 1,
      savedVersion: s.version + 1,
      touched: {},
      showAll: false,
      saving: false,
      serverErrors: [],
      draftSavedAt: savedAt,
      requestId: newRequestId(),
    })),
  reset: (caseId) =>
    set((s) => ({
      ...BLANK,
      caseId,
      version: s.version + 1,
      savedVersion: s.version + 1,
      touched: {},
      showAll: false,
      saving: false,
      serverErrors: [],
      draftSavedAt: null,
      requestId: newRequestId(),
    })),
}));
