/** The SQLite hub's commits wait for the disk: a push it has answered is gone from the desk's outbox. */
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../hub/store/sqlite';
import { tempDir } from '../../fixtures/desk';

describe('SQLite hub store', () => {
  it('commits with synchronous=FULL in WAL mode, on its writing connection', async () => {
    const store = openSqliteStore({ dataDir: tempDir('hub-durable-') });
    try {
      await store.migrate();
      const seen = await store.write(async (q) => ({
        synchronous: (await q.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous,
        journal: (await q.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode,
      }));
      expect(seen).toEqual({ synchronous: 2, journal: 'wal' });
    } finally {
      await store.close();
    }
  });
});
