/** Shapes more than one feature's routes carry. */
import { z } from 'zod';
import { CaseStatus, CaseTag, Id, Locale, Role } from '../domain/enums';

export const AgentInfo = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  agentNo: z.string(), // 工号, spoken at the start of every call
  role: Role,
});
export type AgentInfo = z.infer<typeof AgentInfo>;

export const DeskSettings = z.object({
  locale: Locale,
  timeZone: z.string(), // IANA zone, default Asia/Shanghai
  institutionName: z.string(), // 机构全称, merged into scripts
  ptpMaxDays: z.number().int().min(1).max(366), // furthest PTP date allowed from today
  ptpGraceDays: z.number().int().min(0).max(30), // broken after due date + grace
  bucketBounds: z.object({ earlyMax: z.number().int(), midMax: z.number().int(), m1Max: z.number().int(), m2Max: z.number().int(), m3Max: z.number().int() }),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const OutcomeCode = z.object({
  code: z.string(), // stable id, e.g. 'PTP'
  hotkey: z.string().nullable(), // '1'..'9','0' or null
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
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
