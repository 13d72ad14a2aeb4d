import type { DrillFunnel, DrillStatus } from '../../api.ts';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { pct } from './format.ts';

export function StatusPill({ status }: { status: DrillStatus }) {
  const { t } = useI18n();
  return <span className={`drill-status drill-status-${status}`}>{t(`drill.status.${status}` as MsgKey)}</span>;
}

/** The phish-prone percentage with a short bar: the eye compares bars faster than numbers. */
export function ProneMeter({ value, locale }: { value: number | null; locale: string }) {
  if (value === null) return <span className="muted">—</span>;
  // Industry baselines before training sit around 30 %; under 15 % is a team that has learnt.
  const tone = value >= 30 ? 'bad' : value >= 15 ? 'warn' : 'good';
  return (
    <span className={`prone prone-${tone}`}>
      <span className="prone-track" aria-hidden="true">
        <span className="prone-fill" style={{ width: `${Math.min(100, value)}%` }} />
      </span>
      <span className="prone-value">{pct(value, locale)}</span>
    </span>
  );
}

const STEPS = ['sent', 'opened', 'clicked', 'submitted'] as const;

/**
 * The funnel: each step as a bar whose length is its share of the mail sent, then the reports
 * apart (they are the good outcome, not a further step down).
 */
export function FunnelChart({ funnel }: { funnel: DrillFunnel }) {
  const { t, num, locale } = useI18n();
  const base = Math.max(1, funnel.sent);
  const row = (key: (typeof STEPS)[number] | 'reported', value: number) => {
    const share = funnel.sent ? (value / base) * 100 : 0;
    return (
      <li key={key} className={`funnel-row funnel-${key}`} data-testid={`funnel-${key}`}>
        <span className="funnel-label">{t(`drill.f.${key}` as MsgKey)}</span>
        <span className="funnel-track">
          <span className="funnel-fill" style={{ width: `${Math.max(share, value > 0 ? 1.5 : 0)}%` }} />
        </span>
        <span className="funnel-count">
          <strong data-testid="funnel-count">{num(value)}</strong>
          {key !== 'sent' && <span className="muted small"> {pct(Math.round(share * 10) / 10, locale)}</span>}
        </span>
      </li>
    );
  };
  return (
    <figure className="funnel" aria-label={t('drill.funnelDesc', { sent: funnel.sent, clicked: funnel.clicked, reported: funnel.reported })}>
      <ol className="funnel-steps">{STEPS.map((k) => row(k, funnel[k]))}</ol>
      <ol className="funnel-steps funnel-good">{row('reported', funnel.reported)}</ol>
    </figure>
  );
}
