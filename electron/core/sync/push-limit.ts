/**
 * The batch size after a 413: what the hub says it takes (a hub of an older release takes fewer
 * than this desk sends), else half, so a batch too large in bytes shrinks until it passes.
 */
export function smallerPushLimit(current: number, hubMax: string | number | undefined): number {
  const max = Number(hubMax);
  if (Number.isSafeInteger(max) && max >= 1 && max < current) return max;
  return Math.max(1, Math.floor(current / 2));
}
