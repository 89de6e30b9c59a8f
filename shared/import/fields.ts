/**
 * The columns an import understands, and their usual Chinese and English header names. A header
 * recognised here maps by itself; any other column the lead maps by hand (saved as a preset per
 * creditor) or leaves out.
 */
import { z } from 'zod';
import { halfWidth } from './text';

export const MAX_CONTACTS = 5;
const CONTACT_FIELDS = Array.from({ length: MAX_CONTACTS }, (_, i) => [`contact${i + 1}.name`, `contact${i + 1}.relation`, `contact${i + 1}.phone`] as const).flat();

export const ImportField = z.enum([
  'name', 'idNumber', 'mobile', 'accountNo', 'balance', 'overdue', 'principal', 'minDue', 'overdueDays', 'overdueSince',
  'lastPaymentDate', 'lastPaymentAmount', 'creditor', 'product', 'employer', 'workPhone', 'workAddress', 'homeAddress',
  'homePhone', 'entrustDate', 'expiryDate', 'timeZone', ...CONTACT_FIELDS,
]);
export type ImportField = z.infer<typeof ImportField>;

/** Header text (normalised by headerKey) -> field. */
const ALIASES: Record<string, readonly string[]> = {
  name: ['客户姓名', '姓名', '借款人姓名', '借款人', '持卡人姓名', '持卡人', '客户名称', '债务人姓名', 'name', 'customername', 'debtorname', 'customer', 'fullname'],
  idNumber: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', 'idnumber', 'idno', 'idcard', 'idcardno', 'nationalid'],
  mobile: ['手机号', '手机号码', '手机', '本人手机', '本人电话', '客户手机', '联系电话', 'mobile', 'mobilephone', 'phone', 'cellphone'],
  accountNo: ['卡号', '合同号', '账号', '帐号', '借据号', '合同编号', '贷款账号', '信用卡号', 'accountno', 'accountnumber', 'account', 'cardno', 'cardnumber', 'contractno'],
  balance: ['委案金额', '欠款金额', '欠款总额', '委托金额', '总欠款', '委案总额', 'balance', 'amount', 'entrustedamount', 'debtamount', 'totaldue'],
  overdue: ['逾期金额', '逾期总额', '逾期欠款', 'overdueamount', 'pastdueamount'],
  principal: ['本金', '逾期本金', '剩余本金', 'principal'],
  minDue: ['最低还款额', '最低还款', '最低还款金额', 'mindue', 'minimumpayment', 'minpayment'],
  overdueDays: ['逾期天数', 'dpd', 'dayspastdue', 'overduedays'],
  overdueSince: ['逾期日期', '逾期开始日期', '首次逾期日期', '逾期起始日', '账单日', 'overduedate', 'overduesince', 'billdate'],
  lastPaymentDate: ['最后还款日期', '最后还款日', '最近还款日期', '上次还款日期', 'lastpaymentdate', 'lastpaiddate'],
  lastPaymentAmount: ['最后还款金额', '最近还款金额', '上次还款金额', 'lastpaymentamount', 'lastpaidamount'],
  creditor: ['委托方', '委托机构', '委托人', '委托银行', '委托公司', 'creditor', 'client'],
  product: ['产品', '产品类型', '产品名称', '业务类型', 'product', 'producttype'],
  employer: ['单位名称', '工作单位', '公司名称', '单位', 'employer', 'company'],
  workPhone: ['单位电话', '公司电话', '工作电话', 'workphone', 'officephone'],
  workAddress: ['单位地址', '公司地址', '工作地址', 'workaddress', 'officeaddress'],
  homeAddress: ['家庭地址', '住址', '居住地址', '现住址', '家庭住址', 'homeaddress', 'address'],
  homePhone: ['家庭电话', '住宅电话', '家庭固话', 'homephone'],
  entrustDate: ['委案日期', '委托日期', '委案日', '委案开始日期', 'entrustdate', 'assigndate'],
  expiryDate: ['退案日期', '退案日', '委托到期日', '委案结束日期', '委案到期日', 'expirydate', 'returndate'],
  // the debtor's own IANA zone for the quiet hours (issue 11); blank: the team's
  timeZone: ['时区', '债务人时区', '客户时区', '所在时区', 'timezone', 'tz'],
};

const BY_ALIAS = new Map<string, ImportField>();
for (const [field, names] of Object.entries(ALIASES)) for (const n of names) BY_ALIAS.set(n, ImportField.parse(field));

/** Header text as compared: half-width, lower-case, no spaces, underscores, asterisks or bracketed notes ("手机号（必填）"). */
export function headerKey(header: string): string {
  return halfWidth(header).toLowerCase().replace(/\((必填|选填|元|required|optional|yuan|rmb)\)/g, '').replace(/[\s_*:：.-]/g, '');
}

const CONTACT_PATTERNS: [RegExp, 'name' | 'relation' | 'phone'][] = [
  [/^(?:紧急)?联系人(\d?)(?:姓名|名称)?$/, 'name'],
  [/^(?:紧急)?联系人(\d?)(?:关系|与本人关系|与客户关系)$/, 'relation'],
  [/^关系(\d?)$/, 'relation'],
  [/^(?:紧急)?联系人(\d?)(?:电话|手机|手机号|手机号码|联系电话|号码)$/, 'phone'],
  [/^(?:emergency)?contact(\d?)(?:name)?$/, 'name'],
  [/^(?:emergency)?contact(\d?)relation(?:ship)?$/, 'relation'],
  [/^(?:emergency)?contact(\d?)(?:phone|mobile|tel)$/, 'phone'],
];

/** The field a header names by itself, or null. */
export function recogniseHeader(header: string): ImportField | null {
  const key = headerKey(header);
  const direct = BY_ALIAS.get(key);
  if (direct) return direct;
  for (const [re, part] of CONTACT_PATTERNS) {
    const m = re.exec(key);
    if (!m) continue;
    const n = Number(m[1] || '1');
    if (n >= 1 && n <= MAX_CONTACTS) return ImportField.parse(`contact${n}.${part}`);
  }
  return null;
}

/** A lead's hand mapping, by the file's header text; null = leave the column out. Saved per creditor. */
export const ColumnMapping = z.record(z.string().max(200), ImportField.nullable());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/**
 * Each column's field: the hand mapping first (it may also override a recognised header), else the
 * recognised name. A field claimed twice keeps its first column; the later ones are left unmapped.
 */
export function mapColumns(headers: readonly string[], mapping: ColumnMapping = {}): (ImportField | null)[] {
  const used = new Set<ImportField>();
  return headers.map((h) => {
    const f = Object.hasOwn(mapping, h) ? (mapping[h] ?? null) : recogniseHeader(h);
    if (f === null || used.has(f)) return null;
    used.add(f);
    return f;
  });
}

/** Required: a name, an account number, an amount (委案金额 or 逾期金额) and when it fell overdue (逾期天数 or 逾期日期). */
export const REQUIRED: readonly (readonly ImportField[])[] = [['name'], ['accountNo'], ['balance', 'overdue'], ['overdueDays', 'overdueSince']];
