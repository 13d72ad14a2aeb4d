import { useMemo, useState } from 'react';
import { api, PUBLIC_LESSON_BASE, roleAllows, type Lesson, type TrainAssignment, type TrainProgress } from '../api.ts';
import { SeriesChart as TimeChart, type TimeSeries } from '../components/SeriesChart.tsx';
import { EmptyState, ErrorBox, Loading, PageHeader, toApiError, useAsync } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { pct } from './prepare/format.ts';
import './prepare/prepare.css';

/** The server's label for people without a department in the directory. */
const NO_DEPARTMENT = '(sans département / no department)';

/** Training: the lessons, who has what to do, how far each person and group has got, who is late. */
export function TrainPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { query } = useLocation();
  const lessonLang = query.get('lang') === 'en' ? 'en' : query.get('lang') === 'fr' ? 'fr' : lang;
  const progress = useAsync(() => api.trainProgress(), []);
  const assignments = useAsync(() => api.assignments({ limit: 5000 }), []);
  const lessons = useAsync(() => api.lessons(lessonLang), [lessonLang]);
  const staff = useAsync(() => api.staff(), []);
  const names = useMemo(() => new Map((staff.data?.items ?? []).map((s) => [s.email.toLowerCase(), s.fullName])), [staff.data]);

  const error = progress.error ?? assignments.error ?? lessons.error;
  if (error && !(progress.data && assignments.data && lessons.data))
    return (
      <>
        <PageHeader title={t('train.title')} intro={t('train.intro')} />
        <ErrorBox
          error={error}
          onRetry={() => {
            progress.reload();
            assignments.reload();
            lessons.reload();
          }}
        />
      </>
    );
  if (!progress.data || !assignments.data || !lessons.data) return <Loading />;
  const live = assignments.data.filter((a) => a.status !== 'cancelled');
  return (
    <>
      <PageHeader title={t('train.title')} intro={t('train.intro')} actions={roleAllows(user.role, 'admin') && <SendMails onSent={assignments.reload} />} />
      <Totals progress={progress.data} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="completion-title">
          <h2 id="completion-title" className="panel-title">
            {t('train.chart')}
          </h2>
          <CompletionChart assignments={live} />
        </section>
        <GroupBars progress={progress.data} />
      </div>
      <Catalogue lessons={lessons.data} assignments={live} lang={lessonLang} />
      <div className="grid-main-side">
        <People progress={progress.data} names={names} />
        <Overdue assignments={live} lessons={lessons.data} names={names} />
      </div>
      <Assignments assignments={live} lessons={lessons.data} names={names} />
    </>
  );
}

function SendMails({ onSent }: { onSent: () => void }) {
  const { t, tk } = useI18n();
  const [state, setState] = useState<{ busy: boolean; msg?: string; err?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    try {
      const r = await api.sendTrainingMail();
      setState({ busy: false, msg: t('train.mailSent', { sent: r.sent, reminders: r.reminders, failed: r.failed }) });
      onSent();
    } catch (e) {
      const x = toApiError(e);
      setState({ busy: false, err: tk(`train.err.${x.id}`, x.message) });
    }
  };
  return (
    <div className="send-mails">
      <button type="button" className="btn" onClick={() => void run()} disabled={state.busy}>
        {state.busy ? t('train.mailing') : t('train.mailNow')}
      </button>
      {state.msg && (
        <p className="small state-line" role="status">
          {state.msg}
        </p>
      )}
      {state.err && (
        <p className="small form-error" role="alert">
          {state.err}
        </p>
      )}
    </div>
  );
}

