/**
 * Compliance beside money (docs/domain.md: leads do not rank agents on amount collected alone): for a
 * team or an agent over a period, the dial attempts that broke a contact rule and their share of
 * all dials, the complaints recorded (an outcome that adds 投诉倾向 complaint_risk), and the lead
 * overrides their cases needed. Pure: the desk's dashboard counts the records and calls these.
 */

export interface ComplianceFigures {
  /** Dial attempts that broke a contact rule (flagged on the desk or by the hub's re-check, once each). */
  violations: number;
  /** violations ÷ dial attempts; null without dials. */
  violationShare: number | null;
  /** Attempts whose outcome adds complaint_risk (投诉/争议). */
  complaints: number;
  /** Lead overrides (one-call permissions past a rule) given on the agent's cases. */
  overrides: number;
}

/** Share of dials outside the rules: 0..1, null when there was no dial (never "0%" of nothing). */
export function violationShare(violations: number, calls: number): number | null {
  if (calls <= 0) return null;
  return Math.min(1, Math.max(0, violations) / calls);
}

/** A flagged attempt as it reaches the lead: the desk's own flag and the hub's report may both name it. */
export interface ViolationRecord {
  attemptId: string;
  agentId: string | null;
  /** ISO instant of the attempt. */
  at: string;
}

/**
 * Violations per agent (and the team's total) in [fromAt, toAt): each attempt once, whichever
 * sources named it. An attempt with no known agent counts for the team only.
 */
export function countViolations(records: Iterable<ViolationRecord>, fromAt: string, toAt: string): { team: number; byAgent: Map<string, number> } {
  const seen = new Set<string>();
  const byAgent = new Map<string, number>();
  let team = 0;
  for (const r of records) {
    if (r.at < fromAt || r.at >= toAt || seen.has(r.attemptId)) continue;
    seen.add(r.attemptId);
    team += 1;
    if (r.agentId !== null) byAgent.set(r.agentId, (byAgent.get(r.agentId) ?? 0) + 1);
  }
  return { team, byAgent };
}

export function complianceFigures(c: { calls: number; violations: number; complaints: number; overrides: number }): ComplianceFigures {
  return { violations: c.violations, violationShare: violationShare(c.violations, c.calls), complaints: c.complaints, overrides: c.overrides };
}
