import { useState } from 'react';
import Input from 'antd/es/input';
import { useTranslation } from 'react-i18next';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/** The contract's limit on a note. */
export const NOTE_MAX = 4000;
/** From here on the pane shows how many characters are left. */
export const NOTE_WARN_AT = 3600;

/** The counter's state: hidden well below the limit, a count near it, and 'full' at it. */
export function noteLimitState(length: number): 'none' | 'near' | 'full' {
  if (length >= NOTE_MAX) return 'full';
  return length >= NOTE_WARN_AT ? 'near' : 'none';
}

/** The free-text note (4,000 characters at most, as the contract allows): counted near the limit, never cut silently. */
export function NoteText({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  const note = useNote((s) => s.note);
  const patch = useNote((s) => s.patch);
  const [cut, setCut] = useState(0);
  const state = noteLimitState(note.length);
  return (
    <div className="note-row">
      <div className="note-label">
        {t('note.note')}
        {state !== 'none' && (
          <span className={`note-count num${state === 'full' ? ' full' : ''}`} data-testid="note-count">
            {t('note.count', { n: note.length.toLocaleString('en-US'), max: NOTE_MAX.toLocaleString('en-US') })}
          </span>
        )}
      </div>
      <Input.TextArea
        value={note}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('note.notePlaceholder')}
        status={errors.length || state === 'full' ? 'error' : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setCut(Math.max(0, text.length - NOTE_MAX));
          patch({ note: text.slice(0, NOTE_MAX) });
        }}
        data-testid="note-text"
      />
      {state === 'full' && (
        <div className="field-error" data-testid="note-full" role="alert">
          {cut > 0 ? t('note.fullCut', { max: NOTE_MAX.toLocaleString('en-US'), cut }) : t('note.full', { max: NOTE_MAX.toLocaleString('en-US') })}
        </div>
      )}
      <FieldErrors errors={errors} testid="err-note" />
    </div>
  );
}
