import type { AgentInfo, RouteOutput } from '../../../shared/contract';
import { Role } from '../../../shared/domain/enums';
import { appendAudit } from '../audit/audit';
import type { Ctx } from '../context';
import { DeskFailure } from '../errors';
import { hashPasswordSync, verifyPassword } from './password';

interface AgentRow {
  id: number;
  username: string;
  display_name: string;
  agent_no: string;
  role: string;
  password_hash: string;
  disabled: number;
}

export const agentInfo = (row: Pick<AgentRow, 'id' | 'username' | 'display_name' | 'agent_no' | 'role'>): AgentInfo => ({
  id: String(row.id),
  username: row.username,
  displayName: row.display_name,
  agentNo: row.agent_no,
  role: Role.parse(row.role),
});

export interface NewAgent {
  username: string;
  password: string;
  displayName: string;
  agentNo: string;
  role: AgentInfo['role'];
  disabled?: boolean;
}

export function createAgent(ctx: Pick<Ctx, 'prep' | 'clock'>, a: NewAgent): number {
  const info = ctx
    .prep(
      `INSERT INTO agents (username, display_name, agent_no, role, password_hash, disabled, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.username, a.displayName, a.agentNo, a.role, hashPasswordSync(a.password), a.disabled ? 1 : 0, ctx.clock().toISOString());
  return Number(info.lastInsertRowid);
}

export async function login(ctx: Ctx, input: { username: string; password: string }): Promise<RouteOutput<'auth.login'>> {
  const row = ctx.prep<AgentRow>('SELECT * FROM agents WHERE username = ?').get(input.username);
  const good = await verifyPassword(input.password, row?.password_hash ?? null);
  if (!row || !good) {
    ctx.db.transaction(() =>
      appendAudit(ctx, { action: 'auth.login_failed', agentId: row?.id ?? null, detail: { username: input.username } }),
    )();
    throw new DeskFailure('BAD_CREDENTIALS', 'Wrong username or password.');
  }
  if (row.disabled) {
    ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login_refused', agentId: row.id, detail: { reason: 'disabled' } }))();
    throw new DeskFailure('FORBIDDEN', 'This account is disabled.', { rule: 'auth.disabled' });
  }
  const agent = agentInfo(row);
  ctx.session.locked = false;
  ctx.session.agent = agent;
  ctx.session.agentId = row.id;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login', agentId: row.id, entity: 'agent', entityId: row.id }))();
  return { agent };
}

/**
 * The lead who turned off the hub this desk hosted is back on the desk's own database. They
 * signed in on this desk minutes ago, so the session carries over, but only to an active local
 * account of the same name and role; otherwise the login screen asks as usual.
 */
export function carrySession(ctx: Ctx, who: Pick<AgentInfo, 'username' | 'role'>): AgentInfo | null {
  const row = ctx.prep<AgentRow>('SELECT * FROM agents WHERE username = ? AND disabled = 0').get(who.username);
  if (!row || row.role !== who.role) return null;
  const agent = agentInfo(row);
  ctx.session.locked = false;
  ctx.session.agent = agent;
  ctx.session.agentId = row.id;
  ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.login', agentId: row.id, entity: 'agent', entityId: row.id, detail: { via: 'hosting.off' } }))();
  return agent;
}

export function logout(ctx: Ctx): RouteOutput<'auth.logout'> {
  if (ctx.session.agentId !== null) {
    const agentId = ctx.session.agentId;
    ctx.db.transaction(() => appendAudit(ctx, { action: 'auth.logout', agentId, entity: 'agent', entityId: agentId }))();
  }
  ctx.session.agent = null;
  ctx.session.agentId = null;
  ctx.session.locked = false;
  return { ok: true };
}

export function session(ctx: Ctx): RouteOutput<'auth.session'> {
  return { agent: ctx.session.agent };
}
