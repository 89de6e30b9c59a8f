/**
 * exceljs for the writers, loaded on first use: it takes about 0.3 s to load, and a desk, a hub
 * or a command-line tool that never writes a workbook should not pay for it when it starts.
 */
import type ExcelJS from 'exceljs';

export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
