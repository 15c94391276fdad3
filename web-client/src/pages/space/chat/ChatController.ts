import { batch, signal } from '@preact/signals';
import type { ApiClient } from '../../../api/http';
import type { RealtimeConnection } from '../../../api/realtime';
import type { EventFrame, Member } from '../../../api/types';
import { ChatLog } from '../../../chat/log';
import { plainText } from '../../../chat/markdown';
import { Outbox, type OutboxItem, type StorageLike } from '../../../chat/outbox';
import { clearTyping, noteTyping, TypingThrottle, type TypingMap } from '../../../chat/typing';
import type { ChannelView, ChatMessage } from '../../../chat/types';
import { countArrival, countRemoval, moveMarker } from '../../../chat/unread';
import { ChatApi } from './chatApi';

export type LoadState = 'loading' | 'ready' | 'error';

interface ChannelPage {
  state: LoadState;
  error?: unknown;
  hasOlder: boolean;
  loadingOlder: boolean;
}

const PAGE = 50;
/** Older pages fetched at most when opening a channel, to reach its first unread message. */
const UNREAD_PAGES = 4;
/** How far back a link to a message may reach by loading older pages (pages of {@link REVEAL_PAGE}). */
const REVEAL_PAGES = 50;
const REVEAL_PAGE = 200;
const RETRY_MS = 5_000;

function storage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The discussions of one space: channels with read state, the messages held (`ChatLog`), the
 * outboxes, presence and typing. Fed by REST (history, commands) and by the space's events from
 * the app's RealtimeConnection; views read its signals.
 */
export class ChatController {
  readonly channels = signal<ChannelView[] | null>(null);
  readonly channelsError = signal<unknown>(null);
  /** Bumped whenever the log changes. */
  readonly version = signal(0);
  readonly pages = signal<Record<string, ChannelPage>>({});
  readonly threads = signal<Record<string, LoadState>>({});
  readonly online = signal<string[]>([]);
  readonly typing = signal<TypingMap>(new Map());
  readonly outbox = signal<Record<string, readonly OutboxItem[]>>({});
  readonly members = signal<Member[]>([]);
  /** The last thing to announce in the live region (new messages in the open channel). */
  readonly announcement = signal('');

  readonly log = new ChatLog();
  private readonly api: ChatApi;
  private readonly outboxes = new Map<string, Outbox>();
  private readonly throttle = new TypingThrottle();
  private readonly cleanups: (() => void)[] = [];
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private readInFlight = new Set<string>();
  /** The channel on screen, and whether its newest message is visible. */
  private viewing: { channel: string; atBottom: boolean } | null = null;

  constructor(
    private readonly client: ApiClient,
    private readonly realtime: RealtimeConnection,
    readonly space: string,
    readonly me: string,
  ) {
    this.api = new ChatApi(client, space);
  }

  start(): () => void {
    this.cleanups.push(
      this.realtime.subscribe(this.space, {
        onEvent: (e) => this.onEvent(e),
        onReset: () => this.reload(),
        onPresence: (f) => (this.online.value = f.online),
        onTyping: (f) => {
          if (f.user !== this.me) {
            this.typing.value = noteTyping(this.typing.value, f.channel, f.user, Date.now());
          }
        },
        onRead: (f) => this.setRead(f.channel, f),
      }),
    );
    // Back online: send what waits. The connection's state signal says when.
    this.cleanups.push(
      this.realtime.state.subscribe((state) => {
        if (state === 'online') this.flushAll();
      }),
    );
    const onOnline = () => this.flushAll();
    window.addEventListener('online', onOnline);
    this.cleanups.push(() => window.removeEventListener('online', onOnline));
    this.retryTimer = setInterval(() => this.flushAll(), RETRY_MS);
    this.restoreOutboxes();
    void this.loadChannels();
    void this.loadMembers();
    return () => this.stop();
  }

  stop(): void {
    for (const c of this.cleanups.splice(0)) c();
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }

  private bump(): void {
    this.version.value++;
  }

