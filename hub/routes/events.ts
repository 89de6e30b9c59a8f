/**
 * The desk's event stream (server-sent events; see ../pokes.ts):
 *
 *   GET /v1/sync/events     text/event-stream: `hello` {seq, heartbeatMs} first, then `poke` {seq}
 *                           when the caller's feed moved, and a `: ping` comment every heartbeatMs
 *                           (a desk that hears nothing for a few heartbeats knows the hub is gone)
 */
import type { FastifyPluginAsync } from 'fastify';

export const DEFAULT_HEARTBEAT_MS = 2_000;

export const eventRoutes: FastifyPluginAsync<{ heartbeatMs: number }> = async (app, opts) => {
  app.get('/events', { config: { access: 'session' } }, async (req, reply) => {
    const s = req.session;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let open = true;
    const send = (text: string): void => {
      if (open) raw.write(text);
    };
    let unsubscribe: (() => void) | null = null;
    const finish = (): void => {
      if (!open) return;
      open = false;
      clearInterval(ping);
      unsubscribe?.();
      raw.end();
    };
    const ping = setInterval(() => send(': ping\n\n'), opts.heartbeatMs);
    ping.unref();
    req.raw.on('close', finish);
    let first = true;
    unsubscribe = await app.pokes.subscribe(s.userId, {
      poke: (seq) => {
        const event = first ? 'hello' : 'poke';
        first = false;
        send(`event: ${event}\ndata: ${JSON.stringify(event === 'hello' ? { seq, heartbeatMs: opts.heartbeatMs } : { seq })}\n\n`);
      },
      end: finish,
    });
    if (!open) unsubscribe();
  });
};
