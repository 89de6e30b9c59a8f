import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './read';
import type { SheetRow } from '../../shared/import';

// exceljs's streaming reader decoded each inflated zip chunk on its own, so a Chinese character
// cut by a chunk boundary (16 KB) came out as U+FFFD and its row was refused for a wrong reason.
// (ExcelJS is imported here first on purpose: the fix must hold whatever loaded exceljs before it.)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collectdesk-xlsx-utf8-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 3_000;
const name = (i: number): string => `客户${'张王李赵陈'[i % 5]}${i}`;
const address = (i: number): string => `北京市海淀区学院路${i}号院中关村东升科技园${i % 7}单元`;

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('xlsx reader: multi-byte characters across zip chunk boundaries', () => {
  it('reads every Chinese shared string intact (about 300 KB of shared strings)', async () => {
    const file = path.join(dir, 'big-strings.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('委案');
    ws.addRow(['客户姓名', '家庭地址']);
    for (let i = 0; i < ROWS; i++) ws.addRow([name(i), address(i)]);
    await wb.xlsx.writeFile(file);
    const rows = await collect(openSource(file).rows());
    expect(rows).toHaveLength(ROWS + 1);
    const broken = rows.filter((r) => r.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD')));
    expect(broken.map((r) => r.rowNo)).toEqual([]);
    rows.slice(1).forEach((r, i) => expect(r.cells).toEqual([name(i), address(i)]));
  });
});

describe('parseSaxUtf8', () => {
  it('carries a character split between two chunks over to the next', async () => {
    const { parseSaxUtf8 } = await import('./exceljs-utf8');
    const bytes = Buffer.from('<t>中文</t>', 'utf8');
    async function* chunks() {
      yield bytes.subarray(0, 4); // '<t>' and the first byte of 中
      yield bytes.subarray(4, 8);
      yield bytes.subarray(8);
    }
    const texts: unknown[] = [];
    for await (const events of parseSaxUtf8(chunks())) for (const e of events) if (e.eventType === 'text') texts.push(e.value);
    expect(texts.join('')).toBe('中文');
  });
});