  // --- channels ------------------------------------------------------------------------------

  async loadChannels(): Promise<void> {
    try {
      const list = await this.api.channels();
      batch(() => {
        this.channels.value = list;
        this.channelsError.value = null;
      });
    } catch (error) {
      this.channelsError.value = error;
    }
  }

  async loadMembers(): Promise<void> {
    try {
      this.members.value = await this.client.members(this.space);
    } catch {
      // names fall back to ids; the page shows its own errors
    }
  }

  channel(id: string): ChannelView | undefined {
    return this.channels.value?.find((c) => c.id === id);
  }

  private patchChannel(id: string, patch: (c: ChannelView) => ChannelView): void {
    const list = this.channels.value;
    if (!list) return;
    this.channels.value = list.map((c) => (c.id === id ? patch(c) : c));
  }

  private setRead(channel: string, read: { lastRead: number; unread: number; mentions: number }) {
    this.patchChannel(channel, (c) => {
      const next = moveMarker(c, read);
      return next === c ? c : { ...c, ...next };
    });
  }

  async createChannel(name: string): Promise<ChannelView> {
    const c = await this.api.createChannel(name);
    const view: ChannelView = { ...c, lastRead: 0, unread: 0, mentions: 0 };
    if (!this.channel(c.id)) this.channels.value = [...(this.channels.value ?? []), view];
    return view;
  }

  async updateChannel(id: string, patch: { name?: string; archived?: boolean }): Promise<void> {
    const c = await this.api.updateChannel(id, patch);
    this.patchChannel(id, (old) => ({ ...old, ...c }));
  }

  // --- messages ------------------------------------------------------------------------------

  page(channel: string): ChannelPage | undefined {
    return this.pages.value[channel];
  }

  /** The first page of each channel being loaded, so that concurrent callers wait for the same load. */
  private readonly opening = new Map<string, Promise<void>>();

  private setPage(channel: string, patch: Partial<ChannelPage>): void {
    const old = this.pages.value[channel] ?? {
      state: 'loading',
      hasOlder: false,
      loadingOlder: false,
    };
    this.pages.value = { ...this.pages.value, [channel]: { ...old, ...patch } };
  }

  /** Loads the newest page of a channel once (again after an error or a reset). */
  open(channel: string, force = false): Promise<void> {
    const current = this.pages.value[channel];
    // A second caller (a link revealing a message) waits for the load under way.
    if (current && !force && current.state !== 'error')
      return this.opening.get(channel) ?? Promise.resolve();
    const loading = this.load(channel).finally(() => this.opening.delete(channel));
    this.opening.set(channel, loading);
    return loading;
  }

  private async load(channel: string): Promise<void> {
    this.setPage(channel, { state: 'loading', error: undefined });
    try {
      let list = await this.api.history(channel, undefined, PAGE);
      this.log.upsert(list);
      let hasOlder = list.length >= PAGE;
      // Open at the first unread message: fetch older pages until it is held (up to a few).
      const lastRead = this.channel(channel)?.lastRead ?? 0;
      for (let round = 0; hasOlder && round < UNREAD_PAGES; round++) {
        const oldest = list.reduce<ChatMessage | undefined>(
          (min, m) => (!min || m.seq < min.seq ? m : min),
          undefined,
        );
        const unread = this.channel(channel)?.unread ?? 0;
        if (!oldest || unread === 0 || oldest.seq <= lastRead) break;
        list = await this.api.history(channel, oldest.seq, PAGE);
        this.log.upsert(list);
        hasOlder = list.length >= PAGE;
      }
      this.setPage(channel, { state: 'ready', hasOlder });
      this.bump();
    } catch (error) {
      this.setPage(channel, { state: 'error', error });
    }
  }

