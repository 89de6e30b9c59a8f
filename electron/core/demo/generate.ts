import { idCheckDigit } from '../../../shared/domain/idcard';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import type { Product, Relation } from '../../../shared/domain/enums';
import { makeRng, rngUuid, type Rng } from './prng';
import { CITIES, COMPOUNDS, CREDITORS, EMPLOYERS, GIVEN_FEMALE, GIVEN_MALE, NOTES, ROADS, SURNAMES, type City } from './vocab';

/** One generated case with its debtor, people and history; plain data, inserted by seed.ts. */
export interface DemoCase {
  debtor: {
    name: string; gender: 'M' | 'F'; idNumber: string; birthDate: string;
    homeAddress: string; workAddress: string; registeredAddress: string; employer: string;
  };
  selfPhones: { kind: 'mobile' | 'home' | 'work'; number: string; status: 'valid' | 'invalid' }[];
  contacts: { name: string; relation: Relation; party: 'related' | 'third_party'; phone: string }[];
  case: {
    creditor: string; product: Product; accountNo: string; principalFen: number; balanceFen: number; overdueFen: number;
    minDueFen: number; overdueSince: string; lastPaymentDate: string | null; lastPaymentFen: number | null;
    entrustDate: string; expiryDate: string; status: 'open' | 'ptp' | 'hold'; tags: string[]; batchKey: string;
  };
  attempts: { id: string; at: string; outcomeCode: string; party: string; channel: 'phone' | 'sms'; note: string; durationSec: number; phoneIndex: number | null }[];
  promises: { id: string; attemptIndex: number; amountFen: number; dueDate: string; createdDate: string; createdAt: string; state: 'pending' | 'kept' | 'partial' | 'broken'; paidFen: number }[];
  payments: { id: string; amountFen: number; paidDate: string; createdAt: string; source: 'creditor' | 'agent' | 'auto_debit' }[];
  /** Due `inMinutes` after the seeding moment (demo follow-ups are relative to now). */
  followUps: { id: string; inMinutes: number; reason: string }[];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Demo instants are built in China time (UTC+8, no DST) without Intl: fast for 100k cases. */
export function cnInstant(date: string, hour: number, minute: number, second = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute, second)).toISOString();
}

function personName(rng: Rng, gender: 'M' | 'F', surname?: string): string {
  return (surname ?? rng.weighted(SURNAMES)) + rng.pick(gender === 'M' ? GIVEN_MALE : GIVEN_FEMALE);
}

export const mobile = (rng: Rng): string => `1${rng.pick(['3', '5', '7', '8', '8', '9', '3', '5'])}${rng.digits(9)}`;
const landline = (rng: Rng, city: City): string => `${city.areaCode}${rng.int(2, 8)}${rng.digits(city.areaCode.length === 3 ? 7 : 6)}`;

function address(rng: Rng, city: City): string {
  const d = rng.pick(city.districts);
  const prefix = city.province === city.city ? city.city : city.province + city.city;
  return `${prefix}${d.name}${rng.pick(ROADS)}${rng.int(1, 899)}号${rng.pick(COMPOUNDS)}${rng.int(1, 32)}栋${rng.int(1, 4)}单元${rng.int(1, 33)}${pad(rng.int(1, 4))}室`;
}

function chineseId(rng: Rng, regionCode: string, birth: string, gender: 'M' | 'F'): string {
  let seq = rng.int(0, 99) * 10 + rng.int(0, 4) * 2 + (gender === 'M' ? 1 : 0); // 17th digit odd = male
  seq %= 1000;
  const first17 = `${regionCode}${birth.replace(/-/g, '')}${pad(seq, 3)}`;
  return first17 + idCheckDigit(first17);
}

const yuan = (fen: number): string => `${(fen / 100).toFixed(2)}元`;

export interface GenOptions { today: string; index: number }

/** Weighted DPD spread over M1 前期/中期/后期, M2, M3 and M4+. */
function pickDpd(rng: Rng): number {
  const bucket = rng.weighted([['early', 18], ['mid', 20], ['late', 14], ['m2', 18], ['m3', 12], ['m4', 18]] as const);
  switch (bucket) {
    case 'early': return rng.int(1, 5);
    case 'mid': return rng.int(6, 18);
    case 'late': return rng.int(19, 30);
    case 'm2': return rng.int(31, 60);
    case 'm3': return rng.int(61, 90);
    case 'm4': return rng.int(91, 720);
  }
}

