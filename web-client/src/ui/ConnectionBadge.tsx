import type { ReadonlySignal } from '@preact/signals';
import type { ConnectionState } from '../api/realtime';
import { t } from '../i18n';

const LABEL = {
  connecting: 'conn.connecting',
  online: 'conn.online',
  reconnecting: 'conn.reconnecting',
  offline: 'conn.offline',
} as const;

/** The real-time link's state in words and colour (never colour alone). */
export function ConnectionBadge(props: { state: ReadonlySignal<ConnectionState> }) {
  const state = props.state.value;
  return (
    <span class={`conn conn-${state}`} role="status" title={t('conn.label')}>
      <span class="conn-dot" aria-hidden="true" />
      <span class="visually-hidden">{t('conn.label')} : </span>
      {t(LABEL[state])}
    </span>
  );
}
