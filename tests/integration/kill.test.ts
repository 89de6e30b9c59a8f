import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../electron/core/db/open';
import { addCase, openTestDesk, tempDir } from '../fixtures/desk';

const ROOT = path.resolve(__dirname, '..', '..');

/** Run the child until `killAfter` acknowledged saves (plus a random few ms), then SIGKILL it. */
function runAndKill(dataDir: string, caseId: number, tag: string, killAfter: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'kill-child.ts'), dataDir, String(caseId), tag], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ACK ')) acked.push(line.slice(4));
      }
      if (!killing && acked.length >= killAfter) {
        killing = true;
        // a random moment: usually in the middle of the next save
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 3));
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${killAfter} acks in time: ${stderr}`));
    }, 45_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      // anything still buffered was printed after invoke returned ok, so it counts too
      for (const line of (buf + '\n').split('\n')) if (line.startsWith('ACK ')) acked.push(line.slice(4));
      resolve({ acked, signal, stderr });
    });
  });
}

describe('kill -9 durability', () => {
  it('every acknowledged save survives SIGKILL whole, with its promise and outbox row', async () => {
    const dir = tempDir('collectdesk-kill-');
    const setup = await openTestDesk({ dataDir: dir, clock: undefined, login: false });
    const { caseId } = addCase(setup, { agentId: setup.agentId, balanceFen: 10_000_000 });
    setup.close();

    const allAcked: string[] = [];
    for (let round = 0; round < 3; round++) {
      const killAfter = 50 + Math.floor(Math.random() * 150);
      const { acked, signal, stderr } = await runAndKill(dir, caseId, `r${round}`, killAfter);
      expect(signal, stderr).toBe('SIGKILL');
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      allAcked.push(...acked);

      const db = openDb(dir);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const attempt = db.prepare('SELECT id FROM attempts WHERE client_request_id = ?');
        const outbox = db.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'attempt.save' AND json_extract(args, '$.clientRequestId') = ?");
        const promise = db.prepare('SELECT count(*) AS n FROM promises WHERE attempt_id = ?');
        for (const id of allAcked) {
          const a = attempt.get(id) as { id: string } | undefined;
          expect(a, `acknowledged ${id} is missing`).toBeDefined();
          expect((outbox.get(id) as { n: number }).n).toBe(1);
          expect((promise.get(a?.id) as { n: number }).n).toBe(1);
        }
        // no partial saves: every attempt has exactly its outbox row, promise and audit entry
        const partial = db.prepare(`
          SELECT a.id FROM attempts a
          WHERE (SELECT count(*) FROM outbox o WHERE json_extract(o.args, '$.attemptId') = a.id) != 1
             OR (SELECT count(*) FROM promises p WHERE p.attempt_id = a.id) != 1
             OR (SELECT count(*) FROM audit_log l WHERE l.action = 'attempt.save' AND json_extract(l.detail, '$.attemptId') = a.id) != 1`).all();
        expect(partial).toEqual([]);
        const n = (db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n;
        expect(n).toBeGreaterThanOrEqual(allAcked.length);
        expect(n).toBeLessThanOrEqual(allAcked.length + 1 * (round + 1)); // at most the in-flight save per round
        expect(db.prepare("SELECT count(*) AS n FROM promises WHERE case_id = ? AND state = 'pending'").get(caseId)).toEqual({ n: 1 });
        const c = db.prepare('SELECT attempt_count FROM cases WHERE id = ?').get(caseId) as { attempt_count: number };
        expect(c.attempt_count).toBe(n);
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
