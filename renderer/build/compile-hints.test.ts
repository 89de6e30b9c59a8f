import { describe, expect, it } from 'vitest';
import { hintInitialChunks } from './compile-hints';

const chunk = (code: string, imports: string[] = [], isEntry = false) => ({ type: 'chunk' as const, isEntry, imports, code });

describe('compile hints', () => {
  it('go first in the entry and every chunk it imports statically, never in a lazy part', () => {
    const bundle = {
      'index.js': chunk('const __vite__mapDeps=[];import "./react.js";import "./antd.js";', ['react.js', 'antd.js'], true),
      'react.js': chunk('export const r=1;', ['runtime.js']),
      'antd.js': chunk('export const a=1;', ['react.js', 'runtime.js']),
      'runtime.js': chunk('export const t=1;'),
      // reached only by import(): loads when its drawer first opens
      'Drawer.js': chunk('export const d=1;', ['antd.js']),
      'index.css': { type: 'asset' as const },
    };
    expect(hintInitialChunks(bundle).sort()).toEqual(['antd.js', 'index.js', 'react.js', 'runtime.js']);
    expect(bundle['index.js'].code).toBe('//# allFunctionsCalledOnLoad\nconst __vite__mapDeps=[];import "./react.js";import "./antd.js";');
    expect(bundle['runtime.js'].code.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    expect(bundle['Drawer.js'].code).toBe('export const d=1;');
    // a second pass (a watch rebuild reusing chunks) adds nothing
    hintInitialChunks(bundle);
    expect(bundle['react.js'].code).toBe('//# allFunctionsCalledOnLoad\nexport const r=1;');
  });
});
