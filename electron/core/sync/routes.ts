import type { syncRoutes } from '../../../shared/contract/sync';
import { appendAudit } from '../audit/audit';
import type { DeskRuntime, Handlers } from '../runtime';
import { emitStatus, syncStatus } from './connection';
import { hostHub } from './hosting';
import { disconnect, hubLogin } from './login';
import { pendingOutboxCount } from './outbox';
import { acknowledgeRejections, exportUnsynced, rejectionViews, unsyncedItems } from './views';

export const syncHandlers = (rt: DeskRuntime): Handlers<keyof typeof syncRoutes> => ({
  'sync.status': () => syncStatus(rt),
  'sync.connect': async (i) => {
    await hubLogin(rt, i.hubUrl, i.username, i.password, false);
    await rt.engine?.settle(); // the login's first pull: the queue is there when this returns
    return syncStatus(rt);
  },
  'sync.disconnect': () => disconnect(rt),
  'sync.now': async () => {
    await rt.engine?.run();
    return syncStatus(rt);
  },
  'sync.unsynced': () => ({ items: unsyncedItems(rt.core.ctx) }),
  'sync.exportUnsynced': () => {
    const ctx = rt.core.ctx;
    const out = exportUnsynced(ctx);
    ctx.db.transaction(() => appendAudit(ctx, { action: 'sync.exportUnsynced', detail: { fileName: out.fileName, count: pendingOutboxCount(ctx) } }))();
    return out;
  },
  'sync.rejections': () => ({ items: rejectionViews(rt.core.ctx) }),
  'sync.ackRejections': (i) => {
    acknowledgeRejections(rt.core.ctx, i.ids);
    emitStatus(rt); // the top bar's badge
    return syncStatus(rt);
  },
  'hub.host': (i) => hostHub(rt, i),
});
