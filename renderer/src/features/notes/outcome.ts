import type { OutcomeCode } from '../../../../shared/contract';
import { useWorkspace } from '../../lib/workspace';
import { useNote, type NoteFields } from './store';

/**
 * Pick an outcome (button or digit hotkey). The party follows it when the agent has not chosen
 * one that says otherwise, and the debtor's own valid number is taken when no phone is set.
 */
export function selectOutcome(c: OutcomeCode): void {
  const st = useNote.getState();
  const ws = useWorkspace.getState();
  const patch: Partial<NoteFields> = { outcomeCode: c.code };
  if (!st.party || st.party === 'self' || st.party === 'none') {
    patch.party = c.isRpc ? 'self' : !c.isContact ? 'none' : st.party === 'none' ? null : st.party;
  }
  if (!st.phoneId && ws.detail) {
    const own = ws.detail.phones.find((p) => p.owner === 'self' && p.status === 'valid');
    if (own) patch.phoneId = own.id;
  }
  st.patch(patch);
}
