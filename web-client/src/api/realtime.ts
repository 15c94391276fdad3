import { signal, type ReadonlySignal } from '@preact/signals';
import { backoffDelay, type BackoffOptions } from './backoff';
import { SeqTracker } from './seqTracker';
import type {
  ClientFrame,
  ErrorFrame,
  EventFrame,
  PersonalFrame,
  PresenceFrame,
  ReadChangedFrame,
  TypingFrame,
} from './types';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** What a view wants to hear about one space. */
export interface SpaceListener {
  /** A durable event, never the same seq twice. */
  onEvent?(event: EventFrame): void;
  /** The server could not replay what was missed: reload the space by REST. */
  onReset?(head: number): void;
  onPresence?(frame: PresenceFrame): void;
  /**
   * The server stopped (or refused) this subscription: the person was removed from the space,
   * or may not read it. The subscription is dropped; the view reloads what it shows.
   */
  onRemoved?(): void;
  onTyping?(frame: TypingFrame): void;
  /** The person's read marker of a channel moved (on this or another device). */
  onRead?(frame: ReadChangedFrame): void;
}

/** A server frame as the connection routes it: a `type`, and whatever the feature put in it. */
export type AnyFrame = { type: string; ref?: string } & Record<string, unknown>;

/**
 * A stream the server offers (docs/architecture.md, "How to add a feature, a stream, a signal"):
 * an ordered log per key that a socket follows, resumes after a drop and leaves. The space log is
 * one (`SPACE_STREAM`); a feature describes its own (documents: `doc.join`/`doc.joined`/`doc.op`).
 */
export interface StreamSpec {
  name: string;
  /** The frame that follows `key`, replaying what came after `since` (0: no replay). */
  follow(key: string, since: number): Record<string, unknown>;
  leave(key: string): Record<string, unknown>;
  /** The entry frame type and its position (seq, rev…). */
  entryType: string;
  position(entry: AnyFrame): number;
  /** The reply opening a follow, and the position it says the follower is at. */
  openedType: string;
  openedPosition(opened: AnyFrame): number;
  /** The frame that says the follow ended (`reason: 'removed'` when access was lost). */
  leftType: string;
  /** The key a frame of this stream names. */
  key(frame: AnyFrame): string | undefined;
  /** Other frame types about a key, given to its listeners (presence, typing, cursors…). */
  keyed?: readonly string[];
  /** Of those, the types whose last frame a listener joining later is given at once (presence). */
  sticky?: readonly string[];
}

/** What a view wants to hear about one key of a stream. */
export interface StreamListener {
  /** An entry, in position order from the view's point of view, never the same position twice. */
  onEntry?(entry: AnyFrame): void;
  /** The opening reply (e.g. `doc.joined` with the text). */
  onOpened?(frame: AnyFrame): void;
  /** The server could not replay what was missed: the opening reply carries the new state, or reload. */
  onReset?(position: number, frame: AnyFrame): void;
  /** The follow ended unasked (access lost) or was refused. */
  onRemoved?(): void;
  /** A keyed frame of the stream (see {@link StreamSpec.keyed}). */
  onFrame?(frame: AnyFrame): void;
}

/** The space log (PROTOCOL.md `subscribe`/`subscribed`/`event`/`unsubscribe`, with presence). */
export const SPACE_STREAM: StreamSpec = {
  name: 'space',
  follow: (space, since) =>
    since > 0 ? { type: 'subscribe', space, since } : { type: 'subscribe', space },
  leave: (space) => ({ type: 'unsubscribe', space }),
  entryType: 'event',
  position: (e) => e.seq as number,
  openedType: 'subscribed',
  openedPosition: (f) => f.head as number,
  leftType: 'unsubscribed',
  key: (f) => (typeof f.space === 'string' ? f.space : undefined),
  keyed: ['presence', 'typing', 'read.changed'],
  sticky: ['presence'],
};

