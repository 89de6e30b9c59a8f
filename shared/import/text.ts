/** Cell values as the readers hand them over, and the width normalisation every text cell gets. */

/** CSV gives strings; XLSX also numbers, booleans and Date cells (wall-clock time held as UTC). */
export type Cell = string | number | boolean | Date | null;

/**
 * Full-width ASCII (ＡＢＣ１２３，．) and the ideographic space as their half-width forms, so
 * `１３８ ００１３ ８０００` and `ＡＢ１２３` read as typed on an English keyboard.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Trimmed half-width text of a cell; '' for an empty one. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return halfWidth(String(cell)).trim();
}

export const isBlank = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');
