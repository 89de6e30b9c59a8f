import { describe, expect, it } from 'vitest';
import { notePhraseViolation, type BannedPhrasesSetting } from '../../shared/domain/banned-phrases';
import { noteWordingViolation } from './note-words';

describe('noteWordingViolation', () => {
  it('answers as notePhraseViolation, again and again, per phrase list', () => {
    const a: BannedPhrasesSetting = [{ category: 'threat', phrases: ['起诉你'] }];
    const b: BannedPhrasesSetting = [{ category: 'insult', phrases: ['无人'] }];
    for (let round = 0; round < 2; round++) {
      for (const note of ['无人接听', '再不还就起 诉你', '', 'x'.repeat(100) + '起诉你']) {
        expect(noteWordingViolation(note, a)).toEqual(notePhraseViolation(note, a));
        expect(noteWordingViolation(note, b)).toEqual(notePhraseViolation(note, b));
      }
    }
    expect(noteWordingViolation('无人接听', b)?.rule).toBe('note.bannedPhrase');
    expect(noteWordingViolation('无人接听', a)).toBeNull();
  });
});
