import type { ComponentType } from 'react';
import type { Role } from '../api.ts';
import type { IconName } from '../components/icons.tsx';
import type { MsgKey } from '../i18n.ts';
import { AlertsPage } from './Alerts.tsx';
import { AuditPage } from './Audit.tsx';
import { BlurPage } from './Blur.tsx';
import { DomainsPage } from './Domains.tsx';
import { DrillPage } from './Drill.tsx';
import { HomePage } from './Home.tsx';
import { IntelPage } from './Intel.tsx';
import { LeaksPage } from './Leaks.tsx';
import { MailPage } from './Mail.tsx';
import { OrganisationPage } from './Organisation.tsx';
import { SensorsPage } from './Sensors.tsx';
import { SettingsPage } from './Settings.tsx';
import { TrainPage } from './Train.tsx';
import { UsersPage } from './Users.tsx';
import { WatchPage } from './WatchLazy.tsx';

export type NavGroup = 'watch' | 'defend' | 'prepare' | 'understand' | 'admin';

/** One dashboard page. A capability adds its page with a file in this folder and a line below. */
export interface PageDef {
  /** Exact pathname. */
  path: string;
  /** Label in the navigation and the document title (a key of the i18n catalogue). */
  navKey: MsgKey;
  component: ComponentType;
  /** Least role that sees the page; the API enforces the same rule. */
  minRole: Role;
  group: NavGroup;
  icon: IconName;
  /** Reached from elsewhere (the user menu), not listed in the sidebar. */
  hidden?: boolean;
}

export const pages: PageDef[] = [
  { path: '/', navKey: 'nav.home', component: HomePage, minRole: 'viewer', group: 'watch', icon: 'home' },
  { path: '/alerts', navKey: 'nav.alerts', component: AlertsPage, minRole: 'viewer', group: 'watch', icon: 'bell' },
  { path: '/mail', navKey: 'nav.mail', component: MailPage, minRole: 'viewer', group: 'defend', icon: 'mail' },
  { path: '/domains', navKey: 'nav.domains', component: DomainsPage, minRole: 'viewer', group: 'defend', icon: 'globe' },
  { path: '/blur', navKey: 'nav.blur', component: BlurPage, minRole: 'viewer', group: 'defend', icon: 'decoy' },
  { path: '/sensors', navKey: 'nav.sensors', component: SensorsPage, minRole: 'viewer', group: 'defend', icon: 'sensor' },
  { path: '/leaks', navKey: 'nav.leaks', component: LeaksPage, minRole: 'viewer', group: 'defend', icon: 'leak' },
  { path: '/drill', navKey: 'nav.drill', component: DrillPage, minRole: 'viewer', group: 'prepare', icon: 'target' },
  { path: '/train', navKey: 'nav.train', component: TrainPage, minRole: 'viewer', group: 'prepare', icon: 'book' },
  { path: '/watch', navKey: 'nav.watch', component: WatchPage, minRole: 'viewer', group: 'understand', icon: 'eye' },
  { path: '/intel', navKey: 'nav.intel', component: IntelPage, minRole: 'viewer', group: 'understand', icon: 'search' },
  // The overview tile links here; the same page opens on its actors tab.
  { path: '/intel/actors', navKey: 'nav.intel', component: IntelPage, minRole: 'viewer', group: 'understand', icon: 'search', hidden: true },
  { path: '/organisation', navKey: 'nav.organisation', component: OrganisationPage, minRole: 'viewer', group: 'admin', icon: 'building' },
  { path: '/audit', navKey: 'nav.audit', component: AuditPage, minRole: 'analyst', group: 'admin', icon: 'list' },
  { path: '/users', navKey: 'nav.users', component: UsersPage, minRole: 'admin', group: 'admin', icon: 'users' },
  { path: '/settings', navKey: 'nav.settings', component: SettingsPage, minRole: 'viewer', group: 'admin', icon: 'key', hidden: true },
];

export const navGroups: NavGroup[] = ['watch', 'defend', 'prepare', 'understand', 'admin'];

/** The page for a pathname (trailing slash tolerated). */
export function findPage(path: string): PageDef | undefined {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return pages.find((x) => x.path === p);
}
