/**
 * The banned-wording check of pushed notes, remembered per phrase list: agents write the same
 * short notes over and over (无人接听, 关机, 空号), and folding a note (NFKC, fillers) costs more
 * than the rest of an attempt's checks. The answer is a pure function of (note, list).
 */
import { notePhraseViolation, type BannedPhrasesSetting } from '../../shared/domain/banned-phrases';

type Violation = ReturnType<typeof notePhraseViolation>;

/** Notes longer than this are checked each time (they rarely repeat). */
const MEMO_NOTE_CHARS = 64;
const MEMO_ENTRIES = 2_000;
const memo = new WeakMap<BannedPhrasesSetting, Map<string, Violation>>();

export function noteWordingViolation(note: string, list: BannedPhrasesSetting): Violation {
  if (note.length > MEMO_NOTE_CHARS) return notePhraseViolation(note, list);
  let known = memo.get(list);
  if (!known) memo.set(list, (known = new Map()));
  let v = known.get(note);
  if (v === undefined) {
    v = notePhraseViolation(note, list);
    if (known.size >= MEMO_ENTRIES) known.clear();
    known.set(note, v);
  }
  return v;
}
