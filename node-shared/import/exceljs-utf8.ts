/**
 * exceljs with a UTF-8-safe XML feed for its streaming reader.
 *
 * Why: exceljs 4.4's lib/utils/parse-sax.js turns every inflated zip chunk into text on its own
 * (one shared TextDecoder, `decode(chunk)` without `{stream: true}`), so a multi-byte character
 * that a chunk boundary cuts (any Chinese text once sharedStrings.xml or a sheet passes the
 * inflater's 16 KB chunks) becomes U+FFFD, and the row is refused for a wrong reason. The fix
 * keeps one StringDecoder per parse, which carries a split character over to the next chunk.
 *
 * Why this way: exceljs's modules capture parse-sax when they load
 * (`const parseSax = require('../../utils/parse-sax')`), so the fixed function has to be in
 * Node's module cache under parse-sax's own file name before they load. node_modules is a
 * hard-linked copy shared by several checkouts and must not be edited in place, and a 20-line
 * function does not need patch-package. If exceljs was loaded before this ran (a writer, a test
 * that imports it first), its modules are dropped from the cache and loaded again for the
 * reader: the earlier copy stays with whoever holds it (the writers never parse XML).
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSModule from 'exceljs';

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
interface SaxesParserLike {
  on(event: 'error', fn: (err: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', fn: (value: unknown) => void): void;
  write(text: string): void;
}

const req = createRequire(__filename);
const EXCELJS_DIR = path.dirname(req.resolve('exceljs/package.json'));
const SAX_FILE = req.resolve('exceljs/lib/utils/parse-sax');
// saxes as exceljs itself resolves it (its own dependency, not ours)
const { SaxesParser } = createRequire(SAX_FILE)('saxes') as { SaxesParser: new () => SaxesParserLike };

/** parse-sax.js with one StringDecoder per stream; otherwise the same (events gathered per chunk). */
export async function* parseSaxUtf8(input: AsyncIterable<unknown> | NodeJS.ReadableStream): AsyncGenerator<SaxEvent[]> {
  const iterable: AsyncIterable<unknown> = Symbol.asyncIterator in input ? input : (input as NodeJS.ReadableStream).pipe(new PassThrough());
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (err) => {
    error = err;
  });
  let events: SaxEvent[] = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new StringDecoder('utf8');
  const feed = (text: string): SaxEvent[] => {
    parser.write(text);
    if (error) throw error;
    const out = events;
    events = [];
    return out;
  };
  for await (const chunk of iterable) {
    yield feed(typeof chunk === 'string' ? chunk : decoder.write(chunk as Uint8Array as Buffer));
  }
  const rest = decoder.end(); // a character cut off at the very end: U+FFFD, as a whole decode would
  if (rest) yield feed(rest);
}

function install(): void {
  const cached = req.cache[SAX_FILE];
  if (cached?.exports === parseSaxUtf8) return;
  if (cached) {
    for (const key of Object.keys(req.cache)) if (key.startsWith(EXCELJS_DIR + path.sep)) delete req.cache[key];
  }
  const m = new Module(SAX_FILE);
  m.filename = SAX_FILE;
  m.loaded = true;
  m.exports = parseSaxUtf8;
  req.cache[SAX_FILE] = m;
}

/** exceljs, loaded (or reloaded) with the UTF-8-safe parser in place. Use this for reading. */
export function excelJsReader(): typeof ExcelJSModule {
  install();
  return req('exceljs') as typeof ExcelJSModule;
}
