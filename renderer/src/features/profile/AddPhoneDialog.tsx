import { useEffect, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Radio from 'antd/es/radio';
import Select from 'antd/es/select';
import type { InputRef } from 'antd/es/input';
// Used only by this lazily loaded part: the deep import keeps it out of the first-paint chunk.
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import type { DeskError } from '../../../../shared/contract';
import { Relation } from '../../../../shared/domain/enums';
import { checkPhoneEntry, CONTACT_NAME_MAX, PHONE_INPUT_MAX } from '../../../../shared/domain/phone-entry';
import { phoneTypeOf } from '../../../../shared/domain/phone';
import { invoke } from '../../api';
import { translateError, translateRule, type RuleLike } from '../../lib/errors';
import { useLocale } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';

type Whose = 'self' | 'contact';
type EntryField = 'number' | 'name' | 'relation';

/** Which dialog field a rule's dotted path belongs to (phone.add input names). */
function entryField(field: string | undefined): EntryField | null {
  if (field === 'number') return 'number';
  if (field === 'contact.name') return 'name';
  if (field === 'contact.relation') return 'relation';
  return null;
}

/**
 * 新增号码 / 联系人: a number the debtor gives on the call, theirs or a new contact's (name,
 * relation). Checked as typed with the shared rules the core and the hub apply
 * (shared/domain/phone-entry), duplicates included; Enter adds.
 */
export function AddPhoneDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const caseId = useWorkspace((s) => s.caseId);
  const detail = useWorkspace((s) => s.detail);
  const [whose, setWhose] = useState<Whose>('self');
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<'home' | 'work'>('home');
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<Relation | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<DeskError | null>(null);
  const numberRef = useRef<InputRef>(null);

  useEffect(() => {
    if (!open) return;
    setWhose('self');
    setNumber('');
    setKind('home');
    setName('');
    setRelation(null);
    setShowAll(false);
    setSaving(false);
    setServerError(null);
  }, [open]);

  // The numbers the debtor has are masked on this screen: the core finds a duplicate; here the rules on what is typed.
  const local = checkPhoneEntry({ number, contact: whose === 'contact' ? { name, relation: relation ?? 'other' } : null }, []).violations;
  const errors: Record<EntryField, RuleLike[]> = { number: [], name: [], relation: [] };
  for (const v of local) {
    const f = entryField(v.field);
    if (f) errors[f].push(v);
  }
  const relationMissing = whose === 'contact' && relation === null;
  const serverField = serverError ? entryField(serverError.field) : null;
  if (serverError && serverField) errors[serverField] = [serverError];
  const textOf = (f: EntryField): string[] => [
    ...(showAll || serverField === f ? errors[f] : []).map((v) => translateRule(t, v, locale)),
    ...(showAll && f === 'relation' && relationMissing ? [t('rules.generic', { field: t('profile.relation') })] : []),
  ];
  const landline = phoneTypeOf(number) === 'landline';

  const submit = async () => {
    if (!caseId || saving) return;
    setShowAll(true);
    if (errors.number.length || errors.name.length || errors.relation.length || relationMissing) return;
    setSaving(true);
    const res = await invoke('phone.add', {
      caseId,
      number,
      kind: landline ? kind : null,
      contact: whose === 'contact' && relation ? { name, relation } : null,
    });
    setSaving(false);
    if (!res.ok) {
      setServerError(res.error);
      return;
    }
    message.success({ content: t('profile.phoneAdded'), key: 'phone-add' });
    onClose();
    await useWorkspace.getState().refreshCase();
  };

  const status = (f: EntryField) => (textOf(f).length ? 'error' : undefined);
  const help = (f: EntryField) => (textOf(f).length ? <span data-testid={`err-add-${f}`}>{textOf(f).join('；')}</span> : undefined);
  return (
    <Modal
      open={open}
      title={t('profile.addTitle')}
      okText={t('profile.add')}
      cancelText={t('profile.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      afterOpenChange={(o) => o && numberRef.current?.focus()}
      destroyOnHidden
    >
      <Form layout="vertical" component="div" data-testid="add-phone-dialog">
        {detail && <div className="tl-muted">{detail.debtor.name}</div>}
        <Form.Item label={t('profile.whose')}>
          <Radio.Group
            value={whose}
            optionType="button"
            onChange={(e) => setWhose(e.target.value === 'contact' ? 'contact' : 'self')}
            options={[
              { value: 'self', label: t('profile.whoseSelf') },
              { value: 'contact', label: t('profile.whoseContact') },
            ]}
            data-testid="add-phone-whose"
          />
        </Form.Item>
        <Form.Item label={t('profile.number')} validateStatus={status('number')} help={help('number')}>
          <Input
            ref={numberRef}
            value={number}
            maxLength={PHONE_INPUT_MAX}
            placeholder={t('profile.numberPlaceholder')}
            onChange={(e) => {
              setNumber(e.target.value);
              setServerError(null);
            }}
            onPressEnter={() => void submit()}
            data-testid="add-phone-number"
          />
        </Form.Item>
        {landline && (
          <Form.Item label={t('profile.kind')}>
            <Select
              value={kind}
              onChange={(v) => setKind(v)}
              options={(['home', 'work'] as const).map((k) => ({ value: k, label: t(`enums.phoneKind.${k}`) }))}
              data-testid="add-phone-kind"
            />
          </Form.Item>
        )}
        {whose === 'contact' && (
          <>
            <Form.Item label={t('profile.contactName')} validateStatus={status('name')} help={help('name')}>
              <Input
                value={name}
                maxLength={CONTACT_NAME_MAX}
                onChange={(e) => {
                  setName(e.target.value);
                  setServerError(null);
                }}
                onPressEnter={() => void submit()}
                data-testid="add-phone-name"
              />
            </Form.Item>
            <Form.Item label={t('profile.relation')} validateStatus={status('relation')} help={help('relation')}>
              <Select
                value={relation ?? undefined}
                placeholder={t('profile.relation')}
                onChange={(v) => setRelation(Relation.parse(v))}
                options={Relation.options.map((r) => ({ value: r, label: t(`enums.relation.${r}`) }))}
                data-testid="add-phone-relation"
              />
            </Form.Item>
          </>
        )}
        {serverError && !serverField && <Alert type="error" showIcon title={translateError(t, serverError, locale)} />}
      </Form>
    </Modal>
  );
}
