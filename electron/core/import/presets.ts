/** A creditor's saved column mapping (import_presets). */
import { ColumnMapping } from '../../../shared/import';
import type { Ctx } from '../context';

export function readPreset(ctx: Pick<Ctx, 'prep'>, creditor: string): ColumnMapping | null {
  const row = ctx.prep<{ mapping: string }>('SELECT mapping FROM import_presets WHERE creditor = ?').get(creditor.trim());
  if (!row) return null;
  const parsed = ColumnMapping.safeParse(JSON.parse(row.mapping));
  return parsed.success ? parsed.data : null;
}

export function savePreset(ctx: Pick<Ctx, 'prep' | 'clock'>, creditor: string, mapping: ColumnMapping): void {
  ctx
    .prep('INSERT INTO import_presets (creditor, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (creditor) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
    .run(creditor.trim(), JSON.stringify(mapping), ctx.clock().toISOString());
}
