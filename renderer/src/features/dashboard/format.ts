/** Small formatting helpers of the dashboard and the top bar's progress (no chart code here). */

/** A rate 0..1 as "42.5%", or "—" when there was nothing to divide by. */
export function pctText(r: number | null): string {
  return r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** How far `actual` is towards `target`, in whole percent (may pass 100); null without a target. */
export function progressPct(actual: number, target: number | null): number | null {
  return target === null || target <= 0 ? null : Math.floor((actual / target) * 100);
}

/** Save a file the desk made (base64) through the browser's download. */
export function downloadBase64(base64: string, fileName: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
