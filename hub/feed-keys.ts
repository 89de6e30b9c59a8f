/**
 * The feed's compact key. A feed entry names its row by (entity as a small integer, key) where
 * the key is one of:
 *  - hub_id: the row's own id for hub-made rows (cases, debtors, phones, ...), a 64-bit integer;
 *  - dev_id: a device-made UUID (attempts, promises, payments, follow-ups; native uuid on PostgreSQL);
 *  - hub_id naming a feed_keys row, for text keys (outcome codes, script locales, setting keys,
 *    and any device-made key that is not a UUID): a small dictionary shared by all teams.
 * The entity numbers are stored: never change or reuse one.
 */
import type { EntityName } from '../shared/sync';
import { inList, type Q } from './store/types';

export const ENTITY_CODE: Readonly<Record<EntityName, number>> = {
  agent: 1, outcomeCode: 2, script: 3, setting: 4, target: 5, batch: 6, debtor: 7, contact: 8, phone: 9, case: 10,
  attempt: 11, promise: 12, payment: 13, followUp: 14, rejection: 15, conflict: 16, contactOverride: 17, message: 18,
};
const BY_CODE = new Map<number, EntityName>(Object.entries(ENTITY_CODE).map(([e, c]) => [c, e as EntityName]));

export function entityOfCode(code: number): EntityName {
  const e = BY_CODE.get(Number(code));
  if (!e) throw new Error(`feed: unknown entity code ${code}`);
  return e;
}

/** Entities whose key is the hub's own integer id. */
export const HUB_KEYED: ReadonlySet<EntityName> = new Set(['agent', 'target', 'batch', 'debtor', 'contact', 'phone', 'case', 'rejection', 'conflict']);
/** Entities whose key is made on a device (a UUID when it looks like one). */
export const DEVICE_KEYED: ReadonlySet<EntityName> = new Set(['attempt', 'promise', 'payment', 'followUp', 'contactOverride', 'message']);
export const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export type FeedKey = { hubId: number; devId: null } | { hubId: null; devId: string } | { text: string };

/** How an entity's key is stored (text keys still need their feed_keys id). */
export function feedKey(entity: EntityName, id: string): FeedKey {
  if (HUB_KEYED.has(entity)) {
    if (!/^\d{1,16}$/.test(id) || !Number.isSafeInteger(Number(id))) throw new Error(`feed: ${entity} key ${id.slice(0, 40)} is not a hub id`);
    return { hubId: Number(id), devId: null };
  }
  if (DEVICE_KEYED.has(entity) && UUID_TEXT.test(id)) return { hubId: null, devId: id.toLowerCase() };
  return { text: id };
}

/** The feed_keys ids of text keys, added when new (ids never change once committed). */
export async function textKeyIds(q: Q, keys: readonly { entity: EntityName; text: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (keys.length === 0) return out;
  const uniq = [...new Map(keys.map((k) => [`${ENTITY_CODE[k.entity]}:${k.text}`, k])).values()];
  for (let i = 0; i < uniq.length; i += 200) {
    const part = uniq.slice(i, i + 200);
    const params = part.flatMap((k) => [ENTITY_CODE[k.entity], k.text]);
    await q.run(`INSERT INTO feed_keys (entity, key) VALUES ${part.map(() => '(?, ?)').join(', ')} ON CONFLICT (entity, key) DO NOTHING`, params);
    const rows = await q.all<{ id: number; entity: number; key: string }>(
      `SELECT id, entity, key FROM feed_keys WHERE ${part.map(() => '(entity = ? AND key = ?)').join(' OR ')}`,
      params,
    );
    for (const r of rows) out.set(`${Number(r.entity)}:${r.key}`, Number(r.id));
  }
  return out;
}

/** The text keys of feed_keys ids. */
export async function textKeysOf(q: Q, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const uniq = [...new Set(ids)];
  for (let i = 0; i < uniq.length; i += 400) {
    const part = uniq.slice(i, i + 400);
    for (const r of await q.all<{ id: number; key: string }>(`SELECT id, key FROM feed_keys WHERE id IN (${inList(part.length)})`, part)) out.set(Number(r.id), r.key);
  }
  return out;
}
