/**
 * CSV text in chunks -> rows of string cells, through papaparse, with bounded memory: only the
 * unfinished last record is kept between chunks. A record ends at a newline outside quotes (the
 * quote count so far is even), so quoted cells may hold commas and newlines.
 */
import Papa from 'papaparse';

export class CsvRows {
  private buf = '';
  /** Quote parity of buf up to `scanned`, and the last record end found there. */
  private inQuote = false;
  private scanned = 0;
  private delimiter: string | undefined;

  /** Add text; returns the complete records it finished. */
  push(text: string): string[][] {
    this.buf += text;
    let cut = -1;
    const b = this.buf;
    let inQuote = this.inQuote;
    for (let i = this.scanned; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (c === 34) inQuote = !inQuote;
      else if (c === 10 && !inQuote) cut = i;
    }
    this.inQuote = inQuote;
    this.scanned = b.length;
    if (cut === -1) return [];
    const block = b.slice(0, cut);
    this.buf = b.slice(cut + 1);
    this.scanned = this.buf.length;
    // quote parity carries over: the cut was outside quotes, so the rest starts where the scan ended
    return this.parse(block);
  }

  /** The last record (a file need not end with a newline). */
  end(): string[][] {
    const rest = this.buf;
    this.buf = '';
    return rest === '' ? [] : this.parse(rest);
  }

  private parse(block: string): string[][] {
    const text = block.endsWith('\r') ? block.slice(0, -1) : block;
    const r = Papa.parse<string[]>(text, { delimiter: this.delimiter ?? '', newline: text.includes('\r\n') ? '\r\n' : '\n', skipEmptyLines: false, dynamicTyping: false });
    // papaparse guesses the delimiter (, ; tab |) on the first block; later blocks use the same
    this.delimiter ??= r.meta.delimiter;
    return r.data.map((row) => (Array.isArray(row) ? row : []));
  }
}
