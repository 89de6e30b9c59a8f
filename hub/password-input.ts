/**
 * How the hub CLI gets a password: typed at a prompt (not echoed), or piped on standard input
 * with --password-stdin for scripts. Never from the command line, where `ps` and the shell
 * history show it.
 */
import type { Readable } from 'node:stream';

export const PASSWORD_ARG_REFUSED =
  '--password is refused: a password on the command line shows in `ps` and the shell history. Leave it out to be prompted, or pipe it with --password-stdin (e.g. `printf %s "$PW" | npm run hub -- user add ... --password-stdin`)';

/** All of standard input, one trailing line break dropped (what `echo` adds). */
export async function readPasswordFrom(stream: Readable): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

interface Tty {
  isTTY?: boolean;
  setRawMode(mode: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
  setEncoding(enc: BufferEncoding): unknown;
  on(event: 'data', cb: (chunk: string) => void): unknown;
  off(event: 'data', cb: (chunk: string) => void): unknown;
}

/** Ask on the terminal without echo; Ctrl+C cancels. */
export function promptHidden(question: string, input: Tty, output: { write(s: string): unknown }): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const finish = (): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') {
          finish();
          resolve(buf);
          return;
        }
        if (c === '\u0003' || c === '\u0004') {
          finish();
          reject(new Error('cancelled; nothing was changed'));
          return;
        }
        if (c === '\u007f' || c === '\b') buf = buf.slice(0, -1);
        else buf += c;
      }
    };
    input.on('data', onData);
  });
}
