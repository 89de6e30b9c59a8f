/**
 * The documents' own words, zh-CN first. Documents are written by the desk core, the hub and
 * the command line as well as shown in the renderer, so their texts live here in shared/ (the
 * renderer's i18n holds the screen's texts only).
 */
import type { PaymentChannel } from '../domain/payment-channel';
import type { Locale } from '../domain/enums';
import type { PeriodKind, ProblemCategory, RecoveryChannel, WorkKind } from './model';

export interface ReportLabels {
  summaryTitle: Record<PeriodKind, string>;
  planTitle: Record<PeriodKind, string>;
  team: string;
  period: string;
  generated: string;
  sections: {
    overview: string; targets: string; channels: string; problems: string; wentWell: string; largestPayments: string; keptPromises: string;
    agents: string; reflection: string; nextPlan: string; commitments: string; worklist: string; progress: string; none: string;
  };
  figures: Record<'casesWorked' | 'attempts' | 'calls' | 'connected' | 'rightParty' | 'contactRate' | 'rpcRate' | 'ptps' | 'ptpFen' | 'ptpRate' | 'kept' | 'keptFen' | 'due' | 'keptRate' | 'recoveredFen' | 'payments', string>;
  metrics: Record<string, string>;
  target: string; actual: string; reached: string;
  channels: Record<RecoveryChannel, string>;
  problems: Record<ProblemCategory, string>;
  work: Record<WorkKind, string>;
  cols: Record<'debtor' | 'account' | 'overdue' | 'agent' | 'amount' | 'date' | 'keptOn' | 'outcome' | 'kind' | 'due' | 'bestHours' | 'count' | 'metric' | 'channel' | 'category' | 'payments' | 'no' | 'payChannel' | 'txnNo', string>;
  payChannels: Record<PaymentChannel, string>;
  numbered: (n: number, text: string) => string;
  /** '：' / ': ' between a label and what follows; '（…）' / ' (…)' around an aside. */
  sep: string;
  paren: (text: string) => string;
  casesBehind: (n: number) => string;
  moreCases: (n: number) => string;
  noReflection: string;
  workDay: (d: string) => string;
  sheet: Record<'overview' | 'agents' | 'channels' | 'problems' | 'payments' | 'kept' | 'worklist' | 'targets', string>;
}

const zh: ReportLabels = {
  summaryTitle: { day: '工作日报 · 工作总结', week: '周工作总结', month: '月度工作总结', range: '工作总结' },
  planTitle: { day: '今日工作计划', week: '本周工作计划', month: '本月工作计划', range: '工作计划' },
  team: '全组',
  period: '期间',
  generated: '生成时间',
  sections: {
    overview: '工作概况', targets: '目标完成情况', channels: '回款渠道', problems: '存在的问题',
    wentWell: '做得好的地方', largestPayments: '大额回款', keptPromises: '已兑现承诺', agents: '组员情况',
    reflection: '总结与反思', nextPlan: '下期工作计划', commitments: '个人承诺', worklist: '今日工作清单',
    progress: '当前进度', none: '无',
  },
  figures: {
    casesWorked: '处理案件数', attempts: '催记数', calls: '拨打次数', connected: '接通次数', rightParty: '本人接通次数',
    contactRate: '接通率', rpcRate: '本人接通率', ptps: '承诺笔数', ptpFen: '承诺金额', ptpRate: '承诺率', kept: '兑现笔数',
    keptFen: '兑现金额', due: '到期承诺数', keptRate: '兑现率', recoveredFen: '回款金额', payments: '回款笔数',
  },
  metrics: { calls: '拨打次数', rightParty: '本人接通次数', ptpFen: '承诺金额', recoveredFen: '回款金额', recoveryPct: '回收率（%）' },
  target: '目标', actual: '实际', reached: '完成率',
  channels: { phone: '电话', sms: '短信', letter: '信函', visit: '外访', email: '邮件', legal: '诉讼', unattributed: '未归属' },
  problems: { unreachable: '失联/无法接通', unwilling: '还款意愿低（拒绝还款）', unable: '无力还款', dispute: '投诉/争议', deceased: '死亡' },
  work: { followup: '到期跟进', ptpDue: '到期承诺', broken: '爽约', new: '新案件' },
  cols: {
    debtor: '客户', account: '账号', overdue: '逾期金额', agent: '催收员', amount: '金额', date: '日期', keptOn: '兑现日',
    outcome: '结果', kind: '类别', due: '到期', bestHours: '最佳联系时段', count: '案件数', metric: '指标', channel: '渠道',
    category: '类别', payments: '笔数', no: '序号', payChannel: '还款渠道', txnNo: '交易流水号',
  },
  payChannels: { bank_transfer: '银行转账', direct_debit: '代扣', counter: '柜台', creditor_app: '委托方App', other: '其他' },
  sep: '：',
  paren: (text) => `（${text}）`,
  numbered: (n, text) => `${'一二三四五六七八九十'[n - 1] ?? String(n)}、${text}`,
  casesBehind: (n) => `涉及案件 ${n} 件`,
  moreCases: (n) => `……另有 ${n} 件`,
  noReflection: '（尚未填写）',
  workDay: (d) => `工作日：${d}`,
  sheet: { overview: '概况', agents: '组员', channels: '回款渠道', problems: '问题案件', payments: '回款明细', kept: '兑现承诺', worklist: '工作清单', targets: '目标' },
};

