import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bannedJson from '../../resources/banned-phrases.json';
import { BANNED_CATEGORIES, BannedPhrasesSetting, findBannedPhrases, notePhraseViolation } from './banned-phrases';
import { politeName, renderTemplate } from './merge';
import { stripInvisible } from './text-safety';

const LIST = BannedPhrasesSetting.parse(bannedJson);

describe('banned phrases', () => {
  it('the bundled list covers every category', () => {
    expect(new Set(LIST.map((g) => g.category))).toEqual(new Set(BANNED_CATEGORIES));
  });
  it('finds a phrase and where it is', () => {
    const text = '客户说下周还，我告诉他再不还就让你坐牢。';
    const [hit] = findBannedPhrases(text, LIST);
    expect(hit).toMatchObject({ phrase: '坐牢', category: 'threat' });
    expect(text.slice(hit!.start, hit!.end)).toBe('坐牢');
  });
  it('sees through spaces, punctuation, zero-width and bidi characters, full-width forms and case', () => {
    const hidden = '请 转\u200B到-我\u202E个人账户';
    const [hit] = findBannedPhrases(hidden, LIST);
    expect(hit).toMatchObject({ category: 'privateAccount' });
    expect(hidden.slice(hit!.start, hit!.end)).toBe('转\u200B到-我\u202E个人账户');
    expect(findBannedPhrases('ＰＯＬＩＣＥ will call', LIST)[0]).toMatchObject({ category: 'impersonation' });
    expect(findBannedPhrases('You Will Go To Jail', LIST)[0]).toMatchObject({ category: 'threat' });
  });
  it('a clean note passes; the rule names the phrase', () => {
    expect(findBannedPhrases('本人承诺 3 月 15 日还款 2000 元，已告知录音。', LIST)).toEqual([]);
    expect(notePhraseViolation('你就是个老赖', LIST)).toMatchObject({ field: 'note', rule: 'note.bannedPhrase', params: { phrase: '老赖', category: 'insult' } });
  });
  it('fuzz: never throws; every hit is a real span whose folded text is the phrase; a phrase planted anywhere is found', () => {
    const phrases = LIST.flatMap((g) => g.phrases);
    const noise = fc.string({ unit: fc.constantFrom('a', '1', ' ', '，', '。', '\u200B', '\u202E', '\u2066', '客', '户', 'Ｘ', '😀', '\uD800', '-', '\n') });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const h of findBannedPhrases(text, LIST)) {
          expect(h.start).toBeGreaterThanOrEqual(0);
          expect(h.end).toBeGreaterThan(h.start);
          expect(h.end).toBeLessThanOrEqual(text.length);
          expect(BANNED_CATEGORIES).toContain(h.category);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(noise, fc.constantFrom(...phrases), noise, (before, phrase, after) => {
        const text = `${before}${phrase}${after}`;
        const hits = findBannedPhrases(text, LIST);
        expect(hits.some((h) => h.phrase === phrase || text.slice(h.start, h.end).length > 0)).toBe(true);
        expect(hits.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bidi and zero-width characters (names, notes, merge fields)', () => {
  it('a right-to-left override in a name does not reverse the identity-check line', () => {
    const name = '\u202E王小明';
    const line = renderTemplate('请问您是{{debtorName}}{{debtorTitle}}本人吗？', { debtorName: name, debtorTitle: '先生' });
    expect(line).toBe('请问您是王小明先生本人吗？');
    expect(politeName('李\u200B四\u2067', 'F', 'zh-CN').text).toBe('李四女士');
    expect(stripInvisible('a\u200Fb\uFEFFc\u2069')).toBe('abc');
  });
});
