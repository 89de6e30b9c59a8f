/**
 * The top bar's follow-up countdown in words, so it never reads as a clock time ("11:02"
 * beside "跟进到期 03:44"): minutes under an hour, then hours and minutes; the due clock time
 * only with a label.
 */
export type CountdownText =
  | { key: 'topbar.inMinutes'; params: { count: number } }
  | { key: 'topbar.inHours'; params: { h: number; m: number } }
  | { key: 'topbar.overdueAt'; params: { time: string } };

export function countdownText(remainingSec: number, dueClock: string): CountdownText {
  if (remainingSec <= 0) return { key: 'topbar.overdueAt', params: { time: dueClock } };
  const minutes = Math.ceil(remainingSec / 60);
  if (minutes < 60) return { key: 'topbar.inMinutes', params: { count: minutes } };
  return { key: 'topbar.inHours', params: { h: Math.floor(minutes / 60), m: minutes % 60 } };
}
