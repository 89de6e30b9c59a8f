/** The event stream (hub/routes/events.ts, hub/pokes.ts) on both stores: hello, a poke when the feed moves, heartbeats, a disabled user's stream ends, close() does not wait for streams. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDisabled } from '../../../hub/admin';
import { generateDemoRows } from '../../../shared/demo/generate';
import { call, deskOf, makeWorld, pgAvailable, type Kind, type World } from './harness';

const pgOk = await pgAvailable();

interface Stream {
  events: { event: string; data: { seq: number; heartbeatMs?: number } }[];
  pings: number;
  ended: Promise<void>;
  close(): void;
}

async function listen(url: string, token: string): Promise<Stream & { status: number }> {
  const abort = new AbortController();
  const res = await fetch(`${url}/v1/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const out: Stream & { status: number } = { status: res.status, events: [], pings: 0, ended: Promise.resolve(), close: () => abort.abort() };
  if (res.status !== 200 || !res.body) return out;
  const body = res.body;
  out.ended = (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body) {
        buf += dec.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (block.startsWith(':')) out.pings += 1;
          const ev = /^event: (\w+)\ndata: (.*)$/m.exec(block);
          if (ev?.[1] && ev[2]) out.events.push({ event: ev[1], data: JSON.parse(ev[2]) as { seq: number } });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return out;
}

describe.each([
  ['sqlite', true],
  ['postgres', pgOk],
] as [Kind, boolean][])('event stream on %s', (kind, enabled) => {
  let w: World;
  const streams: Stream[] = [];
  let caseIds: string[] = [];
  beforeEach(async () => {
    if (!enabled) return;
    w = await makeWorld(kind, { events: { heartbeatMs: 100, pollMs: 0 } });
    const today = w.now.t.toISOString().slice(0, 10);
    const rows = generateDemoRows({ cases: 2, firstId: 5000, agentId: null, today, history: 0 });
    caseIds = rows.cases.map((c) => c.id);
    expect((await call(w.hub, 'POST', '/v1/admin/cases', rows, await w.tokenOf('lead1'))).status).toBe(200);
  });
  afterEach(async () => {
    if (!enabled) return;
    for (const s of streams.splice(0)) s.close();
    await w.close();
  });

  it.skipIf(!enabled)("says hello with the user's feed counter, pokes the agent when the lead assigns them a case, and pings", async () => {
    const s = await listen(w.hub.url, await w.tokenOf('agentA'));
    streams.push(s);
    expect(s.status).toBe(200);
    await expect.poll(() => s.events[0]?.event).toBe('hello');
    const first = s.events[0]?.data.seq ?? -1;
    expect(s.events[0]?.data.heartbeatMs).toBe(100);

    const lead = await deskOf(w, 'lead1');
    const r = await lead.push([lead.m('case.assign', { caseIds: [caseIds[0] ?? ''], agentId: String(w.ids.agentA), at: w.now.t.toISOString() })]);
    expect(r.body.rejected, JSON.stringify(r.body)).toEqual([]);
    await expect.poll(() => s.events.find((e) => e.event === 'poke')?.data.seq ?? 0).toBeGreaterThan(first);
    // the poke says where the feed stands: a pull from the old cursor brings the case
    const agent = await deskOf(w, 'agentA');
    agent.cursor = first;
    const { changes } = await agent.pullAll();
    expect(changes.some((c) => c.op === 'put' && c.entity === 'case' && c.row.id === caseIds[0])).toBe(true);
    await expect.poll(() => s.pings).toBeGreaterThan(0);
  });

  it.skipIf(!enabled)('pokes only the users whose feed moved', async () => {
    const b = await listen(w.hub.url, await w.tokenOf('agentB'));
    const c = await listen(w.hub.url, await w.tokenOf('agentC'));
    streams.push(b, c);
    await expect.poll(() => b.events.length + c.events.length).toBe(2);
    const lead = await deskOf(w, 'lead1');
    await lead.push([lead.m('case.assign', { caseIds: [caseIds[1] ?? ''], agentId: String(w.ids.agentB), at: w.now.t.toISOString() })]);
    await expect.poll(() => b.events.some((e) => e.event === 'poke')).toBe(true);
    await w.hub.app.pokes.settled();
    expect(c.events.map((e) => e.event)).toEqual(['hello']); // another team's agent
  });

  it.skipIf(!enabled)("refuses a stream without a valid token; a disabled user's stream ends; the hub closes with streams open", async () => {
    expect((await listen(w.hub.url, 'x'.repeat(40))).status).toBe(401);
    const s = await listen(w.hub.url, await w.tokenOf('agentA'));
    streams.push(s);
    await expect.poll(() => s.events.length).toBe(1);
    await setDisabled(w.hub.store, 'agentA', true, w.now.t);
    w.hub.app.pokes.changed();
    await s.ended; // resolves only when the hub ended the stream
    const t = await listen(w.hub.url, await w.tokenOf('agentB'));
    streams.push(t);
    await expect.poll(() => t.events.length).toBe(1);
    await w.hub.close(); // would hang on the open stream without the preClose hook
    await t.ended;
  });
});
