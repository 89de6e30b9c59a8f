/**
 * Child process of kill.test.ts: opens the desk in argv[2], saves PTP attempts on case argv[3]
 * in a loop and prints "ACK <clientRequestId>" only after invoke returned ok. The parent kills it
 * with SIGKILL at a random moment.
 */
import { createDesk } from '../../electron/core/desk';
import type { ScriptView } from '../../shared/contract';
import { localDateOf, addDays } from '../../shared/domain/dates';

async function main(): Promise<void> {
  const [dataDir, caseId, tag] = process.argv.slice(2);
  if (!dataDir || !caseId || !tag) throw new Error('usage: kill-child DATA_DIR CASE_ID TAG');
  const desk = await createDesk({ dataDir, pollMs: 0, log: (level, msg) => process.stderr.write(`${level} ${msg}\n`) });
  const login = await desk.invoke('auth.login', { username: 'tester', password: 'secret1' });
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const script = await desk.invoke('script.forCase', { caseId, locale: 'zh-CN' });
  if (!script.ok) throw new Error(JSON.stringify(script.error));
  const v = script.value as ScriptView;
  const steps = [...v.opening, ...v.body].filter((s) => s.required).map((s) => s.id);
  const due = addDays(localDateOf(new Date(), 'Asia/Shanghai'), 3);
  process.stdout.write('READY\n');
  for (let i = 0; ; i++) {
    const clientRequestId = `kill-${tag}-${i}`;
    const r = await desk.invoke('attempt.save', {
      clientRequestId, caseId, phoneId: null, channel: 'phone', party: 'self', outcomeCode: 'PTP', note: `第${i}次`,
      callStartedAt: null, durationSec: 30, ptp: { amountFen: 1000 + i, dueDate: due }, followUp: null,
      claimedPaidDate: null, stepsDone: steps, scenario: null,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    process.stdout.write(`ACK ${clientRequestId}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