const en: ReportLabels = {
  summaryTitle: { day: 'Daily work summary', week: 'Weekly work summary', month: 'Monthly work summary', range: 'Work summary' },
  planTitle: { day: "Today's work plan", week: "This week's work plan", month: "This month's work plan", range: 'Work plan' },
  team: 'Whole team',
  period: 'Period',
  generated: 'Generated',
  sections: {
    overview: 'Overview', targets: 'Targets', channels: 'Recovery by channel', problems: 'Problems',
    wentWell: 'What went well', largestPayments: 'Largest recoveries', keptPromises: 'Kept promises', agents: 'Agents',
    reflection: 'Reflection', nextPlan: 'Plan for the next period', commitments: 'Commitments', worklist: "Today's worklist",
    progress: 'Progress so far', none: 'None',
  },
  figures: {
    casesWorked: 'Cases worked', attempts: 'Attempts', calls: 'Calls', connected: 'Connected', rightParty: 'Right-party contacts',
    contactRate: 'Contact rate', rpcRate: 'RPC rate', ptps: 'Promises made', ptpFen: 'Promised amount', ptpRate: 'PTP rate', kept: 'Promises kept',
    keptFen: 'Kept amount', due: 'Promises due', keptRate: 'Kept rate', recoveredFen: 'Recovered', payments: 'Payments',
  },
  metrics: { calls: 'Calls', rightParty: 'Right-party contacts', ptpFen: 'Promised amount', recoveredFen: 'Recovered', recoveryPct: 'Recovery rate (%)' },
  target: 'Target', actual: 'Actual', reached: 'Reached',
  channels: { phone: 'Phone', sms: 'SMS', letter: 'Letter', visit: 'Visit', email: 'Email', legal: 'Legal', unattributed: 'Unattributed' },
  problems: { unreachable: 'Unreachable', unwilling: 'Unwilling to pay', unable: 'Unable to pay', dispute: 'Disputes', deceased: 'Deceased' },
  work: { followup: 'Follow-up due', ptpDue: 'PTP due', broken: 'Broken promise', new: 'New case' },
  cols: {
    debtor: 'Debtor', account: 'Account', overdue: 'Overdue', agent: 'Agent', amount: 'Amount', date: 'Date', keptOn: 'Kept on',
    outcome: 'Outcome', kind: 'Kind', due: 'Due', bestHours: 'Best hours', count: 'Cases', metric: 'Metric', channel: 'Channel',
    category: 'Category', payments: 'Payments', no: 'No.', payChannel: 'Paid via', txnNo: 'Transaction no.',
  },
  payChannels: { bank_transfer: 'Bank transfer', direct_debit: 'Direct debit', counter: 'Counter', creditor_app: "Creditor's app", other: 'Other' },
  sep: ': ',
  paren: (text) => ` (${text})`,
  numbered: (n, text) => `${n}. ${text}`,
  casesBehind: (n) => `${n} case${n === 1 ? '' : 's'}`,
  moreCases: (n) => `… and ${n} more`,
  noReflection: '(not written yet)',
  workDay: (d) => `Work day: ${d}`,
  sheet: { overview: 'Overview', agents: 'Agents', channels: 'Channels', problems: 'Problem cases', payments: 'Payments', kept: 'Kept promises', worklist: 'Worklist', targets: 'Targets' },
};

export function reportLabels(locale: Locale): ReportLabels {
  return locale === 'en' ? en : zh;
}
