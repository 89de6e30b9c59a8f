import { describe, expect, it } from 'vitest';
import { headerKey, mapColumns, recogniseHeader } from './fields';

describe('recogniseHeader', () => {
  it.each([
    ['客户姓名', 'name'], ['姓名', 'name'], ['Customer Name', 'name'], ['身份证号', 'idNumber'], ['证件号码', 'idNumber'], ['手机号', 'mobile'], ['手机号码（必填）', 'mobile'],
    ['卡号', 'accountNo'], ['合同号', 'accountNo'], ['账号', 'accountNo'], ['Account No.', 'accountNo'], ['委案金额', 'balance'], ['欠款金额(元)', 'balance'], ['逾期金额', 'overdue'],
    ['本金', 'principal'], ['最低还款额', 'minDue'], ['逾期天数', 'overdueDays'], ['DPD', 'overdueDays'], ['逾期日期', 'overdueSince'], ['账单日', 'overdueSince'],
    ['最后还款日期', 'lastPaymentDate'], ['最后还款金额', 'lastPaymentAmount'], ['委托方', 'creditor'], ['产品', 'product'], ['单位名称', 'employer'], ['单位电话', 'workPhone'],
    ['家庭地址', 'homeAddress'], ['委案日期', 'entrustDate'], ['退案日期', 'expiryDate'], ['*客户姓名', 'name'], ['　姓　名　', 'name'],
    ['联系人', 'contact1.name'], ['紧急联系人', 'contact1.name'], ['联系人关系', 'contact1.relation'], ['关系', 'contact1.relation'], ['联系人电话', 'contact1.phone'],
    ['联系人2姓名', 'contact2.name'], ['联系人2关系', 'contact2.relation'], ['联系人2手机', 'contact2.phone'], ['Contact 3 Phone', 'contact3.phone'],
  ])('%s -> %s', (h, f) => expect(recogniseHeader(h)).toBe(f));
  it.each(['备注', '客户经理', '联系人9', ''])('%s is not recognised', (h) => expect(recogniseHeader(h)).toBeNull());
  it('headerKey drops spaces, marks and bracketed notes', () => expect(headerKey(' 手机号（必填）* ')).toBe('手机号'));
});

describe('mapColumns', () => {
  it('a hand mapping wins and may leave a column out; a field claimed twice keeps its first column', () => {
    expect(mapColumns(['姓名', '户名', '卡号', '账号', '备注'], { 户名: null, 备注: 'homeAddress' })).toEqual(['name', null, 'accountNo', null, 'homeAddress']);
    expect(mapColumns(['客户', '卡号'], { 客户: 'name' })).toEqual(['name', 'accountNo']);
  });
});
