import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of docs/architecture.md is enforced by eslint.config.mjs; this proves the rules still bite.
// The snippets are linted as files that do not exist, which no tsconfig holds: the import rules
// need no types, so type-aware parsing (and the one rule that needs it) is off for them.
const eslint = new ESLint({
  cwd: path.resolve(__dirname, '../..'),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
});

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '');
}

describe('layering lint', () => {
  it('electron/core never imports electron or a host', async () => {
    expect(await restricted('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('electron/core/x.ts', "import { a } from '../main/index';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('electron/core/x.ts', "import fs from 'node:fs';\nexport const b = fs;\n")).toHaveLength(0);
  });

  it('the renderer never imports Node, electron or electron/*', async () => {
    expect(await restricted('renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { createDesk } from '../../electron/core/desk';\nexport const a = createDesk;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { contract } from '../../shared/contract';\nexport const a = contract;\n")).toHaveLength(0);
  });

  it('the renderer takes antd and its icons per component, never through the barrels (a lazy part’s components stay out of the first screen)', async () => {
    for (const file of ['renderer/src/app/x.tsx', 'renderer/src/features/lead/x.tsx', 'renderer/src/lib/x.tsx']) {
      expect(await restricted(file, "import { Table } from 'antd';\nexport const a = Table;\n"), file).toHaveLength(1);
      expect(await restricted(file, "import { TeamOutlined } from '@ant-design/icons';\nexport const a = TeamOutlined;\n"), file).toHaveLength(1);
      expect(await restricted(file, "import Table from 'antd/es/table';\nimport TeamOutlined from '@ant-design/icons/es/icons/TeamOutlined';\nexport const a = [Table, TeamOutlined];\n"), file).toHaveLength(0);
    }
  });

  it('nothing but the build imports the renderer; shared/ stays pure', async () => {
    expect(await restricted('electron/main/x.ts', "import { a } from '../../renderer/src/api';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import { a } from '../renderer/src/api';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import path from 'node:path';\nexport const b = path;\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import { app } from 'electron';\nexport const b = app;\n")).toHaveLength(1);
  });

  it('shared/ and the renderer import no server or database package', async () => {
    for (const pkg of ['fastify', 'pg', 'better-sqlite3', 'electron-store', 'pino']) {
      expect(await restricted('shared/x.ts', `import x from '${pkg}';\nexport const b = x;\n`), pkg).toHaveLength(1);
      expect(await restricted('renderer/src/x.ts', `import x from '${pkg}';\nexport const b = x;\n`), pkg).toHaveLength(1);
    }
    expect(await restricted('shared/x.ts', "import { z } from 'zod';\nexport const b = z;\n")).toHaveLength(0);
  });

  it('hosts may start the hub through its entry only; the core never imports it', async () => {
    expect(await restricted('electron/main/x.ts', "import { startHub } from '../../hub/server';\nexport const a = startHub;\n")).toHaveLength(0);
    expect(await restricted('electron/web-host/x.ts', "import { startHub } from '../../hub/server';\nexport const a = startHub;\n")).toHaveLength(0);
    expect(await restricted('electron/main/x.ts', "import { q } from '../../hub/store/sqlite';\nexport const a = q;\n")).toHaveLength(1);
    expect(await restricted('electron/core/x.ts', "import { startHub } from '../../hub/server';\nexport const a = startHub;\n")).toHaveLength(1);
  });

  it('node-shared/ (Node code the desk core and the hub both run) imports neither of them', async () => {
    expect(await restricted('node-shared/x.ts', "import fs from 'node:fs';\nimport { sniffFile } from '../shared/import';\nexport const a = [fs, sniffFile];\n")).toHaveLength(0);
    expect(await restricted('node-shared/x.ts', "import { createDesk } from '../electron/core/desk';\nexport const a = createDesk;\n")).toHaveLength(1);
    expect(await restricted('node-shared/x.ts', "import { startHub } from '../hub/server';\nexport const a = startHub;\n")).toHaveLength(1);
    expect(await restricted('node-shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('hub/x.ts', "import { openSource } from '../node-shared/import/read';\nexport const a = openSource;\n")).toHaveLength(0);
    expect(await restricted('electron/core/x.ts', "import { openSource } from '../../node-shared/import/read';\nexport const a = openSource;\n")).toHaveLength(0);
  });

  it('the hub reaches the desk only through shared/', async () => {
    expect(await restricted('hub/x.ts', "import { createDesk } from '../electron/core/desk';\nexport const a = createDesk;\n")).toHaveLength(1);
    expect(await restricted('hub/x.ts', "import { contract } from '../shared/contract';\nexport const a = contract;\n")).toHaveLength(0);
  });

  it('a renderer feature never imports another feature; lib imports none; app composes them', async () => {
    const crossFeature = [expect.stringContaining('A renderer feature never imports another one')];
    expect(await restricted('renderer/src/features/notes/x.ts', "import { useQueue } from '../queue/store';\nexport const a = useQueue;\n")).toEqual(crossFeature);
    expect(await restricted('renderer/src/features/notes/parts/x.ts', "import { useQueue } from '../../queue/store';\nexport const a = useQueue;\n")).toEqual(crossFeature);
    expect(await restricted('renderer/src/features/notes/x.ts', "import { useLead } from '../../features/lead/store';\nexport const a = useLead;\n")).toEqual(crossFeature);
    expect(await ruleIds('renderer/src/features/profile/x.ts', "export const a = () => import('../sync/SyncDrawer');\n")).toEqual(['no-restricted-syntax']);
    expect(await restricted('renderer/src/features/notes/x.ts', "import { useNote } from './store';\nexport const a = useNote;\n")).toHaveLength(0);
    expect(await restricted('renderer/src/features/notes/x.ts', "import { useWorkspace } from '../../lib/workspace';\nexport const a = useWorkspace;\n")).toHaveLength(0);
    expect(await restricted('renderer/src/app/x.ts', "import { useQueue } from '../features/queue/store';\nexport const a = useQueue;\n")).toHaveLength(0);
    expect(await restricted('renderer/src/lib/x.ts', "import { useQueue } from '../features/queue/store';\nexport const a = useQueue;\n")).toHaveLength(1);
    // the renderer's other rules still hold inside a feature
    expect(await restricted('renderer/src/features/notes/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
  });
});
