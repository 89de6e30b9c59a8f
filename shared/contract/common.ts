/** Shapes more than one feature's routes carry. */
import { z } from 'zod';
import { CaseStatus, CaseTag, Id, Locale, Role } from '../domain/enums';
import { TEAM_SETTING_SCHEMAS } from '../domain/settings';

export const AgentInfo = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  agentNo: z.string(), // 工号, spoken at the start of every call
  role: Role,
});
export type AgentInfo = z.infer<typeof AgentInfo>;

/** The desk's settings: the agent's language plus the team settings (valid by shared/domain/settings.ts). */
export const DeskSettings = z.object({
  locale: Locale,
  ...TEAM_SETTING_SCHEMAS, // timeZone (IANA, default Asia/Shanghai), institutionName, ptpMaxDays, ptpGraceDays, bucketBounds
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const OutcomeCode = z.object({
  code: z.string().min(1).max(32), // stable id, e.g. 'PTP'
  hotkey: z.string().max(2).nullable(), // '1'..'9','0' or null
  label: z.object({ 'zh-CN': z.string().max(64), en: z.string().max(64) }),
  isContact: z.boolean(), // 接通
  isRpc: z.boolean(), // right-party contact (本人)
  needsPtp: z.boolean(),
  needsFollowUp: z.boolean(),
  needsPaidDate: z.boolean(), // 已还款: the date they claim to have paid
  setsStatus: CaseStatus.nullable(),
  addsTag: CaseTag.nullable(),
  locksPhone: z.boolean(), // 要求停止联系 / 空号: the dialled number is no longer callable
  sort: z.number().int(),
});
export type OutcomeCode = z.infer<typeof OutcomeCode>;
