import { useEffect } from 'react';
import { isValidLocalDate } from '../../../../shared/domain/dates';
import { useEnteredPtp } from '../../lib/entered-ptp';
import { amountFen, useNote } from './store';

/**
 * Publish the promise being entered (lib/entered-ptp) so the script's confirmation lines read the
 * terms the agent is about to save; nothing when the outcome takes no promise.
 */
export function usePublishEnteredPtp(needsPtp: boolean): void {
  const text = useNote((s) => s.ptpAmountText);
  const date = useNote((s) => s.ptpDate);
  useEffect(() => {
    const fen = needsPtp ? amountFen(text) : null;
    useEnteredPtp.getState().set({
      amountFen: typeof fen === 'number' ? fen : null,
      date: needsPtp && date !== null && isValidLocalDate(date) ? date : null,
    });
  }, [needsPtp, text, date]);
}
