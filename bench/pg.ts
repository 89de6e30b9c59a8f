import pg from 'pg';

/** The PostgreSQL the hub benches use (HUB_BENCH_DATABASE_URL), each in its own throw-away schema. */
export const PG_URL = process.env.HUB_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers at PG_URL (a bench skips its PostgreSQL half, saying so, when not). */
export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
