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
  ServerFrame,
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
/** `ref` of subscribe frames, so that an error answering one names its space. */
const SUBSCRIBE_REF = 'sub:';

interface Subscription {
  tracker: SeqTracker;
  listeners: Set<SpaceListener>;
  /** True once the server confirmed the current socket's subscription. */
  confirmed: boolean;
  gapTimer: ReturnType<typeof setTimeout> | null;
  gapRetried: boolean;
  /** The server confirmed this space at least once (on any socket). */
  synced: boolean;
  /** The last `presence` frame, given to listeners that join a live subscription. */
  presence: PresenceFrame | null;
}

/** The URL of `/ws` on the page's own origin. */
export function defaultSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/**
 * One WebSocket to `/ws` for the whole app. It reconnects with exponential backoff and jitter,
 * re-subscribes every space with `since` = the highest seq held contiguously, drops duplicate
 * events, asks again for holes that stay open, and pings every ~25 s so proxies keep the link.
 */
export class RealtimeConnection {
  private readonly stateSignal = signal<ConnectionState>('offline');
  readonly state: ReadonlySignal<ConnectionState> = this.stateSignal;

  private socket: SocketLike | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly personal = new Set<(frame: PersonalFrame) => void>();
  private readonly frameListeners = new Set<(frame: { type: string }) => void>();
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

  /** Listens to frames addressed to the person (notifications); answers a stop function. */
  onPersonal(listener: (frame: PersonalFrame) => void): () => void {
    this.personal.add(listener);
    return () => this.personal.delete(listener);
  }

  /**
   * Listens to every frame, after the connection handled it: features with frames of their own
   * (shared documents) pick theirs. Answers a stop function.
   */
  onAnyFrame(listener: (frame: { type: string }) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Runs after each (re)opening of the socket, once the subscriptions were sent again. */
  onOpen(listener: () => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
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
   * Listens to a space. `since` is the seq the caller's REST snapshot already covers (0: none,
   * no replay). Answers a function that stops listening (and unsubscribes when it was the last).
   */
  subscribe(space: string, listener: SpaceListener, since = 0): () => void {
    let sub = this.subscriptions.get(space);
    if (!sub) {
      sub = {
        tracker: new SeqTracker(since),
        listeners: new Set(),
        confirmed: false,
        gapTimer: null,
        gapRetried: false,
        synced: false,
        presence: null,
      };
      this.subscriptions.set(space, sub);
      this.sendSubscribe(space, sub);
    }
    sub.listeners.add(listener);
    if (sub.presence) listener.onPresence?.(sub.presence);
    const current = sub;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.subscriptions.get(space) === current) {
        this.clearGapTimer(current);
        this.subscriptions.delete(space);
        this.send({ type: 'unsubscribe', space });
      }
    };
  }

  /** The seq below which everything of `space` is held (what a resume asks from). */
  contiguousSeq(space: string): number {
    return this.subscriptions.get(space)?.tracker.contiguous ?? 0;
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
      for (const [space, sub] of this.subscriptions) {
        sub.confirmed = false;
        this.sendSubscribe(space, sub);
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

  private sendSubscribe(space: string, sub: Subscription): void {
    const since = sub.tracker.contiguous;
    const ref = SUBSCRIBE_REF + space;
    this.send(
      since > 0 ? { type: 'subscribe', space, since, ref } : { type: 'subscribe', space, ref },
    );
  }

  private dropSubscription(space: string): void {
    const sub = this.subscriptions.get(space);
    if (!sub) return;
    this.clearGapTimer(sub);
    this.subscriptions.delete(space);
    for (const l of sub.listeners) l.onRemoved?.();
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    this.onAlive();
    switch (frame.type) {
      case 'event':
        this.onEvent(frame);
        break;
      case 'subscribed': {
        const sub = this.subscriptions.get(frame.space);
        if (!sub) break;
        sub.confirmed = true;
        const wasSynced = sub.synced;
        sub.synced = true;
        if (frame.reset) {
          sub.tracker.reset(frame.head);
          for (const l of sub.listeners) l.onReset?.(frame.head);
        } else if (sub.tracker.contiguous === 0 && !sub.tracker.hasGap) {
          // Subscribed without `since`: no replay; the REST snapshot stands for all up to head.
          // On a re-subscription that snapshot may be stale (`since: 0` cannot ask for seq 1).
          sub.tracker.reset(frame.head);
          if (wasSynced && frame.head > 0) for (const l of sub.listeners) l.onReset?.(frame.head);
        }
        break;
      }
      case 'presence': {
        const sub = this.subscriptions.get(frame.space);
        if (sub) sub.presence = frame;
        for (const l of sub?.listeners ?? []) l.onPresence?.(frame);
        break;
      }
      case 'read.changed':
        for (const l of this.subscriptions.get(frame.space)?.listeners ?? []) l.onRead?.(frame);
        break;
      case 'typing':
        for (const l of this.subscriptions.get(frame.space)?.listeners ?? []) l.onTyping?.(frame);
        break;
      case 'notification':
      case 'notifications.read':
        for (const l of this.personal) l(frame);
        break;
      case 'unsubscribed':
        if (frame.reason === 'removed') this.dropSubscription(frame.space);
        break;
      case 'error':
        if (
          frame.ref?.startsWith(SUBSCRIBE_REF) &&
          (frame.code === 'forbidden' || frame.code === 'not_found')
        ) {
          this.dropSubscription(frame.ref.slice(SUBSCRIBE_REF.length));
        }
        this.options.onError?.(frame);
        break;
      default:
        break;
    }
    for (const l of this.frameListeners) l(frame);
  }

  private onEvent(event: EventFrame): void {
    const sub = this.subscriptions.get(event.space);
    if (!sub || !sub.tracker.add(event.seq)) return;
    for (const l of sub.listeners) l.onEvent?.(event);
    if (sub.tracker.hasGap) this.watchGap(event.space, sub);
    else {
      this.clearGapTimer(sub);
      sub.gapRetried = false;
    }
  }

  /** A hole that outlives the timeout is asked again once (re-subscribe), then skipped. */
  private watchGap(space: string, sub: Subscription): void {
    if (sub.gapTimer) return;
    sub.gapTimer = setTimeout(() => {
      sub.gapTimer = null;
      if (!sub.tracker.hasGap) return;
      if (!sub.gapRetried) {
        sub.gapRetried = true;
        this.sendSubscribe(space, sub);
        this.watchGap(space, sub);
      } else {
        sub.gapRetried = false;
        sub.tracker.skipGap();
        if (sub.tracker.hasGap) this.watchGap(space, sub);
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