export function generateCase(rng: Rng, opts: GenOptions): DemoCase {
  const { today } = opts;
  const gender: 'M' | 'F' = rng.chance(0.55) ? 'M' : 'F';
  const surname = rng.weighted(SURNAMES);
  const name = personName(rng, gender, surname);
  const homeCity = rng.pick(CITIES);
  const birthCity = rng.chance(0.6) ? homeCity : rng.pick(CITIES);
  const birthDate = addDays(today, -rng.int(22 * 365, 60 * 365));
  const idNumber = chineseId(rng, rng.pick(birthCity.districts).code, birthDate, gender);
  const employer = rng.pick(EMPLOYERS).replace('{city}', homeCity.city.replace(/市$/, ''));

  const selfPhones: DemoCase['selfPhones'] = [{ kind: 'mobile', number: mobile(rng), status: rng.chance(0.08) ? 'invalid' : 'valid' }];
  if (rng.chance(0.25)) selfPhones.push({ kind: 'mobile', number: mobile(rng), status: 'valid' });
  if (rng.chance(0.35)) selfPhones.push({ kind: 'home', number: landline(rng, homeCity), status: 'valid' });
  if (rng.chance(0.3)) selfPhones.push({ kind: 'work', number: landline(rng, homeCity), status: 'valid' });

  const contacts: DemoCase['contacts'] = [];
  const nContacts = rng.int(1, 3);
  for (let i = 0; i < nContacts; i++) {
    const relation = rng.weighted([['spouse', 25], ['parent', 25], ['sibling', 15], ['child', 5], ['colleague', 12], ['friend', 12], ['co_borrower', 3], ['guarantor', 3]] as const);
    const g: 'M' | 'F' = relation === 'spouse' ? (gender === 'M' ? 'F' : 'M') : rng.chance(0.5) ? 'M' : 'F';
    const sameSurname = relation === 'parent' || relation === 'sibling' || relation === 'child';
    contacts.push({
      name: personName(rng, g, sameSurname && g === 'M' ? surname : undefined),
      relation,
      party: relation === 'co_borrower' || relation === 'guarantor' ? 'related' : 'third_party',
      phone: mobile(rng),
    });
  }

  const creditor = rng.pick(CREDITORS);
  const product = rng.pick(creditor.products);
  const card = product === 'credit_card';
  const principalFen = card ? rng.int(2_000, 80_000) * 100 : rng.int(5_000, 300_000) * 100;
  const balanceFen = Math.round(principalFen * (1 + rng.int(2, 25) / 100));
  const dpd = pickDpd(rng);
  const overdueFen = card ? balanceFen : Math.min(balanceFen, Math.round(principalFen / rng.pick([12, 24, 36]) * Math.max(1, Math.ceil(dpd / 30))));
  const minDueFen = card ? Math.round(balanceFen * 0.1) : Math.min(overdueFen, Math.round(principalFen / 12));
  const overdueSince = addDays(today, -dpd + 1);
  const accountNo = card ? `${creditor.bin}${rng.digits(10)}` : `${creditor.bin}${today.slice(0, 4)}${rng.digits(10)}`;
  // A creditor entrusts overdue cases: never before the first overdue day (M0 reminder cases: today).
  const drawn = addDays(today, -rng.int(3, 75));
  const entrustDate = drawn >= overdueSince ? drawn : overdueSince <= today ? overdueSince : today;
  const expiryDate = addDays(entrustDate, rng.pick([60, 90, 90, 120]));
  const batchKey = `${creditor.name}|${entrustDate.slice(0, 7)}`;
  const tags: string[] = [];
  if (rng.chance(0.04)) tags.push('complaint_risk');
  if (rng.chance(0.03)) tags.push('sensitive');
  if (selfPhones.every((p) => p.status === 'invalid')) tags.push('lost_contact');
  let lastPaymentDate: string | null = rng.chance(0.3) ? addDays(overdueSince, -rng.int(1, 60)) : null;
  let lastPaymentFen: number | null = lastPaymentDate ? rng.int(200, 5000) * 100 : null;

  // History over the last weeks: attempts, a promise or two, payments, follow-ups.
  const attempts: DemoCase['attempts'] = [];
  const promises: DemoCase['promises'] = [];
  const payments: DemoCase['payments'] = [];
  const followUps: DemoCase['followUps'] = [];
  const workedDays = Math.min(dpd - 1, daysBetween(entrustDate, today));
  const nAttempts = workedDays <= 0 ? 0 : rng.weighted([[0, 15], [1, 20], [2, 20], [3, 15], [4, 12], [6, 10], [9, 8]] as const);
  const days = Array.from({ length: nAttempts }, () => rng.int(1, Math.max(1, workedDays))).sort((a, b) => b - a);
  let status: DemoCase['case']['status'] = 'open';
  for (const [i, back] of days.entries()) {
    const day = addDays(today, -back);
    const at = cnInstant(day, rng.int(9, 19), rng.int(0, 59), rng.int(0, 59));
    const code = rng.weighted([
      ['NO_ANSWER', 30], ['SWITCHED_OFF', 10], ['PTP', 18], ['REFUSES', 6], ['UNABLE', 6], ['THIRD_PARTY_MESSAGE', 10],
      ['PLAN_REQUESTED', 4], ['INVALID_NUMBER', 2], ['CLAIMS_PAID', 2], ['DISPUTE', 0.5],
    ] as const);
    const party = code === 'THIRD_PARTY_MESSAGE' ? rng.pick(['spouse', 'third_party']) : ['NO_ANSWER', 'SWITCHED_OFF', 'INVALID_NUMBER'].includes(code) ? 'none' : 'self';
    let note = rng.pick(NOTES[code] ?? ['']);
    const id = rngUuid(rng);
    if (code === 'PTP') {
      const amountFen = Math.min(balanceFen, Math.max(100_00, Math.round(overdueFen * rng.pick([0.1, 0.2, 0.3, 0.5, 1]) / 100) * 100));
      const dueDate = addDays(day, rng.int(0, 10));
      note = note.replace('{date}', dueDate).replace('{amount}', yuan(amountFen));
      for (const p of promises) if (p.state === 'pending') p.state = 'broken';
      let state: DemoCase['promises'][number]['state'] = 'pending';
      let paidFen = 0;
      if (dueDate < addDays(today, -1)) {
        state = rng.weighted([['kept', 45], ['broken', 40], ['partial', 15]] as const);
        if (state !== 'broken') {
          paidFen = state === 'kept' ? amountFen : Math.round(amountFen * 0.4);
          const paidDate = dueDate > day ? addDays(dueDate, -rng.int(0, 1)) : dueDate;
          payments.push({ id: rngUuid(rng), amountFen: paidFen, paidDate, createdAt: cnInstant(paidDate, 12, 0), source: rng.pick(['creditor', 'auto_debit'] as const) });
          lastPaymentDate = paidDate;
          lastPaymentFen = paidFen;
        }
      }
      promises.push({ id: rngUuid(rng), attemptIndex: i, amountFen, dueDate, createdDate: day, createdAt: at, state, paidFen });
    } else if (code === 'CLAIMS_PAID') {
      note = note.replace('{date}', addDays(day, -1));
    }
    if (code === 'DISPUTE') status = 'hold';
    const phoneIndex = code === 'THIRD_PARTY_MESSAGE' ? selfPhones.length : 0;
    const channel = rng.chance(0.9) ? 'phone' : 'sms';
    const talk = party === 'none' ? 0 : rng.int(25, 420);
    // An SMS has no call duration.
    attempts.push({ id, at, outcomeCode: code, party, channel, note, durationSec: channel === 'sms' ? 0 : talk, phoneIndex });
  }
  if (status !== 'hold' && promises.some((p) => p.state === 'pending')) status = 'ptp';
  const paid = payments.reduce((s, p) => s + p.amountFen, 0);
  const balanceAfter = Math.max(100_00, balanceFen - paid);

  if (rng.chance(0.06)) {
    // A follow-up due soon: some within the next minutes so the demo shows the alert.
    const minutes = rng.weighted([[2, 2], [5, 3], [30, 3], [120, 3], [60 * 20, 3]] as const);
    followUps.push({ id: rngUuid(rng), inMinutes: minutes, reason: rng.pick(['客户要求下午回电', '核实还款到账', '约定再次沟通还款方案', '客户开会中，稍后回拨']) });
  }

  return {
    debtor: {
      name, gender, idNumber, birthDate,
      homeAddress: address(rng, homeCity),
      workAddress: address(rng, homeCity),
      registeredAddress: address(rng, birthCity),
      employer,
    },
    selfPhones,
    contacts,
    case: {
      creditor: creditor.name, product, accountNo, principalFen, balanceFen: balanceAfter,
      overdueFen: Math.min(overdueFen, balanceAfter), minDueFen: Math.min(minDueFen, balanceAfter), overdueSince,
      lastPaymentDate, lastPaymentFen, entrustDate, expiryDate, status, tags, batchKey,
    },
    attempts, promises, payments, followUps,
  };
}

export { makeRng };
