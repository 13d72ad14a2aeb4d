import { roleAllows } from '../api.ts';
import { PageHeader } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.ts';
import { ActorsSection } from './intel/Actors.tsx';
import { AttributionSection } from './intel/Attribution.tsx';
import { IndicatorsSection } from './intel/Indicators.tsx';
import './intel/intel.css';

const TABS = ['indicators', 'attribution', 'actors'] as const;
type Tab = (typeof TABS)[number];

/** Builds an /intel address; every view (tab, filters, open actor) lives in the address so it can be shared. */
export function intelHref(patch: Record<string, string | null>, from?: URLSearchParams): string {
  const q = new URLSearchParams(from);
  for (const [k, v] of Object.entries(patch)) if (v) q.set(k, v);
  else q.delete(k);
  const s = q.toString();
  return `/intel${s ? `?${s}` : ''}`;
}

/** Threat intelligence: indicators, attribution of what we observed, and the attacker groups' profiles. */
export function IntelPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { path, query } = useLocation();
  const actor = query.get('actor');
  const asked = query.get('tab') as Tab | null;
  const tab: Tab = actor ? 'actors' : asked && TABS.includes(asked) ? asked : path.startsWith('/intel/actors') ? 'actors' : 'indicators';
  const canEdit = roleAllows(user.role, 'analyst');

  const setParam = (patch: Record<string, string | null>) => navigate(intelHref(patch, query), { replace: true });

  return (
    <>
      <PageHeader
        title={t('intel.title')}
        intro={t('intel.intro')}
        actions={
          canEdit ? (
            <div className="export-links" role="group" aria-label={t('intel.export')}>
              <span className="muted small">{t('intel.export')}</span>
              <a className="btn btn-small" href="/api/v1/intel/export/stix" download="rempart-stix.json">
                STIX 2.1
              </a>
              <a className="btn btn-small" href="/api/v1/intel/export/misp" download="rempart-misp.json">
                MISP
              </a>
            </div>
          ) : undefined
        }
      />
      <nav className="intel-tabs" aria-label={t('intel.tabs')}>
        {TABS.map((k) => (
          <Link key={k} to={intelHref({ tab: k === 'indicators' ? null : k })} className={`intel-tab${tab === k ? ' on' : ''}`} aria-current={tab === k ? 'page' : undefined}>
            {t(`intel.tab.${k}` as MsgKey)}
          </Link>
        ))}
      </nav>
      {tab === 'indicators' && <IndicatorsSection canEdit={canEdit} query={query} setParam={setParam} />}
      {tab === 'attribution' && <AttributionSection />}
      {tab === 'actors' && <ActorsSection actorId={actor} query={query} setParam={setParam} />}
    </>
  );
}
