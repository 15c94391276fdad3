import { useState } from 'preact/hooks';
import type { Space } from '../../api/types';
import { t } from '../../i18n';
import { StatusNotice, TextArea } from '../../ui/components';
import { JoinControl } from '../spaceBits';

/** Asking to join a space: an optional message to its coordinators, then the request. */
export function JoinPanel(props: {
  space: Space;
  onSpace: (space: Space) => void;
  reload: () => void;
  /** Why the person is asked to join here (the discussions say theirs). */
  intro?: string;
}) {
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const { space } = props;
  return (
    <section class="panel" aria-labelledby="join-title">
      <h2 id="join-title">{t('space.askToJoin')}</h2>
      <p>{props.intro ?? t('space.notMember')}</p>
      {sent && <StatusNotice>{t('space.joinSent')}</StatusNotice>}
      {space.state === 'active' && space.joinRequest !== 'pending' && (
        <TextArea
          label={t('space.joinMessage')}
          name="join-message"
          rows={2}
          maxLength={1000}
          value={message}
          onValue={setMessage}
        />
      )}
      <JoinControl
        space={space}
        message={message}
        onRequested={() => {
          setSent(true);
          props.onSpace({ ...space, joinRequest: 'pending' });
        }}
        onStale={props.reload}
      />
    </section>
  );
}
