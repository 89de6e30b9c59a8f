/**
 * The change feed (fan-out on write). Every hub change adds, for each receiver whose scope holds
 * the row, an entry (user, entity, id) -> (seq, op); the entry moves to the receiver's next seq on
 * every change, so the feed holds one entry per row ever in scope. Pull reads the current rows at
 * pull time, filtered by the reader's scope.
 *
 * Ordering guarantee (what makes `seq > cursor` safe): a receiver's seqs become visible in seq
 * order, with no hole that fills in later. Seqs come from users.feed_seq, incremented in the
 * writing transaction; the row lock taken by that UPDATE is held until COMMIT, so a second writer
 * for the same receiver waits, re-reads the committed counter (READ COMMITTED re-evaluates the
 * updated row) and can only commit after the first one is visible; a rolled-back writer returns
 * its seqs with its counter update. On PostgreSQL the reservation is the transaction's last
 * statement, sent in one message with COMMIT (appendSql, Q.atCommit), so the lock lives for
 * server-side microseconds plus the WAL flush, not for the push. SQLite has one writer at a time.
 */
import type { Change, EntityName } from '../shared/sync';
import { loadScoped, ScopeCheck, type Reader } from './rows';
import { ENTITY_CODE, entityOfCode, feedKey, HUB_KEYED, textKeyIds, textKeysOf } from './feed-keys';
import { inList, type Param, type Q } from './store/types';

/** Parents before children inside a block and a page (a desk applying a page in order never meets a dangling reference). */
export const RANK: Record<EntityName, number> = {
  agent: 0, outcomeCode: 1, script: 1, setting: 1, target: 1, batch: 2, debtor: 3, contact: 4, phone: 5, case: 6,
  attempt: 7, promise: 8, payment: 8, followUp: 8, rejection: 9, conflict: 9, contactOverride: 8, message: 8,
};

type Op = 'put' | 'del';
const SEP = '\u0001';

/** One feed entry to write: the row's key and what happened to it. */
export interface FeedEntry { entity: EntityName; id: string; op: Op }
/** Its stored form (feed-keys.ts): entity code and either hub_id or dev_id. */
interface StoredEntry { code: number; hubId: number | null; devId: string | null; op: Op }

const dictKey = (entity: EntityName, text: string): string => `${ENTITY_CODE[entity]}:${text}`;

function stored(e: FeedEntry, dict: ReadonlyMap<string, number>): StoredEntry {
  const k = feedKey(e.entity, e.id);
  if ('text' in k) {
    const id = dict.get(dictKey(e.entity, k.text));
    if (id === undefined) throw new Error(`feed: no feed_keys id for ${e.entity} ${k.text.slice(0, 40)}`);
    return { code: ENTITY_CODE[e.entity], hubId: id, devId: null, op: e.op };
  }
  return { code: ENTITY_CODE[e.entity], hubId: k.hubId, devId: k.devId, op: e.op };
}

/** Entities in page order (RANK), ties in a fixed order: a receiver's entries are written in this order. */
const WRITE_ORDER: readonly EntityName[] = (Object.keys(RANK) as EntityName[]).sort((a, b) => RANK[a] - RANK[b]);
const FEED_COLS = ['user_id', 'entity', 'hub_id', 'dev_id', 'seq', 'op'];

/**
 * Collects a transaction's feed entries and writes them at its end, locking receivers in id order.
 * Per receiver and entity, an id is kept once (its last op); a push of 500 attempts adds a few
 * thousand entries, so this is kept to plain maps (no per-entry key strings or objects).
 */
export class Fanout {
  private readonly byUser = new Map<number, Map<EntityName, Map<string, Op>>>();

  add(users: Iterable<number>, entity: EntityName, id: string | number, op: Op = 'put'): void {
    const key = String(id);
    for (const u of users) {
      let perEntity = this.byUser.get(u);
      if (!perEntity) this.byUser.set(u, (perEntity = new Map()));
      let m = perEntity.get(entity);
      if (!m) perEntity.set(entity, (m = new Map()));
      m.delete(key); // a later change moves the entry to the end
      m.set(key, op);
    }
  }

  get size(): number {
    let n = 0;
    for (const perEntity of this.byUser.values()) for (const m of perEntity.values()) n += m.size;
    return n;
  }

