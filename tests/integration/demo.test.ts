import { afterEach, describe, expect, it } from 'vitest';
import { createDesk, type CoreDesk } from '../../electron/core/desk';
import { generateIntoDesk } from '../../electron/core/demo/cli';
import { bucketFor } from '../../shared/domain/buckets';
import { dpd, localDateOf } from '../../shared/domain/dates';
import { isValidChineseId } from '../../shared/domain/idcard';
import { isValidCnMobile, isValidCnPhone } from '../../shared/domain/phone';
import { tempDir } from '../fixtures/desk';

let desk: CoreDesk | undefined;
afterEach(() => desk?.close());

describe('demo data', () => {
  it('two desks get the same demo but record ids of their own (a team hub refuses an id it holds for another case)', async () => {
    const recordIds = async (): Promise<Set<string>> => {
      const d = await createDesk({ dataDir: tempDir(), seedDemo: true, pollMs: 0, log: () => {} });
      try {
        const rows = d.ctx.db.prepare('SELECT id FROM attempts UNION ALL SELECT id FROM promises UNION ALL SELECT id FROM payments UNION ALL SELECT id FROM follow_ups').all() as { id: string }[];
        return new Set(rows.map((r) => r.id));
      } finally {
        d.close();
      }
    };
    const [a, b] = [await recordIds(), await recordIds()];
    expect(a.size).toBeGreaterThan(300);
    expect(b.size).toBe(a.size); // the same demo
    expect([...a].filter((id) => b.has(id))).toEqual([]);
  });

  // How fast the first run is, is measured by `npm run bench` (first run (demo seed)).
  it('first run seeds realistic demo cases for demo and agent2', async () => {
    desk = await createDesk({ dataDir: tempDir(), seedDemo: true, pollMs: 0, log: () => {} });
    const db = desk.ctx.db;
    const per = db.prepare('SELECT a.username, count(*) AS n FROM cases c JOIN agents a ON a.id = c.assigned_agent_id GROUP BY 1 ORDER BY 1').all();
    expect(per).toEqual([{ username: 'agent2', n: 100 }, { username: 'demo', n: 300 }]);
    for (const [u, p] of [['demo', 'demo123'], ['agent2', 'demo123'], ['lead', 'lead123']]) {
      expect((await desk.invoke('auth.login', { username: u, password: p })).ok).toBe(true);
    }
    const ids = db.prepare('SELECT id_number FROM debtors').all() as { id_number: string }[];
    expect(ids.every((r) => isValidChineseId(r.id_number))).toBe(true);
    const mobiles = db.prepare("SELECT number FROM phones WHERE kind = 'mobile'").all() as { number: string }[];
    expect(mobiles.every((r) => isValidCnMobile(r.number))).toBe(true);
    const lines = db.prepare("SELECT number FROM phones WHERE kind != 'mobile'").all() as { number: string }[];
    expect(lines.every((r) => isValidCnPhone(r.number))).toBe(true);
    const today = localDateOf(new Date(), 'Asia/Shanghai');
    // Entrusted on or after the first overdue day (M0 reminders: not after today); an SMS has no call duration.
    expect(db.prepare("SELECT count(*) AS n FROM cases WHERE entrust_date < overdue_since AND overdue_since <= ?").get(today)).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM attempts WHERE channel = 'sms' AND duration_sec > 0").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM attempts WHERE channel = 'sms'").get()).not.toEqual({ n: 0 });
    const buckets = new Set((db.prepare('SELECT overdue_since FROM cases').all() as { overdue_since: string }[]).map((r) => bucketFor(dpd(r.overdue_since, today))));
    for (const b of ['M1_EARLY', 'M1_MID', 'M1_LATE', 'M2', 'M3', 'M4P']) expect(buckets.has(b as never)).toBe(true);
    const states = (db.prepare('SELECT DISTINCT state FROM promises').all() as { state: string }[]).map((r) => r.state);
    expect(states).toEqual(expect.arrayContaining(['kept', 'broken', 'pending']));
    expect((db.prepare("SELECT count(*) AS n FROM follow_ups WHERE state = 'pending'").get() as { n: number }).n).toBeGreaterThan(0);
    expect((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n).toBeGreaterThan(300);
    expect((db.prepare("SELECT count(*) AS n FROM attempts WHERE note GLOB '*[一-龥]*'").get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('the generator fills a desk database in batches, deterministically by seed', () => {
    const a = tempDir();
    const b = tempDir();
    const progress: number[] = [];
    generateIntoDesk({ dataDir: a, cases: 1200, agent: 'demo', seed: 3, onProgress: (d) => progress.push(d) });
    generateIntoDesk({ dataDir: b, cases: 1200, agent: 'demo', seed: 3 });
    expect(progress.at(-1)).toBe(1200);
    return (async () => {
      const names: string[][] = [];
      for (const dir of [a, b]) {
        const d = await createDesk({ dataDir: dir, pollMs: 0, log: () => {} });
        names.push((d.ctx.db.prepare('SELECT name FROM debtors ORDER BY id LIMIT 50').all() as { name: string }[]).map((r) => r.name));
        expect((d.ctx.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1200);
        d.close();
      }
      expect(names[0]).toEqual(names[1]);
    })();
  });
});
