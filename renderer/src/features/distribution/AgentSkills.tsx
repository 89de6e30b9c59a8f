import { useEffect, useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Select from 'antd/es/select';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import type { DistAgentInfo } from '../../../../shared/contract';
import { BUCKET_ORDER } from '../../../../shared/domain/buckets';
import type { BucketId } from '../../../../shared/domain/enums';
import { invoke } from '../../api';
import { translateError } from '../../lib/errors';
import { useLocale } from '../../lib/session';

/**
 * 账龄专长: the buckets each agent works, which the "by bucket skill" strategy deals by. Saved as
 * one setting (distribution.setAgentBuckets): in team mode on the hub, which sends it to every
 * desk of the team as reference data. An agent with no bucket takes no case under that strategy.
 */
export function AgentSkills({ agents, onSaved }: { agents: DistAgentInfo[]; onSaved: (saved: Record<string, BucketId[]>) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Record<string, BucketId[]>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(Object.fromEntries(agents.map((a) => [a.id, a.buckets]))), [agents]);
  const dirty = agents.some((a) => (draft[a.id] ?? []).join() !== a.buckets.join());

  const save = async () => {
    setBusy(true);
    // in the order buckets run (M0 → M4+), each once; agents without any are left out
    const agentBuckets = Object.fromEntries(
      agents.map((a) => [a.id, BUCKET_ORDER.filter((b) => (draft[a.id] ?? []).includes(b))] as const).filter(([, list]) => list.length > 0),
    );
    const r = await invoke('distribution.setAgentBuckets', { agentBuckets });
    setBusy(false);
    if (!r.ok) {
      void message.error(translateError(t, r.error, locale));
      return;
    }
    void message.success({ content: <span data-testid="dist-skills-saved">{t('distribution.skills.saved')}</span> });
    // What the hub (or this desk) stored; in team mode this desk's copy catches up on the next pull.
    onSaved(r.value.agentBuckets);
  };

  return (
    <div className="dist-skills" data-testid="dist-skills">
      <Typography.Text type="secondary" className="dist-skills-hint">{t('distribution.skills.hint')}</Typography.Text>
      {agents.map((a) => (
        <div key={a.id} className="dist-skill-row" data-testid="dist-skill-row" data-agent-id={a.id}>
          <span className="dist-skill-name">{a.displayName} <span className="num">{a.agentNo}</span></span>
          <Select<BucketId[]>
            mode="multiple"
            size="small"
            allowClear
            value={draft[a.id] ?? []}
            onChange={(v) => setDraft((d) => ({ ...d, [a.id]: v }))}
            options={BUCKET_ORDER.map((b) => ({ value: b, label: t(`enums.bucket.${b}`) }))}
            placeholder={t('distribution.skills.none')}
            aria-label={t('distribution.skills.of', { name: a.displayName })}
            data-testid="dist-skill-select"
          />
        </div>
      ))}
      <Button size="small" type="primary" ghost disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="dist-skills-save">
        {t('distribution.skills.save')}
      </Button>
    </div>
  );
}
