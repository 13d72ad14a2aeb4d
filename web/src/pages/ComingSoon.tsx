import type { ComponentType } from 'react';
import { Icon, type IconName } from '../components/icons.tsx';
import { EmptyState, PageHeader } from '../components/ui.tsx';
import { useI18n, type MsgKey } from '../i18n.ts';

/** The page of a capability that is not in service yet: says what it will do, plainly. */
export function comingSoon(titleKey: MsgKey, bodyKey: MsgKey, icon: IconName): ComponentType {
  function ComingSoonPage() {
    const { t } = useI18n();
    return (
      <>
        <PageHeader title={t(titleKey)} />
        <section className="panel soon">
          <div className="soon-head">
            <Icon name={icon} size={22} />
            <span className="pill">{t('soon.badge')}</span>
          </div>
          <p className="soon-body">{t(bodyKey)}</p>
        </section>
        <EmptyState icon={icon}>{t('soon.empty')}</EmptyState>
      </>
    );
  }
  ComingSoonPage.displayName = `ComingSoon(${titleKey})`;
  return ComingSoonPage;
}