  /**
   * Brings a message a link points at (`?message=`) into the loaded history: older pages are loaded
   * until its place is reached (up to {@link REVEAL_PAGES} pages), so the history above it stays
   * continuous and scrolling still works. A reply is reached through its thread's first message.
   * Answers whether the message (or its thread's root) is now held.
   */
  async reveal(channel: string, id: string): Promise<boolean> {
    let target: ChatMessage;
    try {
      target =
        this.log.get(id) ??
        (await this.client.request<ChatMessage>(
          'GET',
          `/api/spaces/${encodeURIComponent(this.space)}/messages/${encodeURIComponent(id)}`,
        ));
    } catch {
      return false; // gone, or not readable: the channel simply opens
    }
    if (target.channel !== channel) return false;
    const anchor = target.thread ?? target.id;
    await this.open(channel);
    for (let round = 0; round < REVEAL_PAGES && !this.log.get(anchor); round++) {
      const page = this.pages.value[channel];
      if (!page || page.state !== 'ready' || !page.hasOlder) break;
      await this.loadOlder(channel, REVEAL_PAGE);
    }
    return this.log.get(anchor) !== undefined;
  }

  async loadOlder(channel: string, size = PAGE): Promise<void> {
    const page = this.pages.value[channel];
    if (!page || page.state !== 'ready' || !page.hasOlder || page.loadingOlder) return;
    const oldest = this.log.channel(channel)[0];
    if (!oldest) return;
    this.setPage(channel, { loadingOlder: true });
    try {
      const list = await this.api.history(channel, oldest.seq, size);
      this.log.upsert(list);
      this.setPage(channel, { loadingOlder: false, hasOlder: list.length >= size });
      this.bump();
    } catch (error) {
      this.setPage(channel, { loadingOlder: false, error });
    }
  }

  async openThread(channel: string, root: string): Promise<void> {
    this.threads.value = { ...this.threads.value, [root]: 'loading' };
    try {
      if (!this.log.get(root)) {
        const message = await this.client.request<ChatMessage>(
          'GET',
          `/api/spaces/${encodeURIComponent(this.space)}/messages/${encodeURIComponent(root)}`,
        );
        this.log.upsert([message]);
      }
      let after = 0;
      for (;;) {
        const list = await this.api.replies(channel, root, after, 200);
        this.log.upsert(list);
        if (list.length < 200) break;
        after = list[list.length - 1]!.seq;
      }
      this.threads.value = { ...this.threads.value, [root]: 'ready' };
      this.bump();
    } catch {
      this.threads.value = { ...this.threads.value, [root]: 'error' };
    }
  }

  /** After `subscribed` with reset (too far behind): reload by REST what is on screen. */
  reload(): void {
    void this.loadChannels();
    const open = Object.keys(this.pages.value);
    this.pages.value = {};
    for (const channel of open) void this.open(channel, true);
  }

  private onEvent(e: EventFrame): void {
    if (e.kind === 'channel.created' || e.kind === 'channel.updated') {
      const c = (e.data as { channel?: ChannelView }).channel;
      if (!c || !this.channels.value) return;
      if (this.channel(c.id)) this.patchChannel(c.id, (old) => ({ ...old, ...c }));
      else
        this.channels.value = [
          ...this.channels.value,
          { ...c, lastRead: 0, unread: 0, mentions: 0 },
        ];
      return;
    }
    if (e.kind.startsWith('member.')) {
      void this.loadMembers();
      return;
    }
    const before = typeof e.data.id === 'string' ? this.log.get(e.data.id) : undefined;
    const change = this.log.apply(e);
    if (!change) return;
    const m = change.message;
    if (change.kind === 'created') {
      this.outboxes.get(m.channel)?.remove(m.clientId);
      this.typing.value = clearTyping(this.typing.value, m.channel, m.author);
      if (m.author !== this.me) {
        this.patchChannel(m.channel, (c) => ({ ...c, ...countArrival(c, m, this.me) }));
        if (this.viewing?.channel === m.channel && !m.thread) {
          this.announcement.value = `${this.nameOf(m.author)} : ${plainText(m.text, (id) => this.nameOf(id))}`;
        }
      }
      this.maybeMarkRead(m.channel);
    } else if (m.deleted && before && !before.deleted) {
      this.patchChannel(m.channel, (c) => ({ ...c, ...countRemoval(c, before, this.me) }));
    }
    this.bump();
  }

