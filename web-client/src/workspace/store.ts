import { computed, signal } from '@preact/signals';
import type { ApiClient } from '../api/http';
import type { RealtimeConnection } from '../api/realtime';
import type { Space } from '../api/types';
import type { ChannelView } from '../chat/types';
import {
  applyEvent,
  applyRead,
  entryTotals,
  grandTotals,
  mySpaces,
  type SpaceEntry,
  type Totals,
} from './model';

/** New memberships (accepted requests, being added) are picked up this often, and on focus. */
const REFRESH_MS = 60_000;

/**
 * The spaces of the signed-in person with their channels and read state, kept live: it
 * subscribes to every one of them on the app's socket, so unread and mention counts move for
 * spaces the person is not looking at. Spaces looked at without being a member (administrators)
 * are tracked while open (`watch`). The sidebar, the tab title and the quick switcher read it.
 */
export class WorkspaceStore {
  /** Null until the first load answered. */
  readonly spaces = signal<SpaceEntry[] | null>(null);
  /** Spaces tracked because a page shows them, not because the person is in them. */
  private readonly watched = signal<Record<string, SpaceEntry>>({});
  readonly totals = computed<Totals>(() => grandTotals(this.spaces.value ?? []));

  private readonly subscriptions = new Map<string, () => void>();
  private readonly watchers = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private cleanups: (() => void)[] = [];
  private generation = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly realtime: RealtimeConnection,
    private readonly me: () => string | null,
    private readonly locale: () => string,
  ) {}

  start(): void {
    this.stop();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    if (typeof window !== 'undefined') {
      const onFocus = () => void this.refresh();
      window.addEventListener('focus', onFocus);
      this.cleanups.push(() => window.removeEventListener('focus', onFocus));
    }
  }

  stop(): void {
    this.generation++;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const c of this.cleanups.splice(0)) c();
    for (const off of this.subscriptions.values()) off();
    this.subscriptions.clear();
    this.spaces.value = null;
    this.watched.value = {};
  }

  /** The unread and mention totals of one space (member or watched), if tracked. */
  totalsOf(spaceId: string): Totals | null {
    const entry = this.entry(spaceId);
    return entry?.channels ? entryTotals(entry) : null;
  }

  entry(spaceId: string): SpaceEntry | undefined {
    return this.spaces.value?.find((e) => e.space.id === spaceId) ?? this.watched.value[spaceId];
  }

  /** Reloads the list of the person's spaces; subscribes to new ones, drops the ones left. */
  async refresh(): Promise<void> {
    const generation = this.generation;
    let directory: Space[];
    try {
      directory = await this.client.spaces();
    } catch {
      return; // kept as it was; the next round tries again
    }
    if (generation !== this.generation) return;
    const mine = mySpaces(directory, this.locale());
    const old = new Map((this.spaces.value ?? []).map((e) => [e.space.id, e]));
    this.spaces.value = mine.map((space) => ({
      space,
      channels: old.get(space.id)?.channels ?? null,
    }));
    const ids = new Set(mine.map((s) => s.id));
    for (const [id, off] of this.subscriptions) {
      if (!ids.has(id) && !this.watchers.has(id)) {
        off();
        this.subscriptions.delete(id);
      }
    }
    for (const space of mine) {
      if (!old.has(space.id) || old.get(space.id)?.channels == null)
        void this.loadChannels(space.id);
      this.subscribe(space.id);
    }
  }

  /** Tracks a space while a page shows it (administrators reading a space they are not in). */
  watch(space: Space): () => void {
    this.watchers.set(space.id, (this.watchers.get(space.id) ?? 0) + 1);
    if (!this.spaces.value?.some((e) => e.space.id === space.id) && !this.watched.value[space.id]) {
      this.watched.value = { ...this.watched.value, [space.id]: { space, channels: null } };
      void this.loadChannels(space.id);
    }
    this.subscribe(space.id);
    return () => {
      const n = (this.watchers.get(space.id) ?? 1) - 1;
      if (n > 0) {
        this.watchers.set(space.id, n);
        return;
      }
      this.watchers.delete(space.id);
      if (this.watched.value[space.id]) {
        const { [space.id]: _gone, ...rest } = this.watched.value;
        this.watched.value = rest;
        if (!this.spaces.value?.some((e) => e.space.id === space.id)) {
          this.subscriptions.get(space.id)?.();
          this.subscriptions.delete(space.id);
        }
      }
    };
  }

  /** A space page learnt something newer about the space (renamed, state changed). */
  updateSpace(space: Space): void {
    this.update(space.id, (e) => ({ ...e, space: { ...e.space, ...space } }));
    if (space.membership == null && this.spaces.value?.some((e) => e.space.id === space.id)) {
      void this.refresh();
    } else if (
      space.membership != null &&
      !this.spaces.value?.some((e) => e.space.id === space.id)
    ) {
      void this.refresh();
    }
  }

  private update(spaceId: string, change: (e: SpaceEntry) => SpaceEntry): void {
    const list = this.spaces.value;
    if (list?.some((e) => e.space.id === spaceId)) {
      this.spaces.value = list.map((e) => (e.space.id === spaceId ? change(e) : e));
      return;
    }
    const w = this.watched.value[spaceId];
    if (w) this.watched.value = { ...this.watched.value, [spaceId]: change(w) };
  }

  private async loadChannels(spaceId: string): Promise<void> {
    const generation = this.generation;
    try {
      const { channels } = await this.client.request<{ channels: ChannelView[] }>(
        'GET',
        `/api/spaces/${encodeURIComponent(spaceId)}/channels`,
      );
      if (generation !== this.generation) return;
      this.update(spaceId, (e) => ({ ...e, channels, failed: false }));
    } catch {
      // The sidebar says so and offers to try again; the next refresh tries again too.
      if (generation !== this.generation) return;
      this.update(spaceId, (e) => ({ ...e, failed: true }));
    }
  }

  /** Asks for a space's channels again (after a failed load). */
  retryChannels(spaceId: string): void {
    this.update(spaceId, (e) => ({ ...e, failed: false }));
    void this.loadChannels(spaceId);
  }

  private subscribe(spaceId: string): void {
    if (this.subscriptions.has(spaceId)) return;
    const off = this.realtime.subscribe(spaceId, {
      onEvent: (e) => {
        const me = this.me();
        if (!me) return;
        if (e.kind === 'message.deleted') void this.loadChannels(spaceId);
        else if (e.kind.startsWith('space.')) void this.refresh();
        else if (e.kind === 'member.left' && e.data.user === me) void this.refresh();
        else this.update(spaceId, (entry) => applyEvent(entry, e, me));
      },
      onRead: (f) => this.update(spaceId, (entry) => applyRead(entry, f.channel, f)),
      onReset: () => void this.loadChannels(spaceId),
      onRemoved: () => void this.refresh(),
    });
    this.subscriptions.set(spaceId, off);
  }
}
