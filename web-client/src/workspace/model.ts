import type { Space } from '../api/types';
import type { ChannelView } from '../chat/types';
import { countArrival, moveMarker, totals, type ReadState } from '../chat/unread';

/**
 * The sidebar's state, as pure values: the spaces the person belongs to, each with its channels
 * and their read state. Events and frames of any of those spaces are folded in by the functions
 * below (unit-tested without a DOM); `WorkspaceStore` only wires them to REST and the socket.
 */
export interface SpaceEntry {
  space: Space;
  /** Null until `GET …/channels` answered. */
  channels: ChannelView[] | null;
  /** The last `GET …/channels` failed: the sidebar offers to try again instead of "loading" forever. */
  failed?: boolean;
}

export interface Totals {
  unread: number;
  mentions: number;
}

/** The id every space's first channel has (PROTOCOL.md); shown « général » in French. */
export const GENERAL = 'general';

/** Spaces the person is in, in the order the sidebar shows them (by name, accents ignored). */
export function mySpaces(directory: readonly Space[], locale: string): Space[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return directory
    .filter((s) => s.membership != null)
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function entryTotals(entry: SpaceEntry): Totals {
  return entry.channels ? totals(entry.channels) : { unread: 0, mentions: 0 };
}

export function grandTotals(entries: Iterable<SpaceEntry>): Totals {
  let unread = 0;
  let mentions = 0;
  for (const e of entries) {
    const t = entryTotals(e);
    unread += t.unread;
    mentions += t.mentions;
  }
  return { unread, mentions };
}

function patchChannel(
  entry: SpaceEntry,
  id: string,
  patch: (c: ChannelView) => ChannelView,
): SpaceEntry {
  if (!entry.channels) return entry;
  let changed = false;
  const channels = entry.channels.map((c) => {
    if (c.id !== id) return c;
    const next = patch(c);
    if (next !== c) changed = true;
    return next;
  });
  return changed ? { ...entry, channels } : entry;
}

function asReadState(c: ChannelView, s: ReadState): ChannelView {
  return s === c ? c : { ...c, lastRead: s.lastRead, unread: s.unread, mentions: s.mentions };
}

interface EventLike {
  seq: number;
  kind: string;
  data: Record<string, unknown>;
}

/**
 * Folds one durable event of the space into its entry: new messages by others count (mentions
 * too), channels appear, are renamed or archived. (A deletion's event does not say who wrote the
 * message: the store reloads the space's counts then.)
 */
export function applyEvent(entry: SpaceEntry, e: EventLike, me: string): SpaceEntry {
  const d = e.data;
  if (e.kind === 'message.created' && typeof d.channel === 'string') {
    if (typeof d.author !== 'string') return entry;
    const message = {
      seq: e.seq,
      author: d.author,
      mentions: Array.isArray(d.mentions) ? (d.mentions as string[]) : [],
    };
    return patchChannel(entry, d.channel, (c) => asReadState(c, countArrival(c, message, me)));
  }
  if (e.kind === 'channel.created' || e.kind === 'channel.updated') {
    const c = d.channel as Partial<ChannelView> | undefined;
    if (!c || typeof c.id !== 'string' || !entry.channels) return entry;
    const id = c.id;
    if (entry.channels.some((x) => x.id === id)) {
      return patchChannel(entry, id, (old) => ({ ...old, ...c, id }));
    }
    const added: ChannelView = {
      id,
      name: typeof c.name === 'string' ? c.name : id,
      archived: c.archived === true,
      createdAt: typeof c.createdAt === 'string' ? c.createdAt : '',
      lastRead: 0,
      unread: 0,
      mentions: 0,
    };
    return { ...entry, channels: [...entry.channels, added] };
  }
  return entry;
}

/** The person's read marker moved (`read.changed`, from any of their devices). */
export function applyRead(entry: SpaceEntry, channel: string, read: ReadState): SpaceEntry {
  return patchChannel(entry, channel, (c) => asReadState(c, moveMarker(c, read)));
}

/** The tab title: "(3) Atelier" when something is unread, the plain title otherwise. */
export function titleWithUnread(title: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${title}` : title;
}

/** Channels in the order the sidebar lists them: `general` first, then by name; archived apart. */
export function sortedChannels(
  channels: readonly ChannelView[],
  locale: string,
): { open: ChannelView[]; archived: ChannelView[] } {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const sorted = [...channels].sort((a, b) =>
    a.id === GENERAL ? -1 : b.id === GENERAL ? 1 : collator.compare(a.name, b.name),
  );
  return { open: sorted.filter((c) => !c.archived), archived: sorted.filter((c) => c.archived) };
}

/**
 * How a channel's name is shown: the default channel is « général » in French, "general" in
 * English, unless someone renamed it.
 */
export function channelLabel(c: Pick<ChannelView, 'id' | 'name'>, locale: string): string {
  if (c.id === GENERAL && c.name === GENERAL) return locale === 'fr' ? 'général' : 'general';
  return c.name;
}

/** Folds text for matching: case and accents ignored ("Énergie" matches "energie"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export interface SwitchTarget {
  kind: 'space' | 'channel';
  space: string;
  channel?: string;
  label: string;
  /** The space's name, for a channel. */
  context?: string;
  unread: number;
  mentions: number;
}

/** Everything the quick switcher can go to. */
export function switchTargets(entries: readonly SpaceEntry[], locale: string): SwitchTarget[] {
  const out: SwitchTarget[] = [];
  for (const e of entries) {
    const t = entryTotals(e);
    out.push({ kind: 'space', space: e.space.id, label: e.space.name, ...t });
    for (const c of e.channels ? sortedChannels(e.channels, locale).open : []) {
      out.push({
        kind: 'channel',
        space: e.space.id,
        channel: c.id,
        label: channelLabel(c, locale),
        context: e.space.name,
        unread: c.unread,
        mentions: c.mentions,
      });
    }
  }
  return out;
}

/**
 * The quick switcher's matches for a query: every word of the query must start a word of the
 * target (its name, or its space's name); names that start with the query come first, then
 * those with mentions, then unread ones. An empty query lists what is unread first.
 */
export function matchTargets(
  targets: readonly SwitchTarget[],
  query: string,
  limit = 20,
): SwitchTarget[] {
  const words = fold(query)
    .split(/[\s#]+/)
    .filter(Boolean);
  const scored: { t: SwitchTarget; score: number; i: number }[] = [];
  targets.forEach((t, i) => {
    const label = fold(t.label);
    const hay = fold(`${t.label} ${t.context ?? ''}`)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (!words.every((w) => hay.some((h) => h.startsWith(w)) || label.includes(w))) return;
    let score = 0;
    if (words.length > 0 && label.startsWith(words.join(' '))) score += 100;
    if (t.mentions > 0) score += 20;
    if (t.unread > 0) score += 10;
    scored.push({ t, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.t);
}
