/**
 * Demo rows for the hub (development, tests, bench): debtors with contacts and phones, a batch,
 * cases and some history, as wire rows of shared/sync.ts. Pure and seeded: the same seed gives
 * the same rows. Ids start at `firstId` (hub ids are integers; the caller picks a free range).
 */
import type { z } from 'zod';
import { addDays } from '../domain/dates';
import { idCheckDigit } from '../domain/idcard';
import type { AttemptRow, BatchRow, CaseRow, ContactRow, DebtorRow, PhoneRow, PromiseRow } from '../sync';

export interface DemoRows {
  batches: z.input<typeof BatchRow>[];
  debtors: z.input<typeof DebtorRow>[];
  contacts: z.input<typeof ContactRow>[];
  phones: z.input<typeof PhoneRow>[];
  cases: z.input<typeof CaseRow>[];
  attempts: z.input<typeof AttemptRow>[];
  promises: z.input<typeof PromiseRow>[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '丽', '建华', '志强'];
const CITIES = [
  { name: '北京市朝阳区', code: '110105', area: '010' }, { name: '上海市浦东新区', code: '310115', area: '021' },
  { name: '广东省广州市天河区', code: '440106', area: '020' }, { name: '四川省成都市武侯区', code: '510107', area: '028' },
  { name: '湖北省武汉市洪山区', code: '420111', area: '027' }, { name: '浙江省杭州市西湖区', code: '330106', area: '0571' },
];
const ROADS = ['建设路', '人民路', '解放路', '中山路', '长江路', '新华路'];
const CREDITORS = [
  { name: '招商银行信用卡中心', product: 'credit_card' as const, bin: '622588' },
  { name: '平安银行', product: 'personal_loan' as const, bin: '623058' },
  { name: '马上消费金融', product: 'consumer_loan' as const, bin: 'MS' },
];
const RELATIONS = [['spouse', 'third_party'], ['parent', 'third_party'], ['sibling', 'third_party'], ['friend', 'third_party'], ['colleague', 'third_party'], ['guarantor', 'related']] as const;
const NOTES = ['无人接听。', '本人接听，称月底发工资后还款。', '关机。', '家属接听，答应转告。', '本人称资金紧张，申请分期。'];
const CODES = ['NO_ANSWER', 'PTP', 'SWITCHED_OFF', 'THIRD_PARTY_MESSAGE', 'PLAN_REQUESTED'] as const;

const hex = (r: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (r: () => number): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[Math.floor(r() * 4)]}${hex(r, 3)}-${hex(r, 12)}`;
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');

export interface DemoOptions {
  cases: number;
  /** The first hub id used (each kind of row counts up from it). */
  firstId: number;
  /** The agent the cases go to (a hub id), or null. */
  agentId: string | null;
  today: string; // YYYY-MM-DD
  seed?: number;
  /** Attempts per case, at most (0 = no history). */
  history?: number;
}

export function generateDemoRows(o: DemoOptions): DemoRows {
  const r = rng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  let next = o.firstId;
  const id = (): string => String(next++);
  const out: DemoRows = { batches: [], debtors: [], contacts: [], phones: [], cases: [], attempts: [], promises: [] };
  const batchId = id();
  out.batches.push({ id: batchId, batchNo: `DEMO-${o.today.replace(/-/g, '')}-${batchId}`, creditor: CREDITORS[0]?.name ?? '', entrustDate: addDays(o.today, -20), expiryDate: addDays(o.today, 70), importedAt: `${addDays(o.today, -20)}T02:00:00.000Z` });
  for (let i = 0; i < o.cases; i++) {
    const gender = r() < 0.55 ? 'M' : 'F';
    const city = pick(CITIES);
    const birth = addDays(o.today, -int(22 * 365, 60 * 365));
    const seq = (int(0, 99) * 10 + int(0, 4) * 2 + (gender === 'M' ? 1 : 0)) % 1000;
    const first17 = `${city.code}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    const debtorId = id();
    const surname = pick(SURNAMES);
    out.debtors.push({
      id: debtorId, name: surname + pick(GIVEN), gender, idNumber: first17 + idCheckDigit(first17), birthDate: birth,
      homeAddress: `${city.name}${pick(ROADS)}${int(1, 899)}号`, workAddress: `${city.name}${pick(ROADS)}${int(1, 899)}号`,
      registeredAddress: `${city.name}${pick(ROADS)}${int(1, 899)}号`, employer: `${city.name.slice(0, 2)}某某科技有限公司`,
    });
    const selfPhone = id();
    out.phones.push({ id: selfPhone, debtorId, contactId: null, owner: 'self', kind: 'mobile', number: `1${pick(['3', '5', '8', '9'])}${digits(r, 9)}`, status: 'valid' });
    if (r() < 0.3) out.phones.push({ id: id(), debtorId, contactId: null, owner: 'self', kind: 'home', number: `${city.area}${digits(r, 8)}`, status: 'valid' });
    for (let k = int(1, 2); k > 0; k--) {
      const [relation, party] = pick(RELATIONS);
      const contactId = id();
      out.contacts.push({ id: contactId, debtorId, name: pick(SURNAMES) + pick(GIVEN), relation, party, refusedContact: false });
      out.phones.push({ id: id(), debtorId, contactId, owner: party === 'related' ? 'related' : 'third_party', kind: 'mobile', number: `1${pick(['3', '5', '8'])}${digits(r, 9)}`, status: 'valid' });
    }
    const cred = pick(CREDITORS);
    const principal = int(2_000, 80_000) * 100;
    const balance = Math.round(principal * (1 + int(2, 25) / 100));
    const dpd = int(1, 120);
    const caseId = id();
    out.cases.push({
      id: caseId, debtorId, batchId, creditor: cred.name, product: cred.product, accountNo: `${cred.bin}${digits(r, 10)}`,
      principalFen: principal, balanceFen: balance, overdueFen: balance, minDueFen: Math.round(balance / 10), overdueSince: addDays(o.today, -dpd + 1),
      lastPaymentDate: null, lastPaymentFen: null, entrustDate: maxDate(addDays(o.today, -20), addDays(o.today, -dpd + 1)), expiryDate: addDays(o.today, 70), status: 'open', tags: [],
      assignedAgentId: o.agentId, preferredPhoneId: null, brokenPromises: 0, refusals: 0, attemptCount: 0, lastAttemptAt: null, lastOutcomeCode: null,
    });
    const n = o.agentId === null ? 0 : int(0, o.history ?? 0);
    const c = out.cases[out.cases.length - 1];
    for (let k = 0; k < n && c && o.agentId; k++) {
      const code = pick(CODES);
      const day = addDays(o.today, -(n - k) * 2);
      const at = `${day}T0${int(1, 9)}:${int(10, 59)}:00.000Z`;
      const attemptId = uuid(r);
      out.attempts.push({
        id: attemptId, clientRequestId: `demo-${attemptId}`, caseId, agentId: o.agentId, phoneId: selfPhone, channel: 'phone',
        party: code === 'NO_ANSWER' || code === 'SWITCHED_OFF' ? 'none' : code === 'THIRD_PARTY_MESSAGE' ? 'spouse' : 'self',
        outcomeCode: code, note: pick(NOTES), callStartedAt: at, durationSec: int(0, 300), claimedPaidDate: null, stepsDone: [], scenario: null, at,
      });
      if (code === 'PTP') {
        out.promises.push({ id: uuid(r), caseId, attemptId, agentId: o.agentId, amountFen: Math.min(balance, 50_000), dueDate: addDays(day, 3), createdDate: day, createdAt: at, state: 'broken', paidFen: 0, stateChangedAt: at });
      }
      c.attemptCount = (c.attemptCount ?? 0) + 1;
      c.lastAttemptAt = at;
      c.lastOutcomeCode = code;
    }
  }
  return out;
}

/** The later of two dates (a case is entrusted on or after its first overdue day). */
function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
