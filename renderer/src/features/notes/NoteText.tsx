import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldErrors } from './FieldErrors';
import { useNote } from './store';

/** The free-text note (4,000 characters at most, as the contract allows). */
export function NoteText({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  const note = useNote((s) => s.note);
  const patch = useNote((s) => s.patch);
  return (
    <div className="note-row">
      <div className="note-label">{t('note.note')}</div>
      <Input.TextArea
        value={note}
        maxLength={4000}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('note.notePlaceholder')}
        status={errors.length ? 'error' : undefined}
        onChange={(e) => patch({ note: e.target.value })}
        data-testid="note-text"
      />
      <FieldErrors errors={errors} testid="err-note" />
    </div>
  );
}
