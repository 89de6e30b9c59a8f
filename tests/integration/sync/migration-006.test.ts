import { afterEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../electron/core/db/migrate';
import { openDb, type Db } from '../../../electron/core/db/open';
import { tempDir } from '../../fixtures/desk';

const open: Db[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});
const NOW = '2026-03-10T02:00:00.000Z';

describe('migration 5 -> 6 (sync client)', () => {
  it('keeps work and the outbox, adds the hub session, rejections and the audited apply flag', () => {
    const db = openDb(tempDir());
    open.push(db);
    migrate(db, 5);
    db.prepare("INSERT INTO agents (id, username, display_name, agent_no, role, password_hash, created_at) VALUES (1, 'a', '甲', 'A1', 'agent', 'scrypt$x', ?)").run(NOW);
    db.prepare("INSERT INTO debtors (id, name, updated_at) VALUES (1, '张三', ?)").run(NOW);
    db.prepare(`INSERT INTO cases (id, debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since, assigned_agent_id, updated_at)
                VALUES (1, 1, '招商银行', 'credit_card', '6225880000000001', 100, 100, 100, 10, '2026-02-01', 1, ?)`).run(NOW);
    db.prepare(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                VALUES ('a1', 'r1', 1, 1, 'phone', 'self', 'PTP', 'ok', ?)`).run(NOW);
    db.prepare("INSERT INTO outbox (mutation_id, name, args, created_at) VALUES (1, 'attempt.save', '{}', ?)").run(NOW);
    const device = (db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;

    migrate(db, 6);
    expect(userVersion(db)).toBe(6);
    expect((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n).toBe(1);
    expect((db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(1);
    expect(db.prepare('SELECT device_id, hub_url, token, acked_mutation_id FROM sync_state').get()).toEqual({ device_id: device, hub_url: null, token: null, acked_mutation_id: 0 });
    expect(db.prepare('SELECT preferred_phone_id FROM cases WHERE id = 1').get()).toEqual({ preferred_phone_id: null });
    expect(() => db.prepare("UPDATE sync_state SET offline_verifier = 'plain-password'").run()).toThrow(/CHECK/);

    // still append-only for every writer ...
    expect(() => db.prepare("UPDATE attempts SET note = 'x' WHERE id = 'a1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM attempts WHERE id = 'a1'").run()).toThrow(/append-only/);
    // ... except inside a sync apply transaction with the flag set; the flag cannot be two rows
    db.transaction(() => {
      db.prepare('INSERT INTO sync_apply (id) VALUES (1)').run();
      expect(() => db.prepare('INSERT INTO sync_apply (id) VALUES (2)').run()).toThrow(/CHECK/);
      db.prepare("UPDATE attempts SET note = 'hub version' WHERE id = 'a1'").run();
      db.prepare('DELETE FROM sync_apply').run();
    })();
    expect(db.prepare("SELECT note FROM attempts WHERE id = 'a1'").get()).toEqual({ note: 'hub version' });
    expect(() => db.prepare("DELETE FROM attempts WHERE id = 'a1'").run()).toThrow(/append-only/);

    db.prepare("INSERT INTO sync_rejections (id, device_id, mutation_id, name, args, case_id, reason, detail, at, received_at) VALUES (1, 'dev', 3, 'attempt.save', '{}', 1, 'outOfScope', NULL, ?, ?)").run(NOW, NOW);
    expect(() => db.prepare("INSERT INTO sync_rejections (id, device_id, mutation_id, name, args, reason, at, received_at) VALUES (2, 'dev', 4, 'x', 'nope', 'r', ?, ?)").run(NOW, NOW)).toThrow(/CHECK/);
  });
});
