import os from 'node:os';

/** http://<IPv4>:<port> for every non-internal IPv4 interface of this machine (where agents point their desks). */
export function lanUrls(port: number, interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string[] {
  const urls: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      const v4 = a.family === 'IPv4' || (a.family as unknown) === 4;
      if (v4 && !a.internal) urls.push(`http://${a.address}:${port}`);
    }
  }
  return [...new Set(urls)].sort();
}
