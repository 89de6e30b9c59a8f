/**
 * Banned wording in notes, SMS and letters (issue 11; docs/domain.md, "Banned conduct and
 * wording"): an editable list by category, the team setting `bannedPhrases` (defaults in
 * resources/banned-phrases.json). The check sees through what hides a phrase from a plain search:
 * case, full-width forms (NFKC), spaces, punctuation, bidi controls and zero-width characters
 * between its characters. It answers where each phrase is in the original text, to highlight it.
 */
import { z } from 'zod';
import { stripInvisible } from './text-safety';

export const BANNED_CATEGORIES = ['impersonation', 'threat', 'insult', 'blacklist', 'disclosure', 'privateAccount', 'newLoan', 'extraFees'] as const;
export const BannedCategory = z.enum(BANNED_CATEGORIES);
export type BannedCategory = z.infer<typeof BannedCategory>;

export const BannedPhrasesSetting = z
  .array(z.object({ category: BannedCategory, phrases: z.array(z.string().min(1).max(50)).max(200) }).strict())
  .max(BANNED_CATEGORIES.length * 2);
export type BannedPhrasesSetting = z.infer<typeof BannedPhrasesSetting>;

export interface BannedHit {
  phrase: string;
  category: BannedCategory;
  /** Span in the original text (UTF-16 indexes, end exclusive), for highlighting. */
  start: number;
  end: number;
}

/** Skipped between a phrase's characters: whitespace, punctuation and symbols (and invisible characters). */
const FILLER = /[\s\p{P}\p{S}]/u;

/** One comparable character per kept code point, with where it came from. */
function fold(text: string): { chars: string; at: number[]; len: number[] } {
  let chars = '';
  const at: number[] = [];
  const len: number[] = [];
  let i = 0;
  for (const cp of text) {
    const size = cp.length;
    if (stripInvisible(cp) !== '' && !FILLER.test(cp)) {
      for (const c of cp.normalize('NFKC').toLowerCase()) {
        if (FILLER.test(c)) continue;
        chars += c;
        at.push(i);
        len.push(size);
      }
    }
    i += size;
  }
  return { chars, at, len };
}

const foldedPhrases = new WeakMap<BannedPhrasesSetting, { phrase: string; key: string; category: BannedCategory }[]>();

function phrasesOf(list: BannedPhrasesSetting): { phrase: string; key: string; category: BannedCategory }[] {
  let out = foldedPhrases.get(list);
  if (!out) {
    out = list.flatMap((g) => g.phrases.map((phrase) => ({ phrase, key: fold(phrase).chars, category: g.category }))).filter((p) => p.key.length > 0);
    foldedPhrases.set(list, out);
  }
  return out;
}

/** Every banned phrase in `text`, in order of position (each occurrence once). */
export function findBannedPhrases(text: string, list: BannedPhrasesSetting): BannedHit[] {
  if (!text) return [];
  const f = fold(text);
  const hits: BannedHit[] = [];
  for (const p of phrasesOf(list)) {
    let from = 0;
    for (;;) {
      const k = f.chars.indexOf(p.key, from);
      if (k < 0) break;
      const last = k + p.key.length - 1;
      hits.push({ phrase: p.phrase, category: p.category, start: f.at[k] ?? 0, end: (f.at[last] ?? 0) + (f.len[last] ?? 1) });
      from = k + 1;
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The first banned phrase in a note as a rule violation (the desk refuses the save; the hub re-checks). */
export function notePhraseViolation(note: string, list: BannedPhrasesSetting): { field: 'note'; rule: 'note.bannedPhrase'; params: { phrase: string; category: BannedCategory; start: number; end: number } } | null {
  const hit = findBannedPhrases(note, list)[0];
  return hit ? { field: 'note', rule: 'note.bannedPhrase', params: { phrase: hit.phrase, category: hit.category, start: hit.start, end: hit.end } } : null;
}
