/**
 * A month's team summary (工作总结) to PDF for a 50-agent team, ~150,000 attempts: read the
 * records, compute the figures, build the document and print it with the embedded CJK font.
 * Target ≤ 2 s, checked on the slowest run (the first one loads the font).
 * Wire into bench/run.ts: `stats.push(...(await runReportsBench({ log })))`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, zonedToUtc } from '../shared/domain/dates';
import { buildSummaryDoc } from '../shared/reports/document';
import { statementCache } from '../electron/core/context';
import { migrate } from '../electron/core/db/migrate';
import { openDb } from '../electron/core/db/open';
import { seedOutcomeCodes } from '../electron/core/reference/outcome-codes';
import { buildSummary } from '../electron/core/reports/summary';
import { writePdf } from '../node-shared/reports/writers/pdf';
import { loadSettings } from '../electron/core/settings/settings';
import { summarize, type Stat } from './core';

const AGENTS = 50;
const CASES_PER_AGENT = 120;
const ATTEMPTS = 150_000;
const FROM = '2026-03-01';
const TO = '2026-03-31';
const CODES = ['NO_ANSWER', 'NO_ANSWER', 'NO_ANSWER', 'SWITCHED_OFF', 'PTP', 'REFUSES', 'THIRD_PARTY_MESSAGE', 'UNABLE', 'CLAIMS_PAID', 'INVALID_NUMBER'];

/** A deterministic month of team work in a fresh desk database; returns its folder. */
export function buildReportsDatabase(log: (s: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-bench-reports-'));
  const db = openDb(dir, { synchronous: 'NORMAL' });
  const t0 = performance.now();
  try {
    migrate(db);
    const prep = statementCache(db);
    // mulberry32, seeded: the linear congruential generator this used before put all 150,000
    // attempts on 462 of the 6,000 cases (115 promises and 115 payments on one case in a month).
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
    };
    db.transaction(() => {
      seedOutcomeCodes({ prep });
      const now = '2026-04-01T00:00:00.000Z';
      const agent = prep("INSERT INTO agents (username, display_name, agent_no, role, password_hash, created_at) VALUES (?, ?, ?, 'agent', 'scrypt$bench', ?)");
      const debtor = prep('INSERT INTO debtors (name, updated_at) VALUES (?, ?)');
      const kase = prep(`INSERT INTO cases (debtor_id, creditor, product, account_no, principal_fen, balance_fen, overdue_fen, min_due_fen, overdue_since,
                           tags, assigned_agent_id, attempt_count, updated_at) VALUES (?, '招商银行信用卡中心', 'credit_card', ?, ?, ?, ?, ?, '2026-01-15', ?, ?, 1, ?)`);
      const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
      for (let a = 1; a <= AGENTS; a++) agent.run(`agent${a}`, `催收员${a}`, `A${String(1000 + a)}`, now);
      for (let i = 0; i < AGENTS * CASES_PER_AGENT; i++) {
        const d = Number(debtor.run(`${surnames[i % surnames.length]}某${i}`, now).lastInsertRowid);
        const fen = 100_000 + rnd(9_000_000);
        kase.run(d, `6225880000${String(100_000 + i).slice(-6)}`, fen, fen, fen, Math.floor(fen / 10), i % 40 === 0 ? '["litigation"]' : '[]', (i % AGENTS) + 1, now);
      }
      const attempt = prep(`INSERT INTO attempts (id, client_request_id, case_id, agent_id, channel, party, outcome_code, note, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`);
      const promise = prep(`INSERT INTO promises (id, case_id, attempt_id, agent_id, amount_fen, due_date, created_date, created_at, state)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
      const payment = prep("INSERT INTO payments (id, case_id, amount_fen, paid_date, source, agent_id, created_at) VALUES (?, ?, ?, ?, 'agent', ?, ?)");
      const start = zonedToUtc(FROM, '08:00', 'Asia/Shanghai').getTime();
      for (let i = 0; i < ATTEMPTS; i++) {
        const caseId = 1 + rnd(AGENTS * CASES_PER_AGENT);
        const agentId = ((caseId - 1) % AGENTS) + 1;
        const day = rnd(31);
        const at = new Date(start + day * 86_400_000 + rnd(13 * 3_600_000)).toISOString();
        const code = CODES[rnd(CODES.length)] ?? 'NO_ANSWER';
        const self = code === 'PTP' || code === 'REFUSES' || code === 'UNABLE' || code === 'CLAIMS_PAID';
        const id = `b-a-${i}`;
        attempt.run(id, `b-r-${i}`, caseId, agentId, i % 25 === 0 ? 'sms' : 'phone', self ? 'self' : code === 'THIRD_PARTY_MESSAGE' ? 'third_party' : 'none', code, at);
        if (code === 'PTP') {
          const created = addDays(FROM, day);
          const due = addDays(created, 1 + rnd(7));
          const amount = 50_000 + rnd(500_000);
          promise.run(`b-p-${i}`, caseId, id, agentId, amount, due, created, at);
          if (rnd(2) === 0) payment.run(`b-pay-${i}`, caseId, amount, due <= TO ? due : TO, agentId, at);
        }
      }
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  log(`reports bench database: ${AGENTS} agents, ${ATTEMPTS.toLocaleString('en')} attempts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

export async function runReportsBench(opts: { log?: (s: string) => void; runs?: number } = {}): Promise<Stat[]> {
  const log = opts.log ?? (() => {});
  const dir = buildReportsDatabase(log);
  const db = openDb(dir);
  try {
    const ctx = { prep: statementCache(db) };
    const settings = loadSettings(db);
    const clock = { today: '2026-04-01', now: new Date('2026-04-01T02:00:00.000Z'), settings };
    const total: number[] = [];
    const data: number[] = [];
    let bytes = 0;
    for (let i = 0; i < (opts.runs ?? 3); i++) {
      const t0 = performance.now();
      const summary = buildSummary(ctx, { kind: 'team' }, FROM, TO, clock, '全组');
      const t1 = performance.now();
      const pdf = await writePdf(buildSummaryDoc(summary, 'zh-CN'));
      total.push(performance.now() - t0);
      data.push(t1 - t0);
      bytes = pdf.length;
      if (i === 0) log(`team month summary: ${summary.figures.calls.toLocaleString('en')} calls, ${summary.agents.length} agents, PDF ${(bytes / 1024).toFixed(0)} KB`);
    }
    return [
      summarize('report: team month summary data (50 agents, 150k attempts) ms', data, null, 'max'),
      summarize('report: team month summary to PDF ms', total, 2000, 'max'),
    ];
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runReportsBench({ log: (s) => console.log(s) }).then(
    (stats) => {
      for (const s of stats) console.log(`${s.name}: p50 ${s.p50.toFixed(0)}  max ${s.p99.toFixed(0)}  target ${s.target ?? '—'}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
