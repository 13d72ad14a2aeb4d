import { useState, type ReactNode } from 'react';
import type { MailAttachment, MailIndicators, MailReport, MailSignal, MailVerdict } from '../../api.ts';
import { Icon } from '../../components/icons.tsx';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { codePoints, diffMarks, parseLinkMismatch, parseLookalike, parseMailbox, splitUrl, type Segment } from './evidence.ts';

/** Score thresholds of the verdict (src/mail/weights.ts), drawn on the gauge. */
const THRESHOLDS = { suspicious: 30, malicious: 60 };

export function VerdictBadge({ verdict, large }: { verdict: MailVerdict; large?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`verdict verdict-${verdict}${large ? ' verdict-large' : ''}`} data-testid="verdict">
      {t(`mail.verdict.${verdict}` as MsgKey)}
    </span>
  );
}

/** The 0–100 score as a ring, coloured by verdict; the label says it for screen readers. */
export function ScoreGauge({ score, verdict, size = 96 }: { score: number; verdict: MailVerdict; size?: number }) {
  const { t } = useI18n();
  const stroke = size >= 60 ? 9 : 4;
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const value = Math.max(0, Math.min(100, score));
  const tick = (at: number) => {
    const a = (at / 100) * 2 * Math.PI - Math.PI / 2;
    const x1 = size / 2 + (r - stroke / 2 - 1) * Math.cos(a);
    const y1 = size / 2 + (r - stroke / 2 - 1) * Math.sin(a);
    const x2 = size / 2 + (r + stroke / 2 + 1) * Math.cos(a);
    const y2 = size / 2 + (r + stroke / 2 + 1) * Math.sin(a);
    return <line x1={x1} y1={y1} x2={x2} y2={y2} className="gauge-tick" />;
  };
  return (
    <span className={`gauge gauge-${verdict}`} role="img" aria-label={t('mail.scoreLabel', { score: value })} style={{ width: size, height: size }}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={r} className="gauge-track" strokeWidth={stroke} />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={r}
          className="gauge-value"
          strokeWidth={stroke}
          strokeDasharray={`${(value / 100) * c} ${c}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
          strokeLinecap={value > 0 && value < 100 ? 'round' : 'butt'}
        />
        {size >= 60 && (
          <>
            {tick(THRESHOLDS.suspicious)}
            {tick(THRESHOLDS.malicious)}
          </>
        )}
      </svg>
      <span className="gauge-text" aria-hidden="true">
        <span className="gauge-num">{value}</span>
      </span>
    </span>
  );
}

/** One triaged message: verdict, what to do, why (signals with highlighted evidence), attachments, indicators. */
export function ReportDetail({ report, onClose }: { report: MailReport; onClose: () => void }) {
  const { t, tk, lang, dateTime } = useI18n();
  const lookalike = report.signals.map((s) => parseLookalike(s.evidence)).find(Boolean);
  const maxWeight = Math.max(1, ...report.signals.map((s) => Math.abs(s.weight)));
  return (
    <>
      <div className={`verdict-hero verdict-hero-${report.verdict}`}>
        <ScoreGauge score={report.score} verdict={report.verdict} />
        <div className="verdict-hero-body">
          <div className="verdict-hero-line">
            <VerdictBadge verdict={report.verdict} large />
            <span className="muted small">{t('mail.scoreOf', { score: report.score })}</span>
          </div>
          <h2 id="mail-detail-title" className="verdict-subject">
            {report.subject || t('mail.noSubject')}
          </h2>
          <p className="verdict-meta">
            <span className="muted">{t('mail.from')}</span> <Sender from={report.from} lookalikeDomain={lookalike?.domain} original={lookalike?.original} />
          </p>
          <p className="small muted">
            {t('mail.reportedBy', { who: report.reporter ?? '—', source: tk(`mail.source.${report.source}`, report.source) })} · <time dateTime={report.receivedAt}>{dateTime(report.receivedAt)}</time>
            {report.alertId && (
              <>
                {' · '}
                <Link to={`/alerts?id=${encodeURIComponent(report.alertId)}`}>{t('mail.seeAlert')}</Link>
              </>
            )}
          </p>
        </div>
        <button type="button" className="icon-btn detail-close" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>

      <div className={`action-box action-box-${report.verdict}`} data-testid="mail-action">
        <Icon name={report.verdict === 'clean' ? 'check' : 'shield'} size={20} />
        <div>
          <p className="action-box-title">{t('mail.whatToDo')}</p>
          <p className="action-box-text">{lang === 'fr' ? report.action.fr : report.action.en}</p>
        </div>
      </div>

      <div className="mail-detail-grid">
        <div>
          <h3 className="detail-sub">{t('mail.why')}</h3>
          {report.signals.length === 0 ? (
            <p className="muted">{t('mail.noSignals')}</p>
          ) : (
            <ol className="signals" data-testid="mail-signals">
              {report.signals.map((s, i) => (
                <SignalRow key={`${s.id}-${i}`} signal={s} maxWeight={maxWeight} />
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3 className="detail-sub">{t('mail.attachments')}</h3>
          <Attachments items={report.attachments} hashes={report.indicators.hashes} />
          <h3 className="detail-sub">{t('mail.indicators')}</h3>
          <Indicators indicators={report.indicators} />
        </div>
      </div>
      <p className="small muted detail-id">
        {t('mail.reportId')} <code>{report.id}</code>
        {report.messageId && (
          <>
            {' · Message-ID '}
            <code className="break">{report.messageId}</code>
          </>
        )}
      </p>
    </>
  );
}

function Marked({ segments, title }: { segments: Segment[]; title?: string }) {
  return (
    <>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} className="diff" title={[title, codePoints(s.text)].filter(Boolean).join(' ')}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** A domain with the characters that differ from the original marked. */
function LookalikeDomain({ domain, original }: { domain: string; original: string }) {
  const { t } = useI18n();
  return (
    <span className="mono lookalike" data-testid="lookalike">
      <Marked segments={diffMarks(domain, original)} title={t('mail.differsFrom', { original })} />
    </span>
  );
}

function Sender({ from, lookalikeDomain, original }: { from: string; lookalikeDomain?: string; original?: string }) {
  const mb = parseMailbox(from);
  if (!mb) return <span className="mono">{from || '—'}</span>;
  const [local] = mb.address.split('@');
  return (
    <span>
      <strong>{mb.name}</strong>{' '}
      <span className="mono">
        &lt;{local}@{lookalikeDomain && original && lookalikeDomain === mb.domain ? <LookalikeDomain domain={mb.domain} original={original} /> : mb.domain}&gt;
      </span>
    </span>
  );
}

function UrlWithHost({ url, mark }: { url: string; mark: boolean }) {
  const u = splitUrl(url);
  return (
    <span className="mono url">
      {u.before}
      {mark && u.host ? <mark className="diff">{u.host}</mark> : u.host}
      {u.after}
    </span>
  );
}

/** The evidence of one signal, highlighted when its shape is known, plain otherwise. */
function Evidence({ signal }: { signal: MailSignal }) {
  const { t, tk } = useI18n();
  const e = signal.evidence;
  const look = parseLookalike(e);
  if (look) {
    return (
      <div className="evidence evidence-lookalike">
        <div>
          <LookalikeDomain domain={look.domain} original={look.original} /> <span className="muted">{t('mail.imitates')}</span> <span className="mono original">{look.original}</span>{' '}
          <span className="pill pill-quiet">{tk(`mail.kind.${look.kind}`, look.kind)}</span>
        </div>
        <div className="small muted break">
          {signal.id.startsWith('links.') ? t('mail.seenInLink') : t('mail.seenInAddress')} <span className="mono">{look.where}</span>
        </div>
      </div>
    );
  }
  const link = parseLinkMismatch(e);
  if (link) {
    return (
      <dl className="evidence evidence-link">
        <div>
          <dt>{t('mail.linkShows')}</dt>
          <dd className="mono break">{link.shown}</dd>
        </div>
        <div>
          <dt>{t('mail.linkGoes')}</dt>
          <dd className="break">
            <UrlWithHost url={link.target} mark />
          </dd>
        </div>
      </dl>
    );
  }
  if (signal.id === 'sender.staff_impersonation') {
    const mb = parseMailbox(e);
    if (mb)
      return (
        <div className="evidence">
          {t('mail.nameIsStaff', { name: mb.name })}{' '}
          <span className="mono">
            &lt;{mb.address.split('@')[0]}@<mark className="diff">{mb.domain}</mark>&gt;
          </span>
        </div>
      );
  }
  if (/^https?:\/\/\S+$/i.test(e)) {
    return (
      <div className="evidence break">
        <UrlWithHost url={e} mark />
      </div>
    );
  }
  if (signal.id.startsWith('content.')) {
    const m = /^p=([\d.]+): ([^(]*)/.exec(e);
    if (m) {
      // Model features such as "tld:fr" or "rule:…" mean nothing to a reader: the words do.
      const words = m[2].split(', ').map((w) => w.trim()).filter((w) => w && !w.includes(':'));
      return (
        <div className="evidence small">
          <span className="muted">p = {Math.round(Number(m[1]) * 100)} %</span>
          {words.length > 0 && (
            <>
              {' · '}
              <span className="muted">{t('mail.modelWords')}</span> {words.join(', ')}
            </>
          )}
        </div>
      );
    }
  }
  return <div className="evidence mono break">{e}</div>;
}

function SignalRow({ signal, maxWeight }: { signal: MailSignal; maxWeight: number }) {
  const { lang } = useI18n();
  const negative = signal.weight < 0;
  return (
    <li className={`signal${negative ? ' signal-negative' : ''}`} data-signal={signal.id}>
      <div className="signal-weight" aria-label={`${signal.weight > 0 ? '+' : ''}${signal.weight}`}>
        <span className="signal-points">
          {signal.weight > 0 ? '+' : ''}
          {signal.weight}
        </span>
        <span className="signal-bar" aria-hidden="true">
          <span style={{ width: `${(Math.abs(signal.weight) / maxWeight) * 100}%` }} />
        </span>
      </div>
      <div className="signal-body">
        <p className="signal-text">{lang === 'fr' ? signal.fr : signal.en}</p>
        <Evidence signal={signal} />
      </div>
    </li>
  );
}

function formatSize(n: number, num: (n: number) => string): string {
  if (n < 1024) return `${num(n)} o`;
  if (n < 1048576) return `${num(Math.round(n / 102.4) / 10)} Ko`;
  return `${num(Math.round(n / 104857.6) / 10)} Mo`;
}

/** Kinds that run code or carry it: shown as dangerous whatever the name says. */
const RISKY_KINDS = new Set(['exe', 'elf', 'macho', 'script', 'lnk', 'iso', 'onenote', 'ole', 'rtf', 'html', 'mobileconfig']);

function Attachments({ items, hashes }: { items?: MailAttachment[]; hashes: string[] }) {
  const { t, tk, num } = useI18n();
  // Reports stored before attachments were listed only have the hashes.
  const rows: MailAttachment[] = items ?? hashes.map((sha256) => ({ name: '—', mimeType: '', kind: '', size: -1, sha256 }));
  if (rows.length === 0) return <p className="muted small">{t('mail.noAttachments')}</p>;
  return (
    <ul className="attachments">
      {rows.map((a, i) => (
        <li key={`${a.sha256}-${i}`} className="attachment">
          <div className="attachment-head">
            <Icon name="decoy" size={16} />
            <span className="attachment-name break">{a.name || t('mail.unnamed')}</span>
            {a.kind && <span className={`pill${RISKY_KINDS.has(a.kind) ? ' pill-risk' : ' pill-quiet'}`}>{t('mail.kindIs', { kind: tk(`mail.filekind.${a.kind}`, a.kind) })}</span>}
          </div>
          <div className="small muted">
            {a.mimeType && <span>{a.mimeType}</span>}
            {a.size >= 0 && <span> · {formatSize(a.size, num)}</span>}
          </div>
          <div className="hash">
            <code title="sha256">{a.sha256}</code>
            <CopyButton text={a.sha256} />
          </div>
        </li>
      ))}
    </ul>
  );
}

const IND_KEYS: Array<keyof MailIndicators> = ['domains', 'urls', 'ips', 'addresses', 'hashes'];

function Indicators({ indicators }: { indicators: MailIndicators }) {
  const { t } = useI18n();
  const all = IND_KEYS.flatMap((k) => indicators[k] ?? []);
  if (all.length === 0) return <p className="muted small">{t('mail.noIndicators')}</p>;
  return (
    <div className="indicators" data-testid="mail-indicators">
      {IND_KEYS.filter((k) => (indicators[k] ?? []).length > 0).map((k) => (
        <div key={k} className="indicator-group">
          <p className="indicator-type">{t(`mail.ind.${k}` as MsgKey)}</p>
          <ul className="indicator-list">
            {indicators[k].map((v) => (
              <li key={v} className="mono break">
                {v}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="row-actions">
        <CopyButton text={all.join('\n')} label={t('mail.copyAll')} />
      </div>
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label?: ReactNode }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(text).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <button type="button" className="btn btn-small btn-ghost copy-btn" onClick={copy}>
      {copied ? t('common.copied') : (label ?? t('common.copy'))}
    </button>
  );
}
