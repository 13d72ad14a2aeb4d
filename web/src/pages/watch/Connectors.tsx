import { useState, type FormEvent } from 'react';
import { roleAllows, type ApiError } from '../../api.ts';
import { EmptyState, ErrorBox, Loading, toApiError, useAsync } from '../../components/ui.tsx';
import { useI18n, type MsgKey } from '../../i18n.ts';
import { useSession } from '../../session.ts';
import { CONNECTOR_PLATFORMS, connectorsApi, type ConnectorPlatform, type ConnectorStatus, type PlatformInfo } from '../../watch-api.ts';

const list = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

/** The form fields of each platform, mapped to its connector options (src/watch/connectors/*). */
function optionsOf(platform: ConnectorPlatform, f: Record<string, string>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (f.endpoint) o.endpoint = f.endpoint;
  switch (platform) {
    case 'bluesky':
      if (f.dids) o.dids = list(f.dids);
      break;
    case 'mastodon':
      o.instances = list(f.instances).map((i) => (/^https?:\/\//.test(i) ? i : `https://${i}`));
      if (f.hashtags) {
        o.timeline = 'hashtag';
        o.hashtags = list(f.hashtags).map((h) => h.replace(/^#/, ''));
      }
      break;
    case 'x':
      o.query = f.query;
      o.mode = f.mode || 'stream';
      break;
    case 'telegram':
      if (f.channels) o.channels = list(f.channels);
      break;
    case 'youtube':
      o.videos = list(f.videos);
      break;
  }
  return o;
}

const FIELDS: Record<ConnectorPlatform, string[]> = {
  bluesky: ['dids'],
  mastodon: ['instances', 'hashtags'],
  x: ['query', 'mode'],
  telegram: ['channels'],
  youtube: ['videos'],
};

/** Live sources: each connector's state, rate, lag and last error; an admin adds or pauses them. */
export function Connectors() {
  const { t, num, dateTime, lang } = useI18n();
  const { user } = useSession();
  const isAdmin = roleAllows(user.role, 'admin');
  const { data, error, loading, reload } = useAsync(() => connectorsApi.list(), []);
  const [actErr, setActErr] = useState<ApiError | null>(null);
  if (error && !data) return <ErrorBox error={error} onRetry={reload} />;
  if (!data || loading) return <Loading />;
  const act = async (fn: () => Promise<unknown>) => {
    setActErr(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setActErr(toApiError(e));
    }
  };
  return (
    <>
      <section className="panel flush" aria-labelledby="conn-title">
        <h2 id="conn-title" className="panel-title pad">
          {t('watch.conn.title')} <span className="count muted">{num(data.items.length)}</span>
        </h2>
        {data.items.length === 0 ? (
          <EmptyState title={t('watch.conn.empty')} icon="eye">
            {t('watch.conn.emptyHint')}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="connectors-table">
              <thead>
                <tr>
                  <th scope="col">{t('watch.conn.col.name')}</th>
                  <th scope="col">{t('watch.conn.col.state')}</th>
                  <th scope="col" className="num">
                    {t('watch.conn.col.rate')}
                  </th>
                  <th scope="col" className="num">
                    {t('watch.conn.col.lag')}
                  </th>
                  <th scope="col" className="num">
                    {t('watch.conn.col.stored')}
                  </th>
                  <th scope="col" className="num hide-sm">
                    {t('watch.conn.col.skipped')}
                  </th>
                  <th scope="col" className="hide-sm">
                    {t('watch.conn.col.error')}
                  </th>
                  {isAdmin && <th scope="col" />}
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <ConnectorRow key={c.id} c={c} isAdmin={isAdmin} onToggle={() => void act(() => connectorsApi.setEnabled(c.id, !c.enabled))} onRemove={() => void act(() => connectorsApi.remove(c.id))} dateTime={dateTime} num={num} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {actErr && <ErrorBox error={actErr} />}
      </section>
      {isAdmin && <NewConnector platforms={data.platforms} lang={lang} onSaved={reload} />}
    </>
  );
}

/** A lag as people say it: seconds, minutes, hours or days. */
function duration(seconds: number, t: ReturnType<typeof useI18n>['t'], num: (n: number) => string): string {
  if (seconds < 90) return t('watch.conn.dur.s', { n: num(Math.round(seconds)) });
  if (seconds < 90 * 60) return t('watch.conn.dur.min', { n: num(Math.round(seconds / 60)) });
  if (seconds < 36 * 3600) return t('watch.conn.dur.h', { n: num(Math.round(seconds / 3600)) });
  return t('watch.conn.dur.d', { n: num(Math.round(seconds / 86400)) });
}

function ConnectorRow({ c, isAdmin, onToggle, onRemove, dateTime, num }: { c: ConnectorStatus; isAdmin: boolean; onToggle: () => void; onRemove: () => void; dateTime: (s: string) => string; num: (n: number) => string }) {
  const { t, lang } = useI18n();
  const skipped = Object.entries(c.skipped).sort((a, b) => b[1] - a[1]);
  const total = skipped.reduce((a, [, n]) => a + n, 0);
  const state = c.enabled ? c.state : 'disabled';
  const tone = state === 'running' ? 'state-done' : state === 'error' ? 'state-error' : state === 'backoff' ? 'state-open' : 'state-off';
  return (
    <tr data-connector={c.name}>
      <td className="cell-title">
        <strong>{c.name}</strong> <span className="pill pill-quiet">{c.platform}</span>
        <div className="small muted">{c.watching[lang]}</div>
      </td>
      <td>
        <span className={`state ${tone}`}>{t(`watch.conn.state.${state}` as MsgKey)}</span>
        {c.detail && <div className="small muted">{c.detail}</div>}
      </td>
      {/* Rate and lag describe a connector that reads: a stopped one shows none. */}
      <td className="num">{state === 'running' ? (c.rate >= 10 ? num(Math.round(c.rate)) : c.rate.toFixed(1)) : '—'}</td>
      <td className="num" title={c.lastEventAt ? dateTime(c.lastEventAt) : undefined}>
        {state === 'running' && c.lagSeconds !== null ? duration(c.lagSeconds, t, num) : '—'}
      </td>
      <td className="num">{num(c.postsTotal)}</td>
      <td className="num hide-sm" title={skipped.map(([r, n]) => `${r}: ${n}`).join('\n')}>
        {num(total)}
      </td>
      <td className="hide-sm small">{c.lastError ? <span title={c.lastErrorAt ? dateTime(c.lastErrorAt) : undefined}>{c.lastError}</span> : <span className="muted">—</span>}</td>
      {isAdmin && (
        <td className="row-actions">
          <button type="button" className="btn btn-small" onClick={onToggle}>
            {c.enabled ? t('watch.conn.disable') : t('watch.conn.enable')}
          </button>
          <button type="button" className="btn btn-small" onClick={onRemove} aria-label={t('watch.conn.removeLabel', { name: c.name })}>
            {t('common.delete')}
          </button>
        </td>
      )}
    </tr>
  );
}

function NewConnector({ platforms, lang, onSaved }: { platforms: PlatformInfo[]; lang: 'fr' | 'en'; onSaved: () => void }) {
  const { t } = useI18n();
  const [platform, setPlatform] = useState<ConnectorPlatform>('bluesky');
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<ApiError | null>(null);
  const info = platforms.find((p) => p.platform === platform);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      await connectorsApi.save({ name: name || platform, platform, options: optionsOf(platform, fields), secrets });
      setFields({});
      setSecrets({});
      setName('');
      onSaved();
    } catch (x) {
      setErr(toApiError(x));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="new-conn">
      <h2 id="new-conn" className="panel-title">
        {t('watch.conn.add')}
      </h2>
      <form className="create-form" onSubmit={(e) => void submit(e)} data-testid="connector-form">
        <label>
          {t('watch.conn.platform')}
          <select value={platform} onChange={(e) => setPlatform(e.target.value as ConnectorPlatform)}>
            {CONNECTOR_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {platforms.find((x) => x.platform === p)?.title[lang] ?? p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('watch.conn.name')}
          <input value={name} maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" placeholder={platform} onChange={(e) => setName(e.target.value)} />
        </label>
        {FIELDS[platform].map((f) =>
          f === 'mode' ? (
            <label key={f}>
              {t('watch.conn.field.mode')}
              <select value={fields.mode ?? 'stream'} onChange={(e) => setFields({ ...fields, mode: e.target.value })}>
                <option value="stream">{t('watch.conn.mode.stream')}</option>
                <option value="search">{t('watch.conn.mode.search')}</option>
              </select>
            </label>
          ) : (
            <label key={f}>
              {t(`watch.conn.field.${f}` as MsgKey)}
              <input value={fields[f] ?? ''} required={['instances', 'query', 'videos'].includes(f)} maxLength={4000} onChange={(e) => setFields({ ...fields, [f]: e.target.value })} />
            </label>
          ),
        )}
        {info?.credentials.map((c) => (
          <label key={c.key}>
            {c.label[lang]}
            <input type="password" autoComplete="off" value={secrets[c.key] ?? ''} required={c.required} maxLength={4096} onChange={(e) => setSecrets({ ...secrets, [c.key]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.loading') : t('watch.conn.save')}
        </button>
      </form>
      {info && <p className="small muted">{info.limits[lang]}</p>}
      <p className="small muted">{t('watch.conn.secretsNote')}</p>
      {err && <ErrorBox error={err} />}
    </section>
  );
}