  nameOf(id: string): string {
    return this.members.value.find((m) => m.user.id === id)?.user.name ?? id;
  }

  // --- reading -------------------------------------------------------------------------------

  /** The view says which channel is on screen and whether its end is visible. */
  setViewing(channel: string | null, atBottom = false): void {
    this.viewing = channel ? { channel, atBottom } : null;
    if (channel) this.maybeMarkRead(channel);
  }

  private maybeMarkRead(channel: string): void {
    const v = this.viewing;
    if (!v || v.channel !== channel || !v.atBottom) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const c = this.channel(channel);
    const seq = Math.max(this.log.head(channel), this.realtime.contiguousSeq(this.space));
    if (!c || seq <= c.lastRead || this.readInFlight.has(channel)) return;
    if (c.unread === 0 && c.mentions === 0) return;
    this.readInFlight.add(channel);
    this.api.read(channel, seq).then(
      (view) => {
        this.readInFlight.delete(channel);
        this.setRead(channel, view);
      },
      () => this.readInFlight.delete(channel),
    );
  }

  // --- writing -------------------------------------------------------------------------------

  private outboxFor(channel: string): Outbox {
    let box = this.outboxes.get(channel);
    if (!box) {
      box = new Outbox(storage(), this.space, channel, (items) => {
        this.outbox.value = { ...this.outbox.value, [channel]: items };
      });
      this.outboxes.set(channel, box);
      this.outbox.value = { ...this.outbox.value, [channel]: box.list() };
    }
    return box;
  }

  /** Outboxes left by an earlier visit (or another tab) of this space are sent too. */
  private restoreOutboxes(): void {
    const s = storage();
    if (!s || typeof localStorage === 'undefined') return;
    const prefix = `atelier.outbox.${this.space}.`;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) this.outboxFor(key.slice(prefix.length));
    }
  }

  /** Keeps the message in the outbox (shown as pending) and sends it when possible. */
  send(channel: string, text: string, thread?: string, files: string[] = []): void {
    this.outboxFor(channel).add(text, thread, new Date(), files);
    this.throttle.reset(channel);
    void this.flush(channel);
  }

  private flush(channel: string): Promise<void> {
    const box = this.outboxFor(channel);
    return box.flush(
      (item) =>
        this.api
          .send(item.channel, item.text, item.clientId, item.thread, item.files)
          .catch((e: unknown) => {
            // No answer: the network may be gone while the socket has not noticed yet.
            if ((e as { code?: string }).code === 'network') this.realtime.checkAlive();
            throw e;
          }),
      (_item, sent) => {
        this.log.upsert([sent.message]);
        this.bump();
      },
    );
  }

  flushAll(): void {
    for (const [channel, box] of this.outboxes) if (box.pending > 0) void this.flush(channel);
  }

  retry(channel: string, clientId: string): void {
    this.outboxFor(channel).retry(clientId);
    void this.flush(channel);
  }

  discard(channel: string, clientId: string): void {
    this.outboxFor(channel).remove(clientId);
  }

  pendingIn(channel: string, thread?: string): OutboxItem[] {
    return (this.outbox.value[channel] ?? []).filter(
      (i) => (i.thread ?? undefined) === thread && !this.log.byClientId(i.clientId),
    );
  }

  async edit(id: string, text: string): Promise<void> {
    this.log.replace(await this.api.edit(id, text));
    this.bump();
  }

  async remove(id: string): Promise<void> {
    this.log.replace(await this.api.remove(id));
    this.bump();
  }

  async react(id: string, emoji: string): Promise<void> {
    this.log.replace(await this.api.react(id, emoji));
    this.bump();
  }

  /** A keystroke in the composer: tell the others, at most once per interval. */
  typed(channel: string): void {
    if (!this.throttle.shouldSend(channel, Date.now())) return;
    this.realtime.send({ type: 'typing', space: this.space, channel });
  }
}
