import type { Space } from '../../../api/types';
import type { MessageKey } from '../../../i18n';
import { awaitingStart } from '../../../lifecycle/model';

/**
 * What the Discussions section shows for a space and a person (pure): the chat, with a reason
 * when it is read-only; an invitation to ask to join; or a notice saying why there is nothing
 * to read. Each state has its own words: a proposed group is not "dormant", and someone outside
 * a space gets a way in rather than "no access" and a useless "retry".
 */
export type ChatAccess =
  | { view: 'chat'; readOnly: MessageKey | null }
  | { view: 'join' }
  | { view: 'closed'; reason: MessageKey };

export function chatAccess(
  space: Pick<Space, 'state' | 'membership' | 'approval'>,
  admin: boolean,
  channelArchived = false,
): ChatAccess {
  const inside = space.membership != null || admin;
  if (!inside) {
    // A group approved before its start date takes join requests already.
    if (space.state === 'active' || awaitingStart(space)) return { view: 'join' };
    return {
      view: 'closed',
      reason:
        space.state === 'dormant'
          ? 'chat.closed.dormant'
          : space.state === 'proposed'
            ? 'chat.closed.proposed'
            : 'chat.closed.declined',
    };
  }
  if (space.state === 'declined') return { view: 'closed', reason: 'chat.closed.declined' };
  return { view: 'chat', readOnly: readOnlyReason(space, channelArchived) };
}

/** Why someone who reads a channel may not write in it, or null when they may. */
export function readOnlyReason(
  space: Pick<Space, 'state' | 'membership'>,
  channelArchived = false,
): MessageKey | null {
  if (space.state === 'dormant') return 'chat.readOnly.dormant';
  if (space.membership === 'observer') return 'chat.readOnly.observer';
  if (space.membership == null) return 'chat.readOnly.notMember';
  return channelArchived ? 'chat.readOnly.archived' : null;
}
