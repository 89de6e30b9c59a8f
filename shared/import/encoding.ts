/**
 * What a file is, from its first bytes: an XLSX (a zip), an old binary .xls, something else
 * binary (refused), or text (CSV) in UTF-8 or GB18030 (a superset of GBK). The encoding is
 * detected without asking: a BOM, else strict UTF-8, else GB18030.
 */
import { ImportRefused } from './checker';

export type TextEncodingName = 'utf-8' | 'gb18030';
export type FileKind = { kind: 'xlsx' } | { kind: 'csv'; encoding: TextEncodingName };

/** Bytes to sniff: enough for strict UTF-8 to meet the file's first Chinese text. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);

/** `sample` is the file's start (`complete` when it is the whole file). Throws ImportRefused for what is not a spreadsheet. */
export function sniffFile(sample: Uint8Array, complete: boolean): FileKind {
  if (sample.length === 0 || (complete && sample.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09))) {
    throw new ImportRefused('empty', 'The file is empty.');
  }
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportRefused('legacyXls', 'This is an old Excel 97-2003 (.xls) file: save it as .xlsx or .csv and import that.');
  }
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { kind: 'csv', encoding: 'utf-8' };
  // text never holds NUL or most C0 controls; UTF-16 and binary formats (PDF, images, zip variants) do
  const head = sample.subarray(0, 8192);
  if (head.some((b) => b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) || startsWith(sample, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportRefused('notSpreadsheet', 'This is not a spreadsheet: import a .csv or .xlsx file.');
  }
  return { kind: 'csv', encoding: detectTextEncoding(sample, complete) };
}

export function detectTextEncoding(sample: Uint8Array, complete: boolean): TextEncodingName {
  try {
    // stream: a sample may end inside a character
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * A streaming decoder. UTF-8 is strict: if a later part of a file sniffed as UTF-8 is not,
 * decode() throws and the caller reads the file again as GB18030 (`rereadAs`).
 */
export class TextChunks {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  constructor(readonly encoding: TextEncodingName) {
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }
  decode(chunk: Uint8Array): string {
    return this.decoder.decode(chunk, { stream: true });
  }
  end(): string {
    return this.decoder.decode();
  }
}

/** True for the error TextChunks throws when a UTF-8 guess was wrong further into the file. */
export const isDecodeError = (e: unknown): boolean => e instanceof TypeError && /decode|encoded|invalid/i.test(e.message);