/** A reply of the server to a {@link RealtimeConnection.request}: an `error` frame with its ref. */
export class FrameError extends Error {
  constructor(readonly frame: ErrorFrame) {
    super(frame.message);
  }
}

/** The part of the browser's WebSocket this class uses (a fake one stands in for tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  pingIntervalMs?: number;
  /** No pong (nor any frame) for this long after a ping: the link is dead, reconnect. */
  pongTimeoutMs?: number;
  /** How long a hole in the seq run may stay before it is asked again, then skipped. */
  gapTimeoutMs?: number;
  onError?(frame: ErrorFrame): void;
  /**
   * The server closed the socket with 4401: the session behind it ended (sign-out, disabled
   * account, password changed elsewhere, expiry). The connection has stopped for good; the
   * person must sign in again.
   */
  onSessionEnded?(): void;
}

/** Close code of a socket whose session ended (docs/protocol.md): reconnecting cannot help. */
export const SESSION_ENDED_CLOSE = 4401;

const OPEN = 1;

interface Subscription {
  spec: StreamSpec;
  key: string;
  /** The `ref` of its follow frames: an error carrying it refuses the follow. */
  ref: string;
  tracker: SeqTracker;
  listeners: Set<StreamListener>;
  /** True once the server confirmed the current socket's subscription. */
  confirmed: boolean;
  gapTimer: ReturnType<typeof setTimeout> | null;
  gapRetried: boolean;
  /** The server confirmed this space at least once (on any socket). */
  synced: boolean;
  /** The last frame of each sticky type, given to listeners that join a live subscription. */
  sticky: Map<string, AnyFrame>;
}

/** The URL of `/ws` on the page's own origin. */
export function defaultSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/**
 * One WebSocket to `/ws` for the whole app, knowing no feature: frames are routed by type to the
 * handlers features register ({@link on}), replies to {@link request}s by their `ref`, and the
 * entries of any stream ({@link follow}; the space log is {@link SPACE_STREAM}) to their followers.
 * It reconnects with exponential backoff and jitter, follows every key again with `since` = the
 * highest position held contiguously, drops duplicates, asks again for holes that stay open, and
 * pings every ~25 s so proxies keep the link.
 */
export class RealtimeConnection {
  private readonly stateSignal = signal<ConnectionState>('offline');
  readonly state: ReadonlySignal<ConnectionState> = this.stateSignal;

  private socket: SocketLike | null = null;
  /** Follows by topic (`stream` + newline + `key`). */
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly byRef = new Map<string, Subscription>();
  private readonly streams = new Map<string, StreamSpec>();
  private readonly handlers = new Map<string, Set<(frame: AnyFrame) => void>>();
  private readonly pending = new Map<
    string,
    { resolve(frame: AnyFrame): void; reject(e: Error): void }
  >();
  private nextRef = 0;
  private readonly frameListeners = new Set<(frame: AnyFrame) => void>();
  private readonly openListeners = new Set<() => void>();
  private attempt = 0;
  private running = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: Required<
    Omit<RealtimeOptions, 'onError' | 'backoff' | 'onSessionEnded'>
  > &
    Pick<RealtimeOptions, 'onError' | 'backoff' | 'onSessionEnded'>;

