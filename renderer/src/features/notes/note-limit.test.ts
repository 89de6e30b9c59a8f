import { describe, expect, it } from 'vitest';
import { NOTE_MAX, noteLimitState } from './NoteText';

describe('the note counter', () => {
  it('is hidden well below the limit, counts near it and says so at it', () => {
    expect(noteLimitState(0)).toBe('none');
    expect(noteLimitState(3599)).toBe('none');
    expect(noteLimitState(3600)).toBe('near');
    expect(noteLimitState(NOTE_MAX - 1)).toBe('near');
    expect(noteLimitState(NOTE_MAX)).toBe('full');
  });
});
