/** `npm run bench`: the desk core (plain and encrypted), contact rules, the web screens, the hub, and the lead console, on a 100,000-case database. */
import { benchDatabase, checkedValue, formatTable, runCoreBench } from './core';
import { runContactBench } from './contact';
import { runDashboardBench } from './dashboard';
import { runHubBench } from './hub';
import { runImportBench } from './import';
import { runPokeBench } from './poke';
import { runReportsBench } from './reports';
import { runWebBench } from './web';

async function main(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 100_000);
  const log = (s: string) => console.log(s);
  // The desk figures twice: plain and encrypted at rest (the app), side by side against the same targets.
  // BENCH_ENCRYPTION=plain|encrypted runs one of them.
  const modes = process.env.BENCH_ENCRYPTION === 'plain' ? [false] : process.env.BENCH_ENCRYPTION === 'encrypted' ? [true] : [false, true];
  const stats = [];
  for (const encrypted of modes) stats.push(...(await runCoreBench({ cases, log, encrypted })));
  stats.push(...(await runContactBench({ cases, log })));
  if (process.env.BENCH_SKIP_WEB !== '1') stats.push(...(await runWebBench({ dbDir: benchDatabase(cases, log), log })));
  if (process.env.BENCH_SKIP_HUB !== '1') stats.push(...(await runHubBench({ log })));
  if (process.env.BENCH_SKIP_HUB !== '1') stats.push(...(await runPokeBench({ log })));
  // The lead console: dashboard, import, summaries (BENCH_SKIP_LEAD=1 skips them).
  if (process.env.BENCH_SKIP_LEAD !== '1') stats.push(...(await runDashboardBench({ log })));
  if (process.env.BENCH_SKIP_LEAD !== '1' && process.env.BENCH_SKIP_IMPORT !== '1') stats.push(...(await runImportBench({ log })));
  if (process.env.BENCH_SKIP_LEAD !== '1') stats.push(...(await runReportsBench({ log })));
  console.log(`\nCollectDesk on ${cases.toLocaleString('en')} cases (node ${process.version})\n`);
  console.log(formatTable(stats));
  const failed = stats.filter((s) => s.target !== null && checkedValue(s) > s.target);
  if (failed.length > 0) {
    console.log(`\n${failed.length} target(s) missed: ${failed.map((s) => s.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
