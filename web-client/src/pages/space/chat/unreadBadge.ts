import { signal } from '@preact/signals';
import type { ChannelView } from '../../../chat/types';
import { countArrival, moveMarker, totals, type ReadState } from '../../../chat/unread';
import { api, currentUser, realtime } from '../../../state/session';

/** Unread and mention totals of each space the person has open, for the "Discussions" tab. */
export const spaceUnread = signal<Record<string, { unread: number; mentions: number }>>({});

/**
 * Keeps `spaceUnread[spaceId]` current while a space page is open, whatever its tab: channel
 * counts from `GET …/channels`, then `message.created` events (messages by others) and
 * `read.changed` frames (the person read somewhere, on any device). Answers a stop function.
 */
export function trackSpaceUnread(spaceId: string): () => void {
  let channels = new Map<string, ReadState & { archived: boolean }>();
  let stopped = false;
  const publish = () => {
    if (stopped) return;
    spaceUnread.value = { ...spaceUnread.value, [spaceId]: totals([...channels.values()]) };
  };
  const load = () =>
    api
      .request<{ channels: ChannelView[] }>(
        'GET',
        `/api/spaces/${encodeURIComponent(spaceId)}/channels`,
      )
      .then(({ channels: list }) => {
        channels = new Map(list.map((c) => [c.id, c]));
        publish();
      })
      .catch(() => undefined);
  void load();
  const off = realtime.subscribe(spaceId, {
    onEvent: (e) => {
      const d = e.data as { channel?: unknown; author?: unknown; mentions?: unknown };
      if (e.kind === 'message.created' && typeof d.channel === 'string') {
        const c = channels.get(d.channel);
        const me = currentUser.value?.id ?? '';
        if (!c || typeof d.author !== 'string') return;
        const mentions = Array.isArray(d.mentions) ? (d.mentions as string[]) : [];
        channels.set(d.channel, {
          ...c,
          ...countArrival(c, { seq: e.seq, author: d.author, mentions }, me),
        });
        publish();
      } else if (e.kind === 'channel.created' || e.kind === 'channel.updated') {
        void load();
      }
    },
    onRead: (f) => {
      const c = channels.get(f.channel);
      if (!c) return;
      channels.set(f.channel, { ...c, ...moveMarker(c, f) });
      publish();
    },
    onReset: () => void load(),
  });
  return () => {
    stopped = true;
    off();
    const { [spaceId]: _gone, ...rest } = spaceUnread.value;
    spaceUnread.value = rest;
  };
}
