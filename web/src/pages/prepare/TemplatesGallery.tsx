import { useMemo } from 'react';
import { api, type DrillTemplate } from '../../api.ts';
import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorBox, Loading, useAsync } from '../../components/ui.tsx';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { navigate, useLocation } from '../../router.tsx';

/** Built-in and imported lures, with their NIST Phish Scale rating and a safe preview. */
export function TemplatesGallery() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const shownLang = query.get('lang') === 'en' ? 'en' : query.get('lang') === 'fr' ? 'fr' : lang;
  const selected = query.get('template');
  const { data, error, loading, reload } = useAsync(() => api.drillTemplates(), []);
  const items = useMemo(() => (data?.items ?? []).filter((x) => x.lang === shownLang), [data, shownLang]);
  const set = (patch: Record<string, string | null>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
    else q.delete(k);
    navigate(`/drill?${q.toString()}`, { replace: true });
  };

  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  const current = items.find((x) => x.id === selected);
  return (
    <>
      <div className="filters">
        <fieldset className="filter">
          <legend>{t('drill.tplLang')}</legend>
          <div className="seg">
            {(['fr', 'en'] as const).map((l) => (
              <label key={l} className={`seg-item${shownLang === l ? ' on' : ''}`}>
                <input type="radio" name="tpl-lang" checked={shownLang === l} onChange={() => set({ lang: l })} />
                {l === 'fr' ? 'Français' : 'English'}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="small muted filter-note">{t('drill.scaleHelp')}</p>
      </div>
      {items.length === 0 ? (
        <EmptyState icon="target">{t('drill.tplEmpty')}</EmptyState>
      ) : (
        <div className={`split${current ? ' has-detail' : ''}`}>
          <ul className="tpl-grid split-main">
            {items.map((x) => (
              <li key={`${x.id}/${x.lang}`} className={`tpl-card${x.id === selected ? ' selected' : ''}`}>
                <div className="tpl-top">
                  <DifficultyBadge d={x.difficulty} />
                  <span className="muted small">{t(`drill.kind.${x.kind}` as MsgKey)}</span>
                </div>
                <h3 className="tpl-name">{x.name}</h3>
                <p className="tpl-subject">« {readableSubject(x.subject, t)} »</p>
                <p className="small muted">
                  {t('drill.cuesLine', { n: x.cues.length, level: t(`drill.cues.${x.cueLevel}` as MsgKey), align: t(`drill.align.${x.premiseAlignment}` as MsgKey) })}
                </p>
                <div className="tpl-foot">
                  {x.impersonates && <span className="pill pill-quiet">{t('drill.impersonates')}</span>}
                  {x.source === 'imported' && <span className="pill pill-quiet">{t('drill.imported')}</span>}
                  <button type="button" className="btn btn-small" onClick={() => set({ template: x.id === selected ? null : x.id })} aria-pressed={x.id === selected}>
                    {t('drill.preview')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {current && (
            <aside className="detail panel" aria-labelledby="tpl-title">
              <TemplatePreview template={current} onClose={() => set({ template: null })} />
            </aside>
          )}
        </div>
      )}
    </>
  );
}

/** Subjects hold placeholders ({{impersonated.firstName}}); the card shows them as words. */
export function readableSubject(subject: string, t: (k: MsgKey) => string): string {
  return subject.replace(/\{\{\s*([a-zA-Z.]+)\s*\}\}/g, (_m, v: string) => `[${v.startsWith('impersonated.') ? t('drill.var.colleague') : v === 'org' ? t('drill.var.org') : t('drill.var.recipient')}]`);
}

export function DifficultyBadge({ d }: { d: DrillTemplate['difficulty'] }) {
  const { t } = useI18n();
  return (
    <span className={`difficulty difficulty-${d}`} title={t('drill.scaleName')}>
      {t(`drill.diff.${d}` as MsgKey)}
    </span>
  );
}

function TemplatePreview({ template, onClose }: { template: DrillTemplate; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error } = useAsync(() => api.drillPreview(template.id, template.lang), [template.id, template.lang]);
  return (
    <>
      <div className="detail-head">
        <DifficultyBadge d={template.difficulty} />
        <button type="button" className="icon-btn detail-close" onClick={onClose} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </div>
      <h2 id="tpl-title" className="detail-title">
        {template.name}
      </h2>
      {error ? (
        <ErrorBox error={error} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className="mail-preview">
          <dl className="mail-preview-head">
            <div>
              <dt>{t('drill.from')}</dt>
              <dd>
                {data.fromName} &lt;{data.fromLocal}@{t('drill.senderDomainPh')}&gt;
              </dd>
            </div>
            <div>
              <dt>{t('drill.subject')}</dt>
              <dd>{data.subject}</dd>
            </div>
          </dl>
          {/* sandbox with no token: no script, no form, no navigation of the dashboard; the document's own CSP loads nothing remote. */}
          <iframe className="mail-preview-frame" title={t('drill.previewFrame', { name: template.name })} sandbox="" srcDoc={data.html} referrerPolicy="no-referrer" data-testid="template-preview" />
          <p className="small muted">{t('drill.previewNote')}</p>
        </div>
      )}
      <h3 className="detail-sub">{t('drill.cuesTitle')}</h3>
      <ul className="cue-list">
        {template.cues.map((c, i) => (
          <li key={i}>
            <span className="pill pill-quiet">{t(`drill.cueCat.${c.category}` as MsgKey)}</span> {c.text}
          </li>
        ))}
      </ul>
    </>
  );
}
