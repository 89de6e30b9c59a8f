import { z } from 'zod';

/** Month buckets; M1 is split into 前期/中期/后期 because each gets its own tone and script. */
export const BucketId = z.enum(['M0', 'M1_EARLY', 'M1_MID', 'M1_LATE', 'M2', 'M3', 'M4P']);
export type BucketId = z.infer<typeof BucketId>;

/** Script stages: which default script a bucket uses. */
export const ScriptStage = z.enum(['early', 'mid', 'late', 'm2plus']);
export type ScriptStage = z.infer<typeof ScriptStage>;

export const ScenarioId = z.enum(['repeated_broken', 'unwilling', 'deceased', 'unable', 'no_answer']);
export type ScenarioId = z.infer<typeof ScenarioId>;

export const CaseStatus = z.enum(['open', 'ptp', 'hold', 'paid', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseTag = z.enum([
  'lost_contact', // 失联
  'complaint_risk', // 投诉倾向
  'sensitive', // 敏感客户
  'deceased', // 死亡
  'unable_to_pay', // 无力还款
  'refuses', // 拒绝还款
  'litigation', // 诉讼
]);
export type CaseTag = z.infer<typeof CaseTag>;

export const Product = z.enum(['credit_card', 'personal_loan', 'consumer_loan', 'cash_loan']);
export type Product = z.infer<typeof Product>;

export const PhoneOwner = z.enum(['self', 'related', 'third_party']);
export type PhoneOwner = z.infer<typeof PhoneOwner>;
export const PhoneKind = z.enum(['mobile', 'home', 'work']);
export type PhoneKind = z.infer<typeof PhoneKind>;
export const PhoneStatus = z.enum(['valid', 'invalid', 'do_not_call']);
export type PhoneStatus = z.infer<typeof PhoneStatus>;

export const Relation = z.enum([
  'spouse', 'parent', 'child', 'sibling', 'colleague', 'friend', 'other', 'co_borrower', 'guarantor',
]);
export type Relation = z.infer<typeof Relation>;

export const Channel = z.enum(['phone', 'sms', 'letter', 'visit', 'email']);
export type Channel = z.infer<typeof Channel>;

/** Who was reached (沟通对象). */
export const Party = z.enum(['self', 'spouse', 'co_borrower', 'guarantor', 'third_party', 'none']);
export type Party = z.infer<typeof Party>;

export const PromiseState = z.enum(['pending', 'kept', 'partial', 'broken', 'cancelled']);
export type PromiseState = z.infer<typeof PromiseState>;

export const PaymentSource = z.enum(['creditor', 'agent', 'auto_debit']);
export type PaymentSource = z.infer<typeof PaymentSource>;

export const Role = z.enum(['agent', 'lead', 'admin']);
export type Role = z.infer<typeof Role>;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Calendar date in the desk's zone, YYYY-MM-DD. */
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

/** An instant, stored and sent as ISO-8601 UTC. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof Instant>;

/** Money is always integer fen (分). */
export const Fen = z.number().int().safe();
export type Fen = z.infer<typeof Fen>;

export const Id = z.string().min(1).max(64);