  /** One receiver's entries in write order: parents first (RANK), then in the order added. */
  private entriesOf(u: number): FeedEntry[] {
    const perEntity = this.byUser.get(u);
    const out: FeedEntry[] = [];
    if (!perEntity) return out;
    for (const entity of WRITE_ORDER) {
      const m = perEntity.get(entity);
      if (m) for (const [id, op] of m) out.push({ entity, id, op });
    }
    return out;
  }

  async flush(q: Q): Promise<void> {
    if (this.byUser.size === 0) return;
    const users = [...this.byUser.keys()].sort((a, b) => a - b);
    if (q.kind === 'postgres' && this.size <= TAIL_MAX_ENTRIES) return this.flushAtCommit(q, users);
    // Each entry's stored key is worked out once, into flat columns (a push of 500 attempts
    // writes a few thousand entries: no object per entry).
    const perUser: { u: number; keys: StoredKeys }[] = [];
    const texts: { entity: EntityName; text: string }[] = [];
    for (const u of users) {
      const keys = this.storedKeysOf(u, texts);
      if (keys.codes.length > 0) perUser.push({ u, keys });
    }
    // Text keys get their dictionary ids first (before any receiver's counter is locked).
    const dict = await textKeyIds(q, texts);
    for (const { u, keys } of perUser) {
      const n = keys.codes.length;
      const top = await q.get<{ feed_seq: number }>('UPDATE users SET feed_seq = feed_seq + ? WHERE id = ? RETURNING feed_seq', [n, u]);
      if (!top) continue; // a receiver that no longer exists
      const base = Number(top.feed_seq) - n;
      const hub: Param[] = [];
      const dev: Param[] = [];
      for (let i = 0; i < n; i++) {
        const code = keys.codes[i] ?? 0;
        const devId = keys.devIds[i] ?? null;
        const op = keys.ops[i] ?? 'put';
        if (devId !== null) dev.push(u, code, null, devId, base + i + 1, op);
        else hub.push(u, code, keys.hubIds[i] ?? dictId(dict, code, keys.texts[i] ?? ''), null, base + i + 1, op);
      }
      await upsertFlat(q, 'feed', FEED_COLS, hub, ['user_id', 'entity', 'hub_id'], ['seq', 'op'], 'hub_id IS NOT NULL');
      await upsertFlat(q, 'feed', FEED_COLS, dev, ['user_id', 'entity', 'dev_id'], ['seq', 'op'], 'dev_id IS NOT NULL');
    }
    this.byUser.clear();
  }

  /** One receiver's entries in write order as stored keys; text keys are added to `texts` (their dictionary ids come later). */
  private storedKeysOf(u: number, texts: { entity: EntityName; text: string }[]): StoredKeys {
    const out: StoredKeys = { codes: [], hubIds: [], devIds: [], texts: [], ops: [] };
    const perEntity = this.byUser.get(u);
    if (!perEntity) return out;
    for (const entity of WRITE_ORDER) {
      const m = perEntity.get(entity);
      if (!m) continue;
      const code = ENTITY_CODE[entity];
      for (const [id, op] of m) {
        const k = feedKey(entity, id);
        out.codes.push(code);
        out.ops.push(op);
        if ('text' in k) {
          texts.push({ entity, text: k.text });
          out.hubIds.push(null);
          out.devIds.push(null);
          out.texts.push(k.text);
        } else {
          out.hubIds.push(k.hubId);
          out.devIds.push(k.devId);
          out.texts.push(null);
        }
      }
    }
    return out;
  }

  /** PostgreSQL: each receiver's entries ride in the commit tail (appendSql). */
  private async flushAtCommit(q: Q, users: readonly number[]): Promise<void> {
    const perUser = new Map<number, FeedEntry[]>();
    const texts: { entity: EntityName; text: string }[] = [];
    for (const u of users) {
      const entries = this.entriesOf(u);
      if (entries.length === 0) continue;
      for (const e of entries) {
        if (HUB_KEYED.has(e.entity)) continue;
        const k = feedKey(e.entity, e.id);
        if ('text' in k) texts.push({ entity: e.entity, text: k.text });
      }
      perUser.set(u, entries);
    }
    const dict = await textKeyIds(q, texts);
    for (const [u, entries] of perUser) {
      for (let i = 0; i < entries.length; i += TAIL_CHUNK) await q.atCommit(...appendSql(u, entries.slice(i, i + TAIL_CHUNK), dict));
    }
    this.byUser.clear();
  }
}

/** A receiver's entries as stored, column by column (index i is entry i in write order). */
interface StoredKeys { codes: number[]; hubIds: (number | null)[]; devIds: (string | null)[]; texts: (string | null)[]; ops: Op[] }

