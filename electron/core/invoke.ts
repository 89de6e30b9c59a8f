/**
 * The one invoke pipeline of the desk core: known route -> zod input -> who may call it (the
 * contract's `access`) -> handler -> Result. It never throws: a DeskFailure is the caller's
 * error, anything else is logged and answered INTERNAL.
 */
import { contract, isRouteName, parseInput, type Result, type RouteName, type RouteOutput } from '../../shared/contract';
import { DeskFailure } from './errors';
import { OPEN_WHILE_LOCKED } from './privacy/lock';
import type { DeskRuntime, Handlers } from './runtime';

function refused(rt: DeskRuntime, route: RouteName): Result<never> | null {
  const spec = contract[route];
  if (rt.core.ctx.session.locked && !OPEN_WHILE_LOCKED.has(route) && route !== 'auth.login') {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'The screen is locked: unlock it with your password.', rule: 'screen.locked' } };
  }
  if (spec.access === 'public') return null;
  const agent = rt.core.ctx.session.agent;
  if (!agent || rt.core.ctx.session.agentId === null) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } };
  if (spec.access === 'lead' && agent.role !== 'lead' && agent.role !== 'admin') {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'Only a team lead can do this.', rule: spec.leadRule ?? 'lead.only' } };
  }
  return null;
}

async function dispatch<R extends RouteName>(rt: DeskRuntime, handlers: Handlers, route: R, input: unknown): Promise<Result<RouteOutput<R>>> {
  const parsed = parseInput(route, input);
  if (!parsed.ok) return parsed;
  const no = refused(rt, route);
  if (no) return no;
  return { ok: true, value: await handlers[route](parsed.value) };
}

export function createInvoke(rt: DeskRuntime, handlers: Handlers): (route: string, input: unknown) => Promise<Result<unknown>> {
  return async (route, input) => {
    // a request made while the desk switches database (a hub login) is answered in the new one, once
    // someone is signed in there: answered in between, it would be UNAUTHENTICATED and sign the screen out
    while (rt.switching) await rt.switching;
    if (rt.closed) return { ok: false, error: { code: 'INTERNAL', message: 'The desk is closed.' } };
    if (!isRouteName(route)) {
      return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `Unknown route: ${String(route).slice(0, 64)}` } };
    }
    try {
      return await dispatch(rt, handlers, route, input);
    } catch (err) {
      if (err instanceof DeskFailure) return { ok: false, error: err.toError() };
      rt.log('error', `${route} failed`, { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the desk; it has been logged.' } };
    }
  };
}
