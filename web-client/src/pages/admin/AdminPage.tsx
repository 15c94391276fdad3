import { t, type MessageKey } from '../../i18n';
import { ADMIN_SECTIONS, hrefFor, type AdminSection } from '../../router';
import { isAdmin } from '../../state/session';
import { Page } from '../../ui/components';
import { TabBar } from '../../ui/Tabs';
import { AccountsSection } from './AccountsSection';
import { RestoreSection } from '../../lifecycle/RestoreSection';
import { OrganisationsSection } from './OrganisationsSection';
import { ProposalsSection } from './ProposalsSection';
import { SpacesSection } from './SpacesSection';
import { ThemesSection } from './ThemesSection';

const LABELS: Record<AdminSection, MessageKey> = {
  proposals: 'admin.proposals',
  spaces: 'admin.spaces',
  themes: 'admin.themes',
  organisations: 'admin.organisations',
  accounts: 'admin.accounts',
  restore: 'admin.restore',
};

export function AdminPage(props: { section: AdminSection }) {
  if (!isAdmin.value) {
    return (
      <Page title={t('admin.title')}>
        <p class="notice notice-warning">{t('admin.forbidden')}</p>
      </Page>
    );
  }
  return (
    <Page title={`${t('admin.title')} — ${t(LABELS[props.section])}`}>
      <TabBar
        label={t('admin.sections')}
        current={props.section}
        tabs={ADMIN_SECTIONS.map((section) => ({
          id: section,
          label: t(LABELS[section]),
          href: hrefFor({ name: 'admin', section }),
        }))}
      />
      {props.section === 'proposals' && <ProposalsSection />}
      {props.section === 'spaces' && <SpacesSection />}
      {props.section === 'themes' && <ThemesSection />}
      {props.section === 'organisations' && <OrganisationsSection />}
      {props.section === 'accounts' && <AccountsSection />}
      {props.section === 'restore' && <RestoreSection />}
    </Page>
  );
}
