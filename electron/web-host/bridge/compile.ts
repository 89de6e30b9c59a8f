import { join } from 'node:path';

let bridgeJs: Promise<string> | null = null;

/** Compiles bridge/entry.ts to one classic script (esbuild ships with vite and tsx). */
export function compileBridge(): Promise<string> {
  bridgeJs ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [join(__dirname, 'entry.ts')],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        write: false,
        legalComments: 'none',
        logLevel: 'silent',
      }),
    )
    .then((out) => `// CollectDesk web-host bridge (generated from electron/web-host/bridge)\n${out.outputFiles[0]?.text ?? ''}`)
    .catch((error: unknown) => {
      bridgeJs = null;
      throw error;
    });
  return bridgeJs;
}