function dictId(dict: ReadonlyMap<string, number>, code: number, text: string): number {
  const id = dict.get(`${code}:${text}`);
  if (id === undefined) throw new Error(`feed: no feed_keys id for entity ${code} ${text.slice(0, 40)}`);
  return id;
}

/**
 * PostgreSQL: the feed entries of one receiver as one statement that reserves the positions
 * (the receiver's counter row, locked until commit) and writes the entries. It runs as the
 * transaction's commit tail (Q.atCommit): the counter lock is held for the server-side time of
 * this statement and the commit only, so a team's pushes no longer queue behind each other's
 * round trips. A fan-out above TAIL_MAX_ENTRIES (bulk imports) reserves at once instead.
 * `dict`: the feed_keys ids of the entries' text keys (textKeyIds).
 */
export const TAIL_MAX_ENTRIES = 20_000;
const TAIL_CHUNK = 2_000;
export function appendSql(user: number, entries: readonly FeedEntry[], dict: ReadonlyMap<string, number> = new Map()): [string, Param[]] {
  const n = entries.length;
  const params: Param[] = [n, user, n];
  entries.forEach((e, i) => {
    const s = stored(e, dict);
    params.push(s.code, s.hubId, s.devId, i + 1, s.op);
  });
  params.push(user, user);
  const set = 'DO UPDATE SET seq = excluded.seq, op = excluded.op';
  const sql = `WITH c AS (UPDATE users SET feed_seq = feed_seq + ? WHERE id = ? RETURNING feed_seq - ? AS base),
v (entity, hub_id, dev_id, n, op) AS (VALUES ${entries.map(() => '(CAST(? AS SMALLINT), CAST(? AS BIGINT), CAST(? AS UUID), CAST(? AS BIGINT), CAST(? AS TEXT))').join(', ')}),
h AS (INSERT INTO feed (user_id, entity, hub_id, dev_id, seq, op)
  SELECT ?, v.entity, v.hub_id, NULL, c.base + v.n, v.op FROM c CROSS JOIN v WHERE v.hub_id IS NOT NULL
  ON CONFLICT (user_id, entity, hub_id) WHERE hub_id IS NOT NULL ${set})
INSERT INTO feed (user_id, entity, hub_id, dev_id, seq, op)
SELECT ?, v.entity, NULL, v.dev_id, c.base + v.n, v.op FROM c CROSS JOIN v WHERE v.dev_id IS NOT NULL
ON CONFLICT (user_id, entity, dev_id) WHERE dev_id IS NOT NULL ${set}`;
  return [sql, params];
}

/** Multi-row INSERT ... ON CONFLICT DO UPDATE (or DO NOTHING when `update` is empty), in chunks. Portable. */
export async function upsertMany(
  q: Q, table: string, cols: readonly string[], rows: readonly Param[][], conflict: readonly string[], update: readonly string[],
  /** The predicate of a partial unique index the conflict names. */
  conflictWhere?: string,
): Promise<void> {
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / cols.length)));
  const tail = update.length > 0 ? `DO UPDATE SET ${update.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'DO NOTHING';
  const head = `INSERT INTO ${table} (${cols.join(', ')}) VALUES`;
  const end = `ON CONFLICT (${conflict.join(', ')})${conflictWhere ? ` WHERE ${conflictWhere}` : ''} ${tail}`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await q.run(valuesSql(head, cols.length, part.length, end), flatten(part));
  }
}

/** upsertMany with the rows' cells given as one flat list (`cols.length` cells a row), in chunks of up to 500 rows. */
export async function upsertFlat(
  q: Q, table: string, cols: readonly string[], cells: readonly Param[], conflict: readonly string[], update: readonly string[], conflictWhere?: string,
): Promise<void> {
  const width = cols.length;
  const per = Math.max(1, Math.min(500, Math.floor(30_000 / width)));
  const tail = update.length > 0 ? `DO UPDATE SET ${update.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'DO NOTHING';
  const head = `INSERT INTO ${table} (${cols.join(', ')}) VALUES`;
  const end = `ON CONFLICT (${conflict.join(', ')})${conflictWhere ? ` WHERE ${conflictWhere}` : ''} ${tail}`;
  const rows = cells.length / width;
  for (let i = 0; i < rows; i += per) {
    const n = Math.min(per, rows - i);
    await q.run(valuesSql(head, width, n, end), n === rows ? cells : cells.slice(i * width, (i + n) * width));
  }
}

