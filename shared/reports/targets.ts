/** Targets beside the period's actual figures: the desk's and the hub's summaries alike. */
import type { ReportFigures, TargetLine } from './model';

/**
 * Each target beside the period's actual figure. recoveryPct is recovered ÷ (the scope's open
 * balance + what was recovered in the period), i.e. of the balance the period started with.
 */
export function withActuals(targets: { metric: string; value: number }[], f: ReportFigures, balanceFen: number): TargetLine[] {
  return targets.map((t) => {
    let actual: number | null = null;
    if (t.metric === 'calls') actual = f.calls;
    else if (t.metric === 'rightParty') actual = f.rightParty;
    else if (t.metric === 'ptpFen') actual = f.ptpFen;
    else if (t.metric === 'recoveredFen') actual = f.recoveredFen;
    else if (t.metric === 'recoveryPct') actual = balanceFen + f.recoveredFen > 0 ? Math.round((f.recoveredFen / (balanceFen + f.recoveredFen)) * 10_000) / 100 : null;
    return { metric: t.metric, value: t.value, actual };
  });
}
