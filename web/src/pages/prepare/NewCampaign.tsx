import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, type DrillLaunch } from '../../api.ts';
import { Loading, toApiError, useAsync } from '../../components/ui.tsx';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { Link, navigate } from '../../router.tsx';
import { toLocalInput } from './format.ts';
import { DifficultyBadge, readableSubject } from './TemplatesGallery.tsx';

/** Errors the launch can answer with, each explained with what to do next. */
const KNOWN_ERRORS = ['drill.no_allow_list', 'drill.impersonation_needs_colleague', 'drill.unknown_colleague', 'drill.no_consent', 'drill.no_targets', 'drill.bad_window', 'drill.template_not_found', 'auth.forbidden'];

/**
 * Launch form. Only admins launch (the API refuses others); analysts author templates. The
 * server applies the allow-list, exemptions and consent; its refusals are shown in plain words.
 */
export function NewCampaign({ canLaunch }: { canLaunch: boolean }) {
  const { t, lang } = useI18n();
  const templates = useAsync(() => api.drillTemplates(), []);
  const staff = useAsync(() => (canLaunch ? api.staff() : Promise.resolve({ items: [] })), [canLaunch]);
  const org = useAsync(() => api.org(), []);
  const now = useMemo(() => new Date(), []);
  const [form, setForm] = useState({
    name: '',
    templateId: '',
    lang: lang as 'fr' | 'en',
    group: '',
    senderDomain: '',
    impersonate: '',
    windowStart: toLocalInput(now),
    windowEnd: toLocalInput(new Date(now.getTime() + 3 * 86400_000)),
    hours: '09:00-18:00',
    anonymous: false,
  });
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ApiError | null>(null);
  const [localErr, setLocalErr] = useState<string | null>(null);

  const list = useMemo(() => (templates.data?.items ?? []).filter((x) => x.lang === form.lang), [templates.data, form.lang]);
  const template = list.find((x) => x.id === form.templateId);
  const groups = useMemo(() => [...new Set((staff.data?.items ?? []).filter((s) => s.active && s.department).map((s) => s.department!))].sort(), [staff.data]);
  const colleagues = useMemo(() => (staff.data?.items ?? []).filter((s) => s.active).sort((a, b) => a.fullName.localeCompare(b.fullName)), [staff.data]);
  const noAllowList = org.data && org.data.protectedDomains.length === 0;

  if (!canLaunch)
    return (
      <div className="notice notice-info" role="status">
        {t('drill.adminOnly')}
      </div>
    );
  if (templates.loading && !templates.data) return <Loading />;

  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErr(null);
    setLocalErr(null);
    const start = new Date(form.windowStart);
    const end = new Date(form.windowEnd);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) return setLocalErr(t('drill.err.window'));
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(form.senderDomain.trim())) return setLocalErr(t('drill.err.senderDomain'));
    const input: DrillLaunch = {
      name: form.name.trim(),
      templateId: form.templateId,
      lang: form.lang,
      group: form.group || undefined,
      senderDomain: form.senderDomain.trim().toLowerCase(),
      impersonate: template?.impersonates ? form.impersonate || undefined : undefined,
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
      hours: form.hours,
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      anonymous: form.anonymous,
    };
    setBusy(true);
    try {
      const r = await api.launchDrill(input);
      navigate(`/drill?id=${encodeURIComponent(r.campaign.id)}`);
    } catch (x) {
      setErr(toApiError(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel form-stack launch-form" onSubmit={(e) => void submit(e)} aria-labelledby="launch-title" noValidate>
      <h2 id="launch-title" className="panel-title">
        {t('drill.newTitle')}
      </h2>
      <p className="small muted">{t('drill.newIntro')}</p>
      {noAllowList && (
        <div className="notice notice-warn" role="alert">
          <span>
            {t('drill.err.drill.no_allow_list')} <Link to="/organisation">{t('drill.goOrg')}</Link>
          </span>
        </div>
      )}
      <div className="form-row">
        <label className="field grow">
          <span>{t('drill.fName')}</span>
          <input required maxLength={200} value={form.name} onChange={(e) => set('name', e.target.value)} placeholder={t('drill.fNamePh')} />
        </label>
        <label className="field">
          <span>{t('drill.tplLang')}</span>
          <select value={form.lang} onChange={(e) => set('lang', e.target.value === 'en' ? 'en' : 'fr')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('drill.fTemplate')}</span>
        <select required value={form.templateId} onChange={(e) => set('templateId', e.target.value)}>
          <option value="">{t('drill.fTemplateChoose')}</option>
          {list.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} — {t(`drill.diff.${x.difficulty}` as MsgKey)}
            </option>
          ))}
        </select>
      </label>
      {template && (
        <p className="small tpl-chosen">
          <DifficultyBadge d={template.difficulty} /> « {readableSubject(template.subject, t)} » · <Link to={`/drill?view=templates&lang=${template.lang}&template=${template.id}`}>{t('drill.preview')}</Link>
        </p>
      )}
      {template?.impersonates && (
        <label className="field">
          <span>{t('drill.fImpersonate')}</span>
          <select required value={form.impersonate} onChange={(e) => set('impersonate', e.target.value)}>
            <option value="">{t('drill.fImpersonateChoose')}</option>
            {colleagues.map((s) => (
              <option key={s.email} value={s.email}>
                {s.fullName} ({s.email})
              </option>
            ))}
          </select>
          <small className="muted">{t('drill.fImpersonateHelp')}</small>
        </label>
      )}
      <div className="form-row">
        <label className="field grow">
          <span>{t('drill.fGroup')}</span>
          <select value={form.group} onChange={(e) => set('group', e.target.value)}>
            <option value="">{t('drill.everyone')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('drill.fSender')}</span>
          <input required maxLength={253} value={form.senderDomain} onChange={(e) => set('senderDomain', e.target.value)} placeholder={t('drill.senderDomainPh')} />
          <small className="muted">{t('drill.fSenderHelp')}</small>
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span>{t('drill.fStart')}</span>
          <input type="datetime-local" required value={form.windowStart} onChange={(e) => set('windowStart', e.target.value)} />
        </label>
        <label className="field">
          <span>{t('drill.fEnd')}</span>
          <input type="datetime-local" required value={form.windowEnd} onChange={(e) => set('windowEnd', e.target.value)} />
        </label>
        <label className="field">
          <span>{t('drill.fHours')}</span>
          <input required pattern="\d{1,2}:\d{2}-\d{1,2}:\d{2}" value={form.hours} onChange={(e) => set('hours', e.target.value)} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={form.anonymous} onChange={(e) => set('anonymous', e.target.checked)} />
        <span>
          {t('drill.fAnonymous')}
          <small className="muted"> — {t('drill.fAnonymousHelp')}</small>
        </span>
      </label>
      <p className="small muted">{t('drill.guards')}</p>
      {(localErr || err) && (
        <div className="notice notice-error" role="alert" data-testid="launch-error">
          <span>
            <strong>{t('drill.launchRefused')}</strong> — {localErr ?? launchErrorText(err!, t)}
            {err && err.id !== 'network' && <code className="muted"> [{err.id}]</code>}
          </span>
        </div>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !form.name.trim() || !form.templateId || !form.senderDomain.trim()}>
          {busy ? t('drill.launching') : t('drill.launch')}
        </button>
        <Link to="/drill" className="btn btn-ghost">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

function launchErrorText(e: ApiError, t: (k: MsgKey, p?: Record<string, string | number>) => string): string {
  if (e.id === 'network') return t('error.network');
  if (KNOWN_ERRORS.includes(e.id)) return t(`drill.err.${e.id}` as MsgKey);
  return e.message;
}