const valuesSqls = new Map<string, string>();
/** `head (?, ...), (?, ...) end` for n rows of `width` cells; the same text object each time (statement caches key on it). */
export function valuesSql(head: string, width: number, n: number, end: string): string {
  const key = `${head}|${width}|${n}|${end}`;
  let sql = valuesSqls.get(key);
  if (sql === undefined) {
    const cell = `(${inList(width)})`;
    sql = `${head} ${Array.from({ length: n }, () => cell).join(', ')} ${end}`;
    if (valuesSqls.size >= 2_000) valuesSqls.clear();
    valuesSqls.set(key, sql);
  }
  return sql;
}

/** Rows of cells as one parameter list. */
export function flatten(rows: readonly (readonly Param[])[]): Param[] {
  const out: Param[] = [];
  for (const r of rows) for (const v of r) out.push(v);
  return out;
}

/** Chunked `SELECT ... WHERE col IN (...)`. */
export async function selectIn<T>(q: Q, sqlBefore: string, ids: readonly Param[], sqlAfter = '', extra: readonly Param[] = []): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    out.push(...(await q.all<T>(`${sqlBefore} (${inList(part.length)}) ${sqlAfter}`, [...part, ...extra])));
  }
  return out;
}

/** The team's leads and admins (they see the whole team). */
export async function teamLeads(q: Q, teamId: number): Promise<number[]> {
  return (await q.all<{ id: number }>("SELECT id FROM users WHERE team_id = ? AND role IN ('lead', 'admin')", [teamId])).map((r) => Number(r.id));
}
export async function teamMembers(q: Q, teamId: number): Promise<number[]> {
  return (await q.all<{ id: number }>('SELECT id FROM users WHERE team_id = ?', [teamId])).map((r) => Number(r.id));
}

/** Who receives a change to a case or its rows: the team's leads and the assigned agent. */
export async function caseAudience(q: Q, c: { team_id: number; assigned_agent_id: number | null }, memo?: Map<number, number[]>): Promise<number[]> {
  let leads = memo?.get(c.team_id);
  if (!leads) {
    leads = await teamLeads(q, c.team_id);
    memo?.set(c.team_id, leads);
  }
  return c.assigned_agent_id === null ? leads : [...new Set([...leads, Number(c.assigned_agent_id)])];
}

/** A case with everything a desk needs to work it: debtor, contacts, phones, batch and history. */
export async function bundleKeys(q: Q, caseIds: readonly number[]): Promise<[EntityName, string][]> {
  if (caseIds.length === 0) return [];
  const out: [EntityName, string][] = [];
  const cases = await selectIn<{ id: number; debtor_id: number; batch_id: number | null }>(q, 'SELECT id, debtor_id, batch_id FROM cases WHERE id IN', caseIds);
  const debtors = [...new Set(cases.map((c) => Number(c.debtor_id)))];
  for (const b of new Set(cases.map((c) => c.batch_id).filter((x): x is number => x !== null))) out.push(['batch', String(b)]);
  for (const d of debtors) out.push(['debtor', String(d)]);
  for (const r of await selectIn<{ id: number }>(q, 'SELECT id FROM contacts WHERE debtor_id IN', debtors)) out.push(['contact', String(r.id)]);
  for (const r of await selectIn<{ id: number }>(q, 'SELECT id FROM phones WHERE debtor_id IN', debtors)) out.push(['phone', String(r.id)]);
  for (const c of cases) out.push(['case', String(c.id)]);
  for (const [entity, table] of [['attempt', 'attempts'], ['promise', 'promises'], ['payment', 'payments'], ['followUp', 'follow_ups'], ['message', 'messages']] as const) {
    for (const r of await selectIn<{ id: string }>(q, `SELECT id FROM ${table} WHERE case_id IN`, caseIds)) out.push([entity, String(r.id)]);
  }
  return out;
}

