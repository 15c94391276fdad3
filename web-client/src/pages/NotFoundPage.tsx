import { t } from '../i18n';
import { Page } from '../ui/components';

export function NotFoundPage() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <a class="button" href="/spaces">
          {t('notFound.back')}
        </a>
      </p>
    </Page>
  );
}
