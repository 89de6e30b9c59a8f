// electron-builder.yml loads through electron-builder's own loader and passes its own schema
// validation (app-builder-lib), and keeps the packaging decisions the issue asks for.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const configPath = join(root, 'electron-builder.yml');
// app-builder-lib is electron-builder's own library (a dependency of the electron-builder
// devDependency); its config module has no typed public entry, so require it directly.
const requireFromRoot = createRequire(join(root, 'package.json'));
const builderRequire = createRequire(requireFromRoot.resolve('electron-builder/package.json'));
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled?: boolean) => unknown };

type Cfg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const yaml = load(readFileSync(configPath, 'utf8')) as Cfg;

describe('electron-builder.yml', () => {
  it('loads with electron-builder\'s loader and passes its schema validation', async () => {
    const config = await getConfig(root, configPath, null);
    expect(config.appId).toBe('com.collectdesk.desk');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation really rejects a bad config (the check is not a no-op)', async () => {
    await expect(validateConfiguration({ ...yaml, nsis: { ...yaml.nsis, perMachine: 'sometimes' } }, new DebugLogger(false))).rejects.toThrow();
    await expect(validateConfiguration({ ...yaml, notAnOption: true }, new DebugLogger(false))).rejects.toThrow();
  });

  it('names the app', () => {
    expect(yaml.appId).toBe('com.collectdesk.desk');
    expect(yaml.productName).toBe('CollectDesk');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(pkg.productName).toBe('CollectDesk'); // %APPDATA%\CollectDesk
    expect(pkg.main).toBe('out/main/index.js');
    expect(yaml.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
  });

  it('builds a per-user Windows NSIS x64 installer in zh-CN and en that keeps user data', () => {
    expect(yaml.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(yaml.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN', 'en_US'],
      language: '2052',
      deleteAppDataOnUninstall: false,
      createDesktopShortcut: true,
    });
    const ico = join(root, yaml.win.icon as string);
    expect(statSync(ico).size).toBeGreaterThan(0);
    expect(readFileSync(ico).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // ICO header
  });

  it('rebuilds better-sqlite3 for Electron at pack time and unpacks its addon', () => {
    expect(yaml.npmRebuild).toBe(true);
    expect(yaml.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/better-sqlite3.*\.node$/)]));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/rebuild|install-app-deps/);
  });

  it('sets the Electron fuses', () => {
    expect(yaml.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
