import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { findBannedPhrases } from '../../../../shared/domain/banned-phrases';
import { useSession } from '../../lib/session';
import { useNote } from './store';

const CONTEXT = 12; // characters shown either side of a phrase

/**
 * Banned wording in the note as it is typed (issue 11): each phrase marked in its place with its
 * category. The desk refuses the save while one is there, and the hub checks again.
 */
export function BannedPhrases() {
  const { t } = useTranslation();
  const note = useNote((s) => s.note);
  const list = useSession((s) => s.settings?.bannedPhrases);
  const hits = useMemo(() => (list ? findBannedPhrases(note, list) : []), [note, list]);
  if (hits.length === 0) return null;
  return (
    <div className="banned-phrases" role="alert" data-testid="banned-phrases">
      <div className="banned-title">{t('contactRules.bannedTitle')}</div>
      {hits.slice(0, 5).map((h) => (
        <div key={`${h.start}-${h.phrase}`} className="banned-hit" data-testid="banned-hit" data-category={h.category}>
          <span className="banned-category">{t(`contactRules.banned.${h.category}`)}</span>
          <span className="banned-context">
            {h.start > CONTEXT ? '…' : ''}
            {note.slice(Math.max(0, h.start - CONTEXT), h.start)}
            <mark data-testid="banned-mark">{note.slice(h.start, h.end)}</mark>
            {note.slice(h.end, h.end + CONTEXT)}
            {h.end + CONTEXT < note.length ? '…' : ''}
          </span>
        </div>
      ))}
    </div>
  );
}
