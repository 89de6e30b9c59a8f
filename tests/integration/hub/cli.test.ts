/** #24: the hub CLI prints real help, names the database it uses and refuses to guess one (it used to write ./.data/hub silently). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../hub/password';
import { openSqliteStore } from '../../../hub/store/sqlite';

const root = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hub = (args: string[], env: Record<string, string> = {}, input?: string) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_')));
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'hub/cli.ts'), ...args], { cwd: tmp, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000, ...(input !== undefined ? { input } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('hub CLI', () => {
  it('--help prints the commands and the --data-dir rule', () => {
    const r = hub(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('user add --username U');
    expect(r.out).toContain('SAME --data-dir');
  });

  it('a command without a database is refused and writes nothing; both kinds at once too', () => {
    const r = hub(['user', 'list']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('which hub database?');
    expect(fs.existsSync(path.join(tmp, '.data'))).toBe(false);
    const both = hub(['user', 'list', '--data-dir', tmp, '--pg', 'postgres://x@127.0.0.1/y']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('name one');
  });

  it("a folder without the server's database is refused; the server's own is named and used", async () => {
    const empty = path.join(tmp, 'typo');
    const r = hub(['user', 'list', '--data-dir', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no hub database');
    expect(fs.existsSync(path.join(empty, 'hub.db'))).toBe(false);

    const dir = path.join(tmp, 'srv');
    const store = openSqliteStore({ dataDir: dir });
    await store.migrate();
    await store.close();
    const ok = hub(['team', 'add', '--name', '一组'], { HUB_DATA_DIR: dir });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain(`hub database: SQLite ${path.join(dir, 'hub.db')}`);
    expect(ok.out).toContain('team 一组 added');
  });

  it('passwords come from a prompt or --password-stdin, never --password (ps shows it); the hub keeps them', async () => {
    const dir = path.join(tmp, 'pw');
    const store = openSqliteStore({ dataDir: dir });
    await store.migrate();
    await store.close();
    expect(hub(['team', 'add', '--name', 'T'], { HUB_DATA_DIR: dir }).code).toBe(0);
    const add = ['user', 'add', '--username', 'wang', '--role', 'agent', '--team', 'T', '--name', '王芳', '--agent-no', 'A1'];

    const refused = hub([...add, '--password', 'secret-123'], { HUB_DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--password is refused');
    expect(refused.err).toContain('--password-stdin');
    expect(refused.err).toContain('prompted');
    // no terminal and no --password-stdin: nothing to read a password from
    const noTty = hub(add, { HUB_DATA_DIR: dir }, '');
    expect(noTty.code).toBe(2);
    expect(noTty.err).toContain('--password-stdin');
    expect(hub(['user', 'list'], { HUB_DATA_DIR: dir }).out).not.toContain('wang');

    const ok = hub([...add, '--password-stdin'], { HUB_DATA_DIR: dir }, 'secret-123\n');
    expect(ok.code, ok.err).toBe(0);
    const again = openSqliteStore({ dataDir: dir });
    try {
      const hash = (await again.read((q) => q.get<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = ?', ['wang'])))?.password_hash ?? '';
      expect(await verifyPassword('secret-123', hash)).toBe(true); // the trailing line break is not part of it
    } finally {
      await again.close();
    }
    expect(hub(['user', 'passwd', '--username', 'wang', '--password-stdin'], { HUB_DATA_DIR: dir }, '').err).toContain('empty');
    expect(hub(['user', 'passwd', '--username', 'wang', '--password-stdin'], { HUB_DATA_DIR: dir }, 'another-456').code).toBe(0);
  }, 300_000); // eight CLI runs: tsx start-up on a busy two-core machine
});
