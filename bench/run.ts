/** `npm run bench`: the core benchmark (the web screen timing is added beside it). */
import { formatTable, runCoreBench } from './core';

async function main(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 100_000);
  const stats = await runCoreBench({ cases });
  console.log(`\nCollectDesk core on ${cases.toLocaleString('en')} cases (node ${process.version})\n`);
  console.log(formatTable(stats));
  const failed = stats.filter((s) => s.target !== null && (s.stat === 'p95' ? s.p95 : s.p99) > s.target);
  if (failed.length > 0) {
    console.log(`\n${failed.length} target(s) missed: ${failed.map((s) => s.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
