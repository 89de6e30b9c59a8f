import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptInput } from '../../fixtures/desk';
import { connectDesk, hubDesk, useHubWorld, makeNet, type HubWorld } from '../../fixtures/hub-world';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const hw = useHubWorld();
const desks = hw.desks;
let world: HubWorld;
beforeEach(() => {
  world = hw.world();
});

function runUntilPushed(dataDir: string): Promise<{ pushed: string; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'kill-sync-child.ts'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let pushed = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('PUSHED '));
      if (line && !pushed) {
        pushed = line;
        child.kill('SIGKILL');
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never pushed: ${stderr}`));
    }, 45_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ pushed, signal, stderr });
    });
  });
}

describe('kill -9 between the hub commit and the desk acknowledgement', () => {
  it('the restarted desk pushes again and the hub applies each mutation exactly once', async () => {
    const net = makeNet();
    const t = await hubDesk(world, net);
    const [c] = await world.addCases(1, world.ids.agentA);
    const caseId = c?.caseId ?? '';
    await connectDesk(t, world, 'agenta');
    net.down = true;
    const saved = [];
    for (let i = 0; i < 3; i++) saved.push((await t.call('attempt.save', attemptInput(caseId, { note: `第${i}次` }))).attemptId);
    const deviceId = (t.desk.ctx.db.prepare('SELECT device_id FROM sync_state').get() as { device_id: string }).device_id;
    t.close();

    const { pushed, signal, stderr } = await runUntilPushed(t.dir);
    expect(signal, stderr).toBe('SIGKILL');
    expect(pushed).toMatch(/^PUSHED 200 .*"lastMutationId":3/);
    const hubCount = async () => Number((await world.hub.store.read((q) => q.get<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE case_id = ?', [Number(caseId)])))?.n);
    expect(await hubCount()).toBe(3);

    // restart: the outbox still holds the three (never acknowledged) ...
    const again = await hubDesk(world, makeNet(), { dataDir: t.dir });
    desks.push(again);
    expect(again.desk.mode).toBe('hub');
    await again.desk.idle(); // the start-up sync ran: repeats skipped, rows acknowledged
    const st = await again.call('sync.status', {});
    expect(st).toMatchObject({ pending: 0, lastError: null });
    expect(await hubCount()).toBe(3);
    const hubIds = (await world.hub.store.read((q) => q.all<{ id: string }>('SELECT id FROM attempts WHERE case_id = ? ORDER BY id', [Number(caseId)]))).map((r) => r.id);
    expect(hubIds).toEqual([...saved].sort());
    const dev = await world.hub.store.read((q) => q.get<{ last_mutation_id: number }>('SELECT last_mutation_id FROM devices WHERE device_id = ?', [deviceId]));
    expect(Number(dev?.last_mutation_id)).toBe(3);
    expect(again.count('attempts', `case_id = ${caseId}`)).toBe(3);
  }, 90_000);
});
