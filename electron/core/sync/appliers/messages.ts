/**
 * SMS and letters from the hub (issue 11): an agent's messages on the lead's desk and the sender's
 * other desks. Upsert by id; the desk's own row (full destination, gateway answer) is never
 * overwritten by the hub's masked copy. A copy's client_request_id is its id (never a desk's).
 */
import { hubInt, optInt, type EntityApplier } from './scope';

export const message: EntityApplier<'message'> = {
  put(s, r) {
    const agentId = hubInt(r.agentId);
    s.ensureAgent(agentId);
    s.p(`INSERT INTO messages (id, client_request_id, case_id, agent_id, channel, template_id, party, phone_id, destination, subject, content, gateway, status, created_at, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'hub')
         ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, agent_id = excluded.agent_id, channel = excluded.channel, template_id = excluded.template_id,
           party = excluded.party, phone_id = excluded.phone_id, destination = excluded.destination, subject = excluded.subject, content = excluded.content,
           gateway = excluded.gateway, status = excluded.status, created_at = excluded.created_at
         WHERE messages.origin = 'hub'`)
      .run(r.id, `hub:${r.id}`, hubInt(r.caseId), agentId, r.channel, r.templateId, r.party, optInt(r.phoneId), r.destination, r.subject, r.content, r.gateway, r.status, r.at);
  },
  del(s, key) {
    s.p("DELETE FROM messages WHERE id = ? AND origin = 'hub'").run(key);
  },
};
