import type { Locale } from './enums';

/** ¥12,345.60 from 1234560 fen; negative amounts keep their sign. Integer arithmetic only. */
export function formatFen(fen: number, locale: Locale = 'zh-CN'): string {
  throw new Error('not implemented');
}

/** "12345.6" / "12,345.60" / "¥1,000" -> fen; null when it is not a money amount (max 2 decimals). */
export function parseYuanToFen(text: string): number | null {
  throw new Error('not implemented');
}