/** Everything in a user's scope, for a new receiver (a user just added to a team). */
export async function scopeKeys(q: Q, user: Reader): Promise<[EntityName, string][]> {
  const out: [EntityName, string][] = [['agent', String(user.userId)]];
  if (user.teamId === null) return out;
  const t = [user.teamId];
  for (const r of await q.all<{ code: string }>('SELECT code FROM outcome_codes WHERE team_id = ?', t)) out.push(['outcomeCode', r.code]);
  for (const r of await q.all<{ locale: string }>('SELECT locale FROM scripts WHERE team_id = ?', t)) out.push(['script', r.locale]);
  for (const r of await q.all<{ key: string }>('SELECT key FROM settings WHERE team_id = ?', t)) out.push(['setting', r.key]);
  for (const r of await q.all<{ id: number }>('SELECT id FROM targets WHERE team_id = ?', t)) out.push(['target', String(r.id)]);
  for (const r of await q.all<{ id: number }>('SELECT id FROM users WHERE team_id = ? AND id <> ?', [user.teamId, user.userId])) out.push(['agent', String(r.id)]);
  if (user.role === 'agent') {
    const mine = await q.all<{ id: number }>('SELECT id FROM cases WHERE assigned_agent_id = ?', [user.userId]);
    out.push(...(await bundleKeys(q, mine.map((r) => Number(r.id)))));
  } else {
    for (const r of await q.all<{ id: number }>('SELECT id FROM batches WHERE team_id = ?', t)) out.push(['batch', String(r.id)]);
    const all = await q.all<{ id: number }>('SELECT id FROM cases WHERE team_id = ?', t);
    out.push(...(await bundleKeys(q, all.map((r) => Number(r.id)))).filter(([e]) => e !== 'batch'));
    for (const r of await q.all<{ id: number }>('SELECT id FROM conflicts WHERE team_id = ?', t)) out.push(['conflict', String(r.id)]);
  }
  return out;
}

interface Entry { entity: EntityName; entity_id: string; seq: number; op: Op }

/** Feed rows back to (entity name, key text); text keys through feed_keys. One pass, no copies: a first pull reads thousands a page. */
async function readableEntries(q: Q, raw: readonly { entity: number; hub_id: number | null; dev_id: string | null; seq: number; op: Op }[]): Promise<Entry[]> {
  const out: Entry[] = [];
  const textKeyAt: [number, number][] = []; // (entry index, feed_keys id)
  for (const r of raw) {
    const entity = entityOfCode(r.entity);
    let id = '';
    if (r.dev_id !== null) id = r.dev_id;
    else if (HUB_KEYED.has(entity)) id = String(r.hub_id);
    else if (r.hub_id !== null) textKeyAt.push([out.length, Number(r.hub_id)]);
    out.push({ entity, entity_id: id, seq: Number(r.seq), op: r.op });
  }
  if (textKeyAt.length > 0) {
    const dict = await textKeysOf(q, textKeyAt.map(([, k]) => k));
    for (const [i, k] of textKeyAt) {
      const e = out[i];
      if (e) e.entity_id = dict.get(k) ?? '';
    }
  }
  return out;
}

/** The parent rows a put row references (entity, key column), by entity. */
const PARENT_COLS: Partial<Record<EntityName, readonly (readonly [EntityName, string])[]>> = {
  case: [['debtor', 'debtorId'], ['batch', 'batchId']],
  contact: [['debtor', 'debtorId']],
  phone: [['debtor', 'debtorId'], ['contact', 'contactId']],
  attempt: [['case', 'caseId']],
  promise: [['case', 'caseId']],
  payment: [['case', 'caseId']],
  followUp: [['case', 'caseId']],
};

/**
 * A case's del names who holds the case now: the former holder's desk tells the agent at once
 * where the case went (their draft stays; the 催记 is still taken as history). Case dels are
 * rare (reassignment), so one lookup per page that has any.
 */
async function addMovedTo(q: Q, dels: Change[]): Promise<void> {
  const caseDels = dels.filter((d): d is Extract<Change, { op: 'del' }> => d.op === 'del' && d.entity === 'case');
  if (caseDels.length === 0) return;
  const rows = await q.all<{ id: number | string; agent_id: number | string | null; name: string | null }>(
    `SELECT c.id, c.assigned_agent_id AS agent_id, u.display_name AS name FROM cases c LEFT JOIN users u ON u.id = c.assigned_agent_id
     WHERE c.id IN (${inList(caseDels.length)})`,
    caseDels.map((d) => Number(d.id)),
  );
  const holder = new Map(rows.map((r) => [String(r.id), r.agent_id === null ? null : { agentId: String(r.agent_id), name: r.name ?? `#${String(r.agent_id)}` }]));
  for (const d of caseDels) if (holder.has(d.id)) d.movedTo = holder.get(d.id) ?? null;
}

/**
 * One page of a reader's feed after `cursor`: dels, then puts parents first. A parent whose own
 * entry would come in a later page (it changed later) is included here too, so every page is
 * self-contained for a desk with foreign keys.
 */
