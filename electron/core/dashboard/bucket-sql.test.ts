import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bucketFor, DEFAULT_BUCKET_BOUNDS } from '../../../shared/domain/buckets';
import { addDays, dpd } from '../../../shared/domain/dates';
import { bucketCaseSql } from './bucket-sql';

describe('a bucket in SQL', () => {
  it('agrees with bucketFor on every overdue date around each bound, default and odd bounds', () => {
    const db = new Database(':memory:');
    for (const bounds of [DEFAULT_BUCKET_BOUNDS, { earlyMax: 3, midMax: 10, m1Max: 31, m2Max: 61, m3Max: 120 }]) {
      const day = '2026-03-01'; // after a short February
      const { sql, params } = bucketCaseSql('s', day, bounds);
      const st = db.prepare(`SELECT ${sql} AS b FROM (SELECT ? AS s)`).pluck();
      for (let back = -3; back <= 200; back++) {
        const s = addDays(day, -back);
        expect(st.get(...params, s), `${s} with ${JSON.stringify(bounds)}`).toBe(bucketFor(dpd(s, day), bounds));
      }
    }
    db.close();
  });
});
