import { EmptyState, PageHeader } from '../components/ui.tsx';
import { useI18n } from '../i18n.ts';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState icon="search">
        <p>{t('notFound.body')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </EmptyState>
    </>
  );
}
