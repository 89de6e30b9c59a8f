import { HUB_MANAGED_PASSWORD, bool, hubInt, type EntityApplier } from './scope';

export const agent: EntityApplier<'agent'> = {
  put(s, r) {
    const id = hubInt(r.id);
    // a username or 工号 moved between agents: free it first (UNIQUE columns)
    s.p("UPDATE agents SET username = '~' || id || '~' || username, agent_no = '~' || id || '~' || agent_no WHERE (username = ? OR agent_no = ?) AND id != ?")
      .run(r.username, r.agentNo, id);
    s.p(`INSERT INTO agents (id, username, display_name, agent_no, role, password_hash, disabled, created_at)
       VALUES (@id, @username, @display_name, @agent_no, @role, '${HUB_MANAGED_PASSWORD}', @disabled, @now)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         agent_no = excluded.agent_no, role = excluded.role, disabled = excluded.disabled`)
      .run({ id, username: r.username, display_name: r.displayName, agent_no: r.agentNo, role: r.role, disabled: bool(r.disabled), now: s.now });
  },
  del(s, key) {
    // referenced by history: kept, but no longer able to work
    s.p('UPDATE agents SET disabled = 1 WHERE id = ?').run(hubInt(key));
  },
};