  constructor(options: RealtimeOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      pingIntervalMs: 25_000,
      pongTimeoutMs: 10_000,
      gapTimeoutMs: 4_000,
      ...options,
    };
  }

  /**
   * Routes every frame of `type` to `handler` (features register theirs: notifications, cursors…);
   * answers a stop function. Frames of a stream's keys reach their followers too.
   */
  on(type: string, handler: (frame: AnyFrame) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /**
   * Listens to every frame, after the connection handled it (the shared documents' session, which
   * keeps its own document state, picks its frames). Answers a stop function.
   */
  onAnyFrame(listener: (frame: AnyFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Runs after each (re)opening of the socket, once the follows were sent again. */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Listens to frames addressed to the person (notifications); answers a stop function. */
  onPersonal(listener: (frame: PersonalFrame) => void): () => void {
    const handler = (f: AnyFrame) => listener(f as unknown as PersonalFrame);
    const offs = [this.on('notification', handler), this.on('notifications.read', handler)];
    return () => offs.forEach((off) => off());
  }

  /**
   * Sends `frame` with a fresh `ref` and resolves with the server's reply carrying it; rejects
   * with a {@link FrameError} when the reply is an `error`, and with an `Error` when the socket is
   * not open or closes first (the caller decides whether to send again, e.g. with the same clientId).
   */
  request<T extends AnyFrame = AnyFrame>(
    frame: Record<string, unknown> & { type: string },
  ): Promise<T> {
    const ref = `r${++this.nextRef}`;
    return new Promise<T>((resolve, reject) => {
      if (!this.sendRaw({ ...frame, ref })) {
        reject(new Error('offline'));
        return;
      }
      this.pending.set(ref, { resolve: (f) => resolve(f as T), reject });
    });
  }

  /** Opens the connection (after sign-in). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.open('connecting');
  }

  /** Closes it for good (sign-out). Subscriptions are kept only if `keepSubscriptions`. */
  stop(keepSubscriptions = false): void {
    this.running = false;
    this.clearTimers();
    this.dropSocket();
    if (!keepSubscriptions) {
      for (const sub of this.subscriptions.values()) this.clearGapTimer(sub);
      this.subscriptions.clear();
      this.byRef.clear();
    }
    this.stateSignal.value = 'offline';
  }

  /** The browser says the network is gone: stop trying until it comes back. */
  goOffline(): void {
    if (!this.running) return;
    this.clearTimers();
    this.dropSocket();
    this.stateSignal.value = 'offline';
  }

  /** The network is back: reconnect now, without waiting for the backoff. */
  goOnline(): void {
    if (!this.running) return;
    if (this.socket && this.stateSignal.value === 'online') return;
    this.clearTimers();
    this.dropSocket();
    this.attempt = 0;
    this.open('reconnecting');
  }

  /**
   * Follows `key` of a stream. `since` is the position the caller's snapshot already covers (0:
   * none, no replay). Entries reach the listener once each; after a drop the connection follows
   * again from the highest position held contiguously; a hole that stays open is asked again, then
   * skipped. Answers a function that stops listening (and leaves when it was the last listener).
   */
  follow(spec: StreamSpec, key: string, listener: StreamListener, since = 0): () => void {
    this.streams.set(spec.name, spec);
    const topic = `${spec.name}\n${key}`;
    let sub = this.subscriptions.get(topic);
    if (!sub) {
      sub = {
        spec,
        key,
        ref: `sub:${spec.name}:${key}`,
        tracker: new SeqTracker(since),
        listeners: new Set(),
        confirmed: false,
        gapTimer: null,
        gapRetried: false,
        synced: false,
        sticky: new Map(),
      };
      this.subscriptions.set(topic, sub);
      this.byRef.set(sub.ref, sub);
      this.sendFollow(sub);
    }
    sub.listeners.add(listener);
    for (const frame of sub.sticky.values()) listener.onFrame?.(frame);
    const current = sub;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.subscriptions.get(topic) === current) {
        this.forget(current);
        this.sendRaw(spec.leave(key));
      }
    };
  }

  /** Listens to a space's log (the space stream), with its presence, typing and read markers. */
  subscribe(space: string, listener: SpaceListener, since = 0): () => void {
    return this.follow(
      SPACE_STREAM,
      space,
      {
        onEntry: (e) => listener.onEvent?.(e as unknown as EventFrame),
        onReset: (head) => listener.onReset?.(head),
        onRemoved: () => listener.onRemoved?.(),
        onFrame: (f) => {
          if (f.type === 'presence') listener.onPresence?.(f as unknown as PresenceFrame);
          else if (f.type === 'typing') listener.onTyping?.(f as unknown as TypingFrame);
          else if (f.type === 'read.changed') listener.onRead?.(f as unknown as ReadChangedFrame);
        },
      },
      since,
    );
  }

  /** The position below which everything of `key` is held (what a resume asks from). */
  contiguous(spec: StreamSpec, key: string): number {
    return this.subscriptions.get(`${spec.name}\n${key}`)?.tracker.contiguous ?? 0;
  }

  /** The seq below which everything of `space` is held (what a resume asks from). */
  contiguousSeq(space: string): number {
    return this.contiguous(SPACE_STREAM, space);
  }

  /**
   * Pings now, without waiting for the next round: a view that has a hint that the network
   * went away (a request failed) learns within `pongTimeoutMs` whether the socket still lives.
   */
  checkAlive(): void {
    if (this.stateSignal.value !== 'online') return;
    if (this.send({ type: 'ping' })) this.armPongTimer();
  }

  /** Sends a frame if the socket is open; answers whether it went. */
  send(frame: ClientFrame): boolean {
    return this.sendRaw(frame);
  }

  /** Sends any feature's frame if the socket is open; answers whether it went. */
  sendRaw(frame: Record<string, unknown>): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  // --- internals -------------------------------------------------------------------------------

  private open(state: ConnectionState): void {
    this.stateSignal.value = state;
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.stateSignal.value = 'online';
      for (const sub of this.subscriptions.values()) {
        sub.confirmed = false;
        this.sendFollow(sub);
      }
      this.startPing();
      for (const l of this.openListeners) l();
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.onFrame(ev.data);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      this.rejectPending();
      if (ev?.code === SESSION_ENDED_CLOSE) {
        this.stop();
        this.options.onSessionEnded?.();
        return;
      }
      if (this.running && this.stateSignal.value !== 'offline') this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event always follows; the reconnection is decided there.
    };
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.stateSignal.value = 'reconnecting';
    const delay = backoffDelay(this.attempt++, this.options.backoff);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running) this.open('reconnecting');
    }, delay);
  }

  private sendFollow(sub: Subscription): void {
    this.sendRaw({ ...sub.spec.follow(sub.key, sub.tracker.contiguous), ref: sub.ref });
  }

  private forget(sub: Subscription): void {
    this.clearGapTimer(sub);
    this.subscriptions.delete(`${sub.spec.name}\n${sub.key}`);
    this.byRef.delete(sub.ref);
  }

  private dropSubscription(sub: Subscription): void {
    this.forget(sub);
    for (const l of sub.listeners) l.onRemoved?.();
  }

  private rejectPending(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new Error('disconnected'));
  }

  /** The follow a frame of a known stream is about, if any. */
  private subscriptionOf(spec: StreamSpec, frame: AnyFrame): Subscription | undefined {
    const key = spec.key(frame);
    return key === undefined ? undefined : this.subscriptions.get(`${spec.name}\n${key}`);
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: AnyFrame;
    try {
      frame = JSON.parse(data) as AnyFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    this.onAlive();
    const followed = typeof frame.ref === 'string' ? this.byRef.get(frame.ref) : undefined;
    if (frame.type === 'error') this.onErrorFrame(frame as unknown as ErrorFrame, followed);
    else if (typeof frame.ref === 'string' && this.pending.has(frame.ref)) {
      const p = this.pending.get(frame.ref)!;
      this.pending.delete(frame.ref);
      p.resolve(frame);
    }
    for (const spec of this.streams.values()) this.onStreamFrame(spec, frame);
    for (const handler of this.handlers.get(frame.type) ?? []) handler(frame);
    for (const l of this.frameListeners) l(frame);
  }

  private onErrorFrame(error: ErrorFrame, followed: Subscription | undefined): void {
    if (followed && (error.code === 'forbidden' || error.code === 'not_found'))
      this.dropSubscription(followed);
    const waiting = error.ref === undefined ? undefined : this.pending.get(error.ref);
    if (waiting && error.ref !== undefined) {
      this.pending.delete(error.ref);
      waiting.reject(new FrameError(error));
    }
    this.options.onError?.(error);
  }

  private onStreamFrame(spec: StreamSpec, frame: AnyFrame): void {
    if (frame.type === spec.entryType) {
      const sub = this.subscriptionOf(spec, frame);
      if (sub) this.onEntry(sub, frame);
    } else if (frame.type === spec.openedType) {
      const sub = this.subscriptionOf(spec, frame);
      if (sub) this.onOpened(sub, frame);
    } else if (frame.type === spec.leftType) {
      const sub = this.subscriptionOf(spec, frame);
      if (sub && frame.reason === 'removed') this.dropSubscription(sub);
    } else if (spec.keyed?.includes(frame.type)) {
      const sub = this.subscriptionOf(spec, frame);
      if (!sub) return;
      if (spec.sticky?.includes(frame.type)) sub.sticky.set(frame.type, frame);
      for (const l of sub.listeners) l.onFrame?.(frame);
    }
  }

  private onOpened(sub: Subscription, frame: AnyFrame): void {
    sub.confirmed = true;
    const wasSynced = sub.synced;
    sub.synced = true;
    const position = sub.spec.openedPosition(frame);
    if (frame.reset) {
      sub.tracker.reset(position);
      for (const l of sub.listeners) l.onReset?.(position, frame);
    } else if (sub.tracker.contiguous === 0 && !sub.tracker.hasGap) {
      // Followed without `since`: no replay; the snapshot stands for all up to the position.
      // On a re-follow that snapshot may be stale (`since: 0` cannot ask for position 1).
      sub.tracker.reset(position);
      if (wasSynced && position > 0) for (const l of sub.listeners) l.onReset?.(position, frame);
    }
    for (const l of sub.listeners) l.onOpened?.(frame);
  }

  private onEntry(sub: Subscription, entry: AnyFrame): void {
    if (!sub.tracker.add(sub.spec.position(entry))) return;
    for (const l of sub.listeners) l.onEntry?.(entry);
    if (sub.tracker.hasGap) this.watchGap(sub);
    else {
      this.clearGapTimer(sub);
      sub.gapRetried = false;
    }
  }

  /** A hole that outlives the timeout is asked again once (re-follow), then skipped. */
  private watchGap(sub: Subscription): void {
    if (sub.gapTimer) return;
    sub.gapTimer = setTimeout(() => {
      sub.gapTimer = null;
      if (!sub.tracker.hasGap) return;
      if (!sub.gapRetried) {
        sub.gapRetried = true;
        this.sendFollow(sub);
        this.watchGap(sub);
      } else {
        sub.gapRetried = false;
        sub.tracker.skipGap();
        if (sub.tracker.hasGap) this.watchGap(sub);
      }
    }, this.options.gapTimeoutMs);
  }

  private clearGapTimer(sub: Subscription): void {
    if (sub.gapTimer) clearTimeout(sub.gapTimer);
    sub.gapTimer = null;
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.send({ type: 'ping' })) this.armPongTimer();
    }, this.options.pingIntervalMs);
  }

  private armPongTimer(): void {
    if (this.pongTimer) return;
    this.pongTimer = setTimeout(() => {
      this.pongTimer = null;
      // Nothing came back: the link is dead even if the socket does not know it yet.
      const socket = this.socket;
      this.dropSocket();
      if (socket) this.scheduleReconnect();
    }, this.options.pongTimeoutMs);
  }

  private onAlive(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pingTimer = null;
    this.pongTimer = null;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.stopPing();
    this.rejectPending();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      try {
        socket.close(1000);
      } catch {
        // already closed
      }
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPing();
  }
}
