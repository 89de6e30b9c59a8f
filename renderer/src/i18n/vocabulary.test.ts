/**
 * The error vocabulary and its texts agree: every error code, rule id, sync error and rejection
 * reason has a zh-CN and an en text, and no text under those keys is left without an id.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, SyncError } from '../../../shared/contract';
import { RULE_IDS } from '../../../shared/domain/rule-ids';
import { REJECTION_REASONS } from '../../../shared/sync';
import en from './en';
import zhCN from './zh-CN';

type Tree = { [k: string]: string | Tree };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null;

/** Dotted paths of the string leaves under a tree. */
function leaves(tree: unknown, prefix = ''): string[] {
  if (!isTree(tree)) return [];
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

function textAt(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => (isTree(node) ? node[k] : undefined), tree);
}

const families = [
  { key: 'errors', ids: ErrorCode.options, extra: ['NETWORK'] }, // NETWORK: the renderer's bridge failed
  { key: 'rules', ids: RULE_IDS, extra: ['generic'] }, // generic: a field without its own rule text
  { key: 'sync.errors', ids: SyncError.options, extra: ['unknown'] }, // unknown: an id from a newer desk core
  { key: 'rejections', ids: REJECTION_REASONS, extra: ['unknown'] }, // unknown: a reason from a newer hub
];

describe('error vocabulary', () => {
  for (const [lang, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
    for (const f of families) {
      it(`${lang}: every id under ${f.key} has a text`, () => {
        const missing = f.ids.filter((id) => typeof textAt(textAt(messages, f.key), id) !== 'string' || textAt(textAt(messages, f.key), id) === '');
        expect(missing).toEqual([]);
      });
      it(`${lang}: every text under ${f.key} belongs to an id`, () => {
        const known = new Set<string>([...f.ids, ...f.extra]);
        expect(leaves(textAt(messages, f.key)).filter((p) => !known.has(p))).toEqual([]);
      });
    }
  }
});
