import { describe, expect, it } from 'vitest';
import { detectTextEncoding, sniffFile, TextChunks } from './encoding';

// 张三 in GBK
const GBK = new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffFile', () => {
  it('a zip is an XLSX, an OLE file a legacy .xls', () => {
    expect(sniffFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]), false)).toEqual({ kind: 'xlsx' });
    expect(() => sniffFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), false)).toThrow(expect.objectContaining({ code: 'legacyXls' }));
  });
  it('BOM, strict UTF-8, else GB18030', () => {
    expect(sniffFile(new Uint8Array([0xef, 0xbb, 0xbf, 0xd5, 0xc5]), false)).toEqual({ kind: 'csv', encoding: 'utf-8' });
    expect(sniffFile(utf8('姓名,卡号\n张三,1'), true)).toEqual({ kind: 'csv', encoding: 'utf-8' });
    expect(sniffFile(GBK, true)).toEqual({ kind: 'csv', encoding: 'gb18030' });
  });
  it('a sample cut inside a UTF-8 character is still UTF-8', () => {
    expect(detectTextEncoding(utf8('张三').subarray(0, 4), false)).toBe('utf-8');
    expect(detectTextEncoding(utf8('张三').subarray(0, 4), true)).toBe('gb18030');
  });
  it('refuses binary files and empty ones', () => {
    expect(() => sniffFile(utf8('%PDF-1.7\n'), false)).toThrow(expect.objectContaining({ code: 'notSpreadsheet' }));
    expect(() => sniffFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), false)).toThrow(expect.objectContaining({ code: 'notSpreadsheet' }));
    expect(() => sniffFile(new Uint8Array([]), true)).toThrow(expect.objectContaining({ code: 'empty' }));
    expect(() => sniffFile(utf8(' \r\n'), true)).toThrow(expect.objectContaining({ code: 'empty' }));
  });
});

describe('TextChunks', () => {
  it('decodes GB18030 and strips a UTF-8 BOM across chunk cuts', () => {
    const g = new TextChunks('gb18030');
    expect(g.decode(GBK.subarray(0, 1)) + g.decode(GBK.subarray(1)) + g.end()).toBe('张三');
    const u = new TextChunks('utf-8');
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('张')]);
    expect(u.decode(b.subarray(0, 2)) + u.decode(b.subarray(2, 4)) + u.decode(b.subarray(4)) + u.end()).toBe('张');
  });
  it('throws when a UTF-8 guess is wrong later in the file', () => {
    expect(() => new TextChunks('utf-8').decode(GBK)).toThrow(TypeError);
  });
});