export async function readPage(q: Q, reader: Reader, cursor: number, limit: number): Promise<{ cursor: number; changes: Change[]; more: boolean }> {
  const raw = await q.all<{ entity: number; hub_id: number | null; dev_id: string | null; seq: number; op: Op }>(
    'SELECT entity, hub_id, dev_id, seq, op FROM feed WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    [reader.userId, cursor, limit + 1],
  );
  const entries = await readableEntries(q, raw);
  const more = entries.length > limit;
  const page = entries.slice(0, limit);
  const end = page.length > 0 ? Number(page[page.length - 1]?.seq) : cursor;

  const dels: Change[] = [];
  const wanted = new Map<EntityName, string[]>();
  for (const e of page) {
    if (e.op === 'del') dels.push({ op: 'del', entity: e.entity, id: e.entity_id });
    else {
      let l = wanted.get(e.entity);
      if (!l) wanted.set(e.entity, (l = []));
      l.push(e.entity_id);
    }
  }
  await addMovedTo(q, dels);
  const loaded = new Map<string, { entity: EntityName; row: Record<string, unknown> }>();
  /** Rows loaded since their parents were last looked for. */
  let fresh: { entity: EntityName; row: Record<string, unknown> }[] = [];
  const scope = new ScopeCheck(reader);
  const load = async (entity: EntityName, ids: string[]) => {
    if (ids.length === 0) return;
    const rows = await loadScoped(q, entity, ids, reader, scope);
    for (const [id, row] of rows) {
      const l = { entity, row };
      loaded.set(`${entity}${SEP}${id}`, l);
      fresh.push(l);
    }
  };
  // Parents first, so their own parents are found in the next round.
  const order = [...wanted.keys()].sort((a, b) => RANK[b] - RANK[a]);
  for (const entity of order) await load(entity, wanted.get(entity) ?? []);
  // Cases whose latest change came with an attempt of this page that moved only their counters
  // (hub/mutations/attempt-save.ts): their feed entry stayed put, so their row comes with it.
  await load('case', [...scope.countedCases].map(String).filter((id) => !loaded.has(`case${SEP}${id}`)));
  // Missing parents whose entries lie beyond this page (rounds: work rows -> case -> debtor/contact/batch).
  // One feed lookup a round for all of them; a parent looked up once is not asked for again, and
  // a row's parents are looked for once (the rows loaded in the round before).
  const checked = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const need = new Map<EntityName, string[]>();
    for (const { entity, row } of fresh) {
      for (const [pe, col] of PARENT_COLS[entity] ?? []) {
        const pid = row[col];
        if (typeof pid !== 'string') continue;
        const key = `${pe}${SEP}${pid}`;
        if (loaded.has(key) || checked.has(key)) continue;
        checked.add(key);
        let list = need.get(pe);
        if (!list) need.set(pe, (list = []));
        list.push(pid);
      }
    }
    fresh = [];
    if (need.size === 0) break;
    const groups = [...need].flatMap(([pe, ids]) => {
      const out: [EntityName, string[]][] = [];
      for (let i = 0; i < ids.length; i += 400) out.push([pe, ids.slice(i, i + 400)]);
      return out;
    });
    const found = new Map<EntityName, string[]>();
    for (let g = 0; g < groups.length; g += 4) {
      const part = groups.slice(g, g + 4);
      // Parents (case, debtor, contact, batch) are hub-made rows: keyed by hub_id.
      const rows = await q.all<{ entity: number; hub_id: number }>(
        `SELECT entity, hub_id FROM feed WHERE user_id = ? AND seq > ? AND hub_id IS NOT NULL AND (${part.map(([, ids]) => `(entity = ? AND hub_id IN (${inList(ids.length)}))`).join(' OR ')})`,
        [reader.userId, end, ...part.flatMap(([pe, ids]): Param[] => [ENTITY_CODE[pe], ...ids.map(Number)])],
      );
      for (const r of rows) {
        const pe = entityOfCode(r.entity);
        let list = found.get(pe);
        if (!list) found.set(pe, (list = []));
        list.push(String(r.hub_id));
      }
    }
    for (const [pe, ids] of found) await load(pe, ids);
  }
  const puts: Change[] = [...loaded.values()]
    .sort((a, b) => RANK[a.entity] - RANK[b.entity])
    .map(({ entity, row }) => ({ op: 'put', entity, row }));
  return { cursor: end, changes: [...dels, ...puts], more };
}