function Totals({ progress }: { progress: TrainProgress }) {
  const { t, num, locale } = useI18n();
  const x = progress.totals;
  return (
    <dl className="stat-row">
      <div className="stat">
        <dt>{t('train.open')}</dt>
        <dd>{num(x.assigned)}</dd>
        <dd className="small muted stat-help">{t('train.openHelp')}</dd>
      </div>
      <div className="stat stat-good">
        <dt>{t('train.completed')}</dt>
        <dd>{num(x.completed)}</dd>
        <dd className="small muted stat-help">{t('train.completedHelp')}</dd>
      </div>
      <div className={`stat${x.overdue ? ' stat-bad' : ''}`}>
        <dt>{t('train.overdue')}</dt>
        <dd data-testid="overdue-count">{num(x.overdue)}</dd>
        <dd className="small muted stat-help">{t('train.overdueHelp')}</dd>
      </div>
      <div className="stat">
        <dt>{t('train.rate')}</dt>
        <dd data-testid="completion-rate">{x.completionRate === null ? '—' : pct(Math.round(x.completionRate * 1000) / 10, locale)}</dd>
        <dd className="small muted stat-help">{x.accuracy === null ? t('train.noAnswers') : t('train.accuracy', { v: pct(Math.round(x.accuracy * 1000) / 10, locale), n: x.answered })}</dd>
      </div>
    </dl>
  );
}

