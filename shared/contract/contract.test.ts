import { describe, expect, it } from 'vitest';
import { assertDistinctRoutes, contract, DeskError, events, isRouteName, parseInput } from './index';

const attempt = {
  clientRequestId: 'req-12345678',
  caseId: '42',
  phoneId: '7',
  channel: 'phone',
  party: 'self',
  outcomeCode: 'PTP',
  note: '本人接听，承诺明天还款',
  callStartedAt: '2026-11-22T02:00:00.000Z',
  durationSec: 192,
  ptp: { amountFen: 50_000, dueDate: '2026-11-23' },
  followUp: { dueAt: '2026-11-23T01:00:00.000Z', reason: null },
  claimedPaidDate: null,
  stepsDone: ['open.identify'],
  scenario: null,
};

const fieldOf = (route: Parameters<typeof parseInput>[0], input: unknown) => {
  const r = parseInput(route, input);
  if (r.ok) throw new Error(`expected ${route} to refuse ${JSON.stringify(input)}`);
  expect(r.error.code).toBe('INVALID_INPUT');
  expect(r.error.message).toContain(route);
  return r.error.field;
};

describe('contract', () => {
  it('knows its routes and nothing else (prototype keys included)', () => {
    expect(isRouteName('queue.list')).toBe(true);
    expect(isRouteName('attempt.save')).toBe(true);
    for (const bad of ['queue.drop', '', 'toString', '__proto__', 'constructor', 42, null, undefined]) expect(isRouteName(bad)).toBe(false);
  });

  it('gives every route an input and an output schema, and every event a payload schema', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.output.safeParse, name).toBe('function');
    }
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['followup.due', 'queue.changed']));
  });

  it('refuses a route name declared by two features, naming both', () => {
    const a = { 'queue.list': contract['queue.list'] };
    const b = { 'case.get': contract['case.get'], 'queue.list': contract['queue.list'] };
    expect(() => assertDistinctRoutes({ queue: a, cases: b })).toThrow('route queue.list is declared by both queue and cases');
    expect(() => assertDistinctRoutes({ queue: a, cases: { 'case.get': contract['case.get'] } })).not.toThrow();
  });

  it('says who may call each route: only login, session, settings and sync status/connect are public', () => {
    const byAccess = (a: string) => Object.entries(contract).filter(([, d]) => d.access === a).map(([n]) => n).sort();
    expect(byAccess('public')).toEqual(['auth.login', 'auth.session', 'settings.get', 'sync.connect', 'sync.status']);
    expect(byAccess('lead')).toEqual(['contact.override', 'contact.violations', 'dashboard.exportXlsx', 'dashboard.get', 'distribution.apply', 'distribution.options', 'distribution.preview', 'distribution.select', 'distribution.setAgentBuckets', 'hub.host', 'importer.apply', 'importer.export', 'importer.preset', 'importer.preview', 'importer.upload', 'lead.agents', 'lead.assign', 'lead.assignPreview', 'lead.cases', 'lead.clearHold', 'lead.conflicts', 'lead.resolveConflict', 'lead.setCaseTimeZone', 'message.gateway', 'message.saveTemplates', 'payment.pending', 'payment.verify', 'targets.save', 'team.addAgent', 'team.desks', 'team.localCasesPreview', 'team.moveLocalCases', 'team.setAgentDisabled']);
    for (const [name, d] of Object.entries(contract)) expect(['public', 'agent', 'lead'], name).toContain(d.access);
  });

  it('fills the queue defaults and bounds the page size', () => {
    const r = parseInput('queue.list', {});
    expect(r).toEqual({ ok: true, value: { filter: {}, offset: 0, limit: 100 } });
    expect(fieldOf('queue.list', { limit: 0 })).toBe('limit');
    expect(fieldOf('queue.list', { limit: 501 })).toBe('limit');
    expect(fieldOf('queue.list', { offset: -1 })).toBe('offset');
    expect(fieldOf('queue.list', { filter: { bucket: 'M9' } })).toBe('filter.bucket');
    const trimmed = parseInput('queue.list', { filter: { search: '  王芳 ' } });
    expect(trimmed.ok && trimmed.value.filter.search).toBe('王芳');
  });

  it('accepts a well-formed attempt and names the field of a malformed one', () => {
    expect(parseInput('attempt.save', attempt).ok).toBe(true);
    expect(fieldOf('attempt.save', { ...attempt, ptp: { amountFen: 500.5, dueDate: '2026-11-23' } })).toBe('ptp.amountFen');
    expect(fieldOf('attempt.save', { ...attempt, ptp: { amountFen: 500, dueDate: '23/11/2026' } })).toBe('ptp.dueDate');
    expect(fieldOf('attempt.save', { ...attempt, followUp: { dueAt: '2026-11-23 09:00', reason: null } })).toBe('followUp.dueAt');
    expect(fieldOf('attempt.save', { ...attempt, channel: 'wechat' })).toBe('channel');
    expect(fieldOf('attempt.save', { ...attempt, durationSec: -1 })).toBe('durationSec');
    expect(fieldOf('attempt.save', { ...attempt, note: 'x'.repeat(4001) })).toBe('note');
    expect(fieldOf('attempt.save', { ...attempt, clientRequestId: 'short' })).toBe('clientRequestId');
    const { caseId: _omit, ...noCase } = attempt;
    expect(fieldOf('attempt.save', noCase)).toBe('caseId');
  });

  it('refuses unknown keys where the input is closed, and non-objects everywhere', () => {
    expect(fieldOf('auth.logout', { extra: 1 })).toBeUndefined();
    expect(parseInput('auth.logout', undefined).ok).toBe(true); // no body = {}
    expect(fieldOf('settings.update', { locale: 'fr' })).toBe('locale');
    expect(parseInput('settings.update', { theme: 'dark' }).ok).toBe(false);
    expect(parseInput('auth.login', 'demo:demo123').ok).toBe(false);
    expect(fieldOf('auth.login', { username: '   ', password: 'x' })).toBe('username');
    expect(fieldOf('auth.login', { username: 'demo' })).toBe('password');
  });

  it('keeps money integral and dates strict in payments', () => {
    expect(parseInput('payment.record', { caseId: '1', amountFen: 30_000, paidDate: '2026-11-22' }).ok).toBe(true);
    expect(fieldOf('payment.record', { caseId: '1', amountFen: 300.01, paidDate: '2026-11-22' })).toBe('amountFen');
    expect(fieldOf('payment.record', { caseId: '1', amountFen: 2 ** 60, paidDate: '2026-11-22' })).toBe('amountFen');
    expect(fieldOf('payment.record', { caseId: '1', amountFen: 300, paidDate: '2026-11-22T00:00:00Z' })).toBe('paidDate');
  });

  it('describes errors with a code the renderer can translate', () => {
    expect(DeskError.safeParse({ code: 'VALIDATION', message: 'x', field: 'ptp.amountFen', rule: 'ptp.amountAboveBalance', params: { balance: '¥1.00' } }).success).toBe(true);
    expect(DeskError.safeParse({ code: 'OOPS', message: 'x' }).success).toBe(false);
  });
});
