/**
 * A debtor's best contact hours, learned from when past calls were answered: the local hours
 * with the most answered calls (at least one), ties to the better answer rate, then the earlier
 * hour. `calls` are the local hours (0..23) of dial attempts and whether each connected.
 */
export function bestContactHours(calls: readonly { hour: number; answered: boolean }[], max = 2): string[] {
  const answered = new Array<number>(24).fill(0);
  const total = new Array<number>(24).fill(0);
  for (const c of calls) {
    if (!Number.isInteger(c.hour) || c.hour < 0 || c.hour > 23) continue;
    total[c.hour] = (total[c.hour] ?? 0) + 1;
    if (c.answered) answered[c.hour] = (answered[c.hour] ?? 0) + 1;
  }
  const hours = [...Array(24).keys()].filter((h) => (answered[h] ?? 0) > 0);
  hours.sort((a, b) => (answered[b] ?? 0) - (answered[a] ?? 0) || (answered[b] ?? 0) / (total[b] ?? 1) - (answered[a] ?? 0) / (total[a] ?? 1) || a - b);
  return hours.slice(0, max).sort((a, b) => a - b).map(hourRange);
}

const two = (n: number): string => String(n).padStart(2, '0');
export const hourRange = (h: number): string => `${two(h)}:00–${two((h + 1) % 24)}:00`;