/** Progress as a bar and a figure; `done` turns it green. */
export function ProgressBar({ value, total, label }: { value: number; total: number; label: string }) {
  const share = total ? value / total : 0;
  return (
    <span className={`progress${total && value >= total ? ' done' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={value} aria-label={label}>
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="progress-value">
        {value}/{total}
      </span>
    </span>
  );
}

/** Cumulative assignments and completions, day by day: the gap between the two lines is the work left. */
function CompletionChart({ assignments }: { assignments: TrainAssignment[] }) {
  const { t, locale } = useI18n();
  const { x, series } = useMemo(() => {
    const times = [...assignments.map((a) => ({ s: Date.parse(a.assignedAt) / 1000, k: 0 })), ...assignments.filter((a) => a.completedAt).map((a) => ({ s: Date.parse(a.completedAt!) / 1000, k: 1 }))].filter((e) => Number.isFinite(e.s));
    if (times.length === 0) return { x: [] as number[], series: [] as TimeSeries[] };
    const first = times.reduce((m, e) => Math.min(m, e.s), Infinity);
    const last = times.reduce((m, e) => Math.max(m, e.s), -Infinity);
    // Hours over a short span, days otherwise; at most 540 points, older history folded into the first.
    const step = last - first < 3 * 86400 ? 3600 : 86400;
    const end = Math.floor(last / step) * step;
    const start = Math.max(Math.floor(first / step) * step, end - 539 * step);
    const n = (end - start) / step + 2;
    const xs = Array.from({ length: n }, (_, i) => start + i * step);
    const counts = [new Array<number>(n).fill(0), new Array<number>(n).fill(0)];
    for (const e of times) counts[e.k][Math.max(0, Math.floor((e.s - start) / step))]++;
    const cum = (c: number[]) => {
      let acc = 0;
      return c.map((v) => (acc += v));
    };
    return {
      x: xs,
      series: [
        { label: t('train.chartAssigned'), values: cum(counts[0]), color: '#98a2b3', stepped: true },
        { label: t('train.chartCompleted'), values: cum(counts[1]), color: '#067647', stepped: true },
      ],
    };
  }, [assignments, t]);
  if (x.length === 0) return <p className="muted">{t('train.chartEmpty')}</p>;
  const last = (s: TimeSeries) => s.values[s.values.length - 1] ?? 0;
  return (
    <>
      <TimeChart x={x} series={series} locale={locale} timeLabel={t('train.day')} height={200} label={t('train.chartDesc', { assigned: last(series[0]), completed: last(series[1]) })} />
      <p className="small muted">{t('train.chartHelp')}</p>
    </>
  );
}

function GroupBars({ progress }: { progress: TrainProgress }) {
  const { t, locale } = useI18n();
  return (
    <section className="panel" aria-labelledby="groups-title">
      <h2 id="groups-title" className="panel-title">
        {t('train.byGroup')}
      </h2>
      {progress.groups.length === 0 ? (
        <p className="muted">{t('train.none')}</p>
      ) : (
        <ul className="sev-bars group-bars">
          {progress.groups.map((g) => {
            const rate = g.completionRate === null ? null : Math.round(g.completionRate * 1000) / 10;
            return (
              <li key={g.department} className="sev-bar-row group-bar-row">
                <span className="sev-bar-label">{g.department === NO_DEPARTMENT ? t('train.noGroup') : g.department}</span>
                <ProgressBar value={g.completed} total={g.completed + g.assigned} label={t('train.groupProgress', { g: g.department })} />
                <span className="small muted nowrap">
                  {rate === null ? '—' : pct(rate, locale)}
                  {g.overdue > 0 && <span className="late"> · {t('train.lateN', { n: g.overdue })}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Catalogue({ lessons, assignments, lang }: { lessons: Lesson[]; assignments: TrainAssignment[]; lang: 'fr' | 'en' }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const byLesson = useMemo(() => {
    const m = new Map<string, { total: number; done: number }>();
    for (const a of assignments) {
      const e = m.get(a.lessonId) ?? { total: 0, done: 0 };
      e.total++;
      if (a.status === 'completed') e.done++;
      m.set(a.lessonId, e);
    }
    return m;
  }, [assignments]);
  const setLang = (l: 'fr' | 'en') => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    navigate(`/train?${q.toString()}`, { replace: true });
  };
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  return (
    <section className="panel" aria-labelledby="lessons-title">
      <div className="panel-head">
        <h2 id="lessons-title" className="panel-title">
          {t('train.lessons')} <span className="count muted">{lessons.length}</span>
        </h2>
        <div className="seg" role="group" aria-label={t('drill.tplLang')}>
          {(['fr', 'en'] as const).map((l) => (
            <label key={l} className={`seg-item${lang === l ? ' on' : ''}`}>
              <input type="radio" name="lesson-lang" checked={lang === l} onChange={() => setLang(l)} />
              {l === 'fr' ? 'Français' : 'English'}
            </label>
          ))}
        </div>
      </div>
      {sorted.length === 0 ? (
        <EmptyState icon="book">{t('train.noLessons')}</EmptyState>
      ) : (
        <ul className="lesson-grid">
          {sorted.map((l) => {
            const p = byLesson.get(l.id);
            return (
              <li key={l.id} className="lesson-card" data-testid={`lesson-${l.id}`}>
                <div className="lesson-meta">
                  <span className="pill pill-quiet">{t('train.minutes', { n: l.minutes })}</span>
                  {l.topics.slice(0, 3).map((x) => (
                    <span key={x} className="small muted">
                      #{x}
                    </span>
                  ))}
                </div>
                <h3>{l.title}</h3>
                <p className="small">{l.summary}</p>
                <div className="lesson-foot">
                  {p ? <ProgressBar value={p.done} total={p.total} label={t('train.lessonProgress', { title: l.title })} /> : <span className="small muted">{t('train.notAssigned')}</span>}
                  <a className="link-arrow nowrap" href={`${PUBLIC_LESSON_BASE[lang]}/${encodeURIComponent(l.id)}`} target="_blank" rel="noopener">
                    {t('train.publicPage')} ↗
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p className="small muted top-gap">{t('train.publicHelp', { fr: PUBLIC_LESSON_BASE.fr, en: PUBLIC_LESSON_BASE.en })}</p>
    </section>
  );
}

function People({ progress, names }: { progress: TrainProgress; names: Map<string, string> }) {
  const { t, relative, locale } = useI18n();
  const [all, setAll] = useState(false);
  const people = [...progress.people].sort((a, b) => b.overdue - a.overdue || a.completed / Math.max(1, a.completed + a.assigned) - b.completed / Math.max(1, b.completed + b.assigned));
  const rows = all ? people : people.slice(0, 15);
  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title" className="panel-title">
        {t('train.people')} <span className="count muted">{people.length}</span>
      </h2>
      {people.length === 0 ? (
        <p className="muted">{t('train.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('drill.col.person')}</th>
                <th scope="col" className="hide-sm">
                  {t('drill.col.group')}
                </th>
                <th scope="col">{t('train.col.progress')}</th>
                <th scope="col" className="num hide-sm">
                  {t('train.col.score')}
                </th>
                <th scope="col" className="hide-sm">
                  {t('train.col.last')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.staffEmail}>
                  <td>
                    {names.get(p.staffEmail) ?? p.staffEmail}
                    {p.overdue > 0 && <div className="small late">{t('train.lateN', { n: p.overdue })}</div>}
                  </td>
                  <td className="hide-sm">{p.department ?? '—'}</td>
                  <td className="progress-cell">
                    <ProgressBar value={p.completed} total={p.completed + p.assigned} label={t('train.personProgress', { who: names.get(p.staffEmail) ?? p.staffEmail })} />
                  </td>
                  <td className="num hide-sm">{p.answered ? pct(Math.round((p.correct / p.answered) * 1000) / 10, locale) : '—'}</td>
                  <td className="hide-sm nowrap">{p.lastActivityAt ? relative(p.lastActivityAt) : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people.length > rows.length && (
        <p className="more">
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            {t('drill.showAll', { n: people.length })}
          </button>
        </p>
      )}
    </section>
  );
}

function Overdue({ assignments, lessons, names }: { assignments: TrainAssignment[]; lessons: Lesson[]; names: Map<string, string> }) {
  const { t, date } = useI18n();
  const late = assignments.filter((a) => a.overdue).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const title = (id: string) => lessons.find((l) => l.id === id)?.title ?? id;
  return (
    <section className="panel" aria-labelledby="overdue-title">
      <h2 id="overdue-title" className="panel-title">
        {t('train.overdueTitle')} <span className="count muted">{late.length}</span>
      </h2>
      <p className="small muted">{t('train.overdueExplain')}</p>
      {late.length === 0 ? (
        <p className="muted">{t('train.noOverdue')}</p>
      ) : (
        <ul className="overdue-list">
          {late.slice(0, 20).map((a) => (
            <li key={a.id}>
              <span>
                <strong>{names.get(a.staffEmail) ?? a.staffEmail}</strong>
                <span className="small muted block">{title(a.lessonId)}</span>
              </span>
              <span className="small nowrap right">
                <span className="late">{t('train.dueOn', { date: date(a.dueAt) })}</span>
                <span className="muted block">{a.remindersSent ? t('train.reminders', { n: a.remindersSent }) : a.notifiedAt ? t('train.notifiedOnly') : t('train.notNotified')}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where each assignment stands: assigned, lesson read, exercises done. */
function Assignments({ assignments, lessons, names }: { assignments: TrainAssignment[]; lessons: Lesson[]; names: Map<string, string> }) {
  const { t, tk, date } = useI18n();
  const [all, setAll] = useState(false);
  const rows = all ? assignments : assignments.slice(0, 12);
  const title = (id: string) => lessons.find((l) => l.id === id)?.title ?? id;
  if (assignments.length === 0)
    return (
      <section className="panel">
        <EmptyState icon="book" title={t('train.emptyTitle')}>
          <p>{t('train.emptyBody')}</p>
        </EmptyState>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="assign-title">
      <h2 id="assign-title" className="panel-title">
        {t('train.assignments')} <span className="count muted">{assignments.length}</span>
      </h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('drill.col.person')}</th>
              <th scope="col">{t('train.col.lesson')}</th>
              <th scope="col" className="hide-sm">
                {t('train.col.reason')}
              </th>
              <th scope="col">{t('train.col.steps')}</th>
              <th scope="col" className="hide-sm">
                {t('train.col.due')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const step = a.status === 'completed' ? 3 : a.lessonReadAt ? 2 : 1;
              return (
                <tr key={a.id}>
                  <td>{names.get(a.staffEmail) ?? a.staffEmail}</td>
                  <td>{title(a.lessonId)}</td>
                  <td className="hide-sm">{tk(`train.reason.${a.reason}`, a.reason)}</td>
                  <td className="progress-cell">
                    <span className="steps" aria-label={t(`train.step.${step}` as MsgKey)}>
                      {[1, 2, 3].map((i) => (
                        <span key={i} className={`step${i <= step ? ' on' : ''}${step === 3 ? ' done' : ''}`} />
                      ))}
                      <span className="small muted">{t(`train.step.${step}` as MsgKey)}</span>
                    </span>
                  </td>
                  <td className={`hide-sm nowrap${a.overdue ? ' late' : ''}`}>{a.status === 'completed' ? <span className="muted">{date(a.completedAt)}</span> : date(a.dueAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {assignments.length > rows.length && (
        <p className="more">
          <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
            {t('drill.showAll', { n: assignments.length })}
          </button>
        </p>
      )}
    </section>
  );
}
