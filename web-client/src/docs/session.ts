import { signal, type ReadonlySignal } from '@preact/signals';
import type {
  DocClientFrame,
  DocCursorFrame,
  DocJoinedFrame,
  DocLeftFrame,
  DocOpFrame,
  ErrorFrame,
} from '../api/types';
import { TextOperation } from './ot';
import type { PendingStore } from './offline';
import {
  acknowledged,
  initial,
  localEdit,
  localText,
  outgoing,
  remote,
  type DocSync,
  type Outgoing,
} from './sync';

/** The part of the app's realtime connection a document session uses. */
export interface DocLink {
  readonly state: ReadonlySignal<string>;
  send(frame: DocClientFrame): boolean;
  onAnyFrame(listener: (frame: { type: string }) => void): () => void;
  onOpen(listener: () => void): () => void;
}

/** What the editor is told. */
export interface DocView {
  /** The whole text changed (first load, or a reload after a reset). */
  replace(text: string): void;
  /** Someone else's operation, already transformed against the local edits. */
  applyRemote(op: TextOperation): void;
}

export type DocStatus = 'joining' | 'saved' | 'saving' | 'offline' | 'conflict' | 'closed';

/** A remote person's selections, in the local text's positions. */
export interface RemoteCursor {
  user: string;
  ranges: [number, number][];
}

let counter = 0;
const newClientId = () =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${++counter}`;

/**
 * One open document: joins it over the app's socket (resuming with `since` after a reconnect),
 * sends the person's edits one operation at a time, applies the others' transformed, keeps
 * unacknowledged edits in the browser (so a reload offline loses nothing) and resends them with
 * the same clientId when the link is back. When it cannot reconcile (the server no longer replays
 * from our revision, or refused our edits) it says so and keeps the local text for the person.
 */
export class DocSession {
  private sync: DocSync | null = null;
  private readonly statusSignal = signal<DocStatus>('joining');
  readonly status: ReadonlySignal<DocStatus> = this.statusSignal;
  private readonly cursorsSignal = signal<RemoteCursor[]>([]);
  readonly cursors: ReadonlySignal<RemoteCursor[]> = this.cursorsSignal;
  /** The local text kept when it could not be reconciled, for the person to copy. */
  readonly kept = signal<string | null>(null);
  readonly rev = signal(0);
  /** Why the server closed the document for us (`trashed`, `removed`), or null while it is open. */
  readonly closed = signal<string | null>(null);
  private joinRef = '';
  private joined = false;
  private stops: (() => void)[] = [];
  private lastCursor: [number, number][] | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly link: DocLink,
    private readonly store: PendingStore,
    readonly space: string,
    readonly doc: string,
    private readonly view: DocView,
  ) {}

  /** Opens the document: edits kept from an earlier visit first, then the server. */
  async start(): Promise<void> {
    const kept = await this.store.get(this.doc).catch(() => null);
    if (kept) {
      let state: DocSync = initial(kept.rev, kept.confirmed);
      state = localEdit(state, TextOperation.fromJSON(kept.outstanding), () => kept.clientId).sync;
      if (kept.buffer)
        state = localEdit(state, TextOperation.fromJSON(kept.buffer), newClientId).sync;
      this.sync = state;
      this.rev.value = state.rev;
      this.view.replace(localText(state));
    }
    this.stops.push(this.link.onAnyFrame((f) => this.onFrame(f)));
    this.stops.push(this.link.onOpen(() => this.join()));
    if (this.link.state.value === 'online') this.join();
    else this.statusSignal.value = 'offline';
  }

  stop(): void {
    this.stops.forEach((s) => s());
    this.stops = [];
    if (this.joined) this.link.send({ type: 'doc.leave', space: this.space, doc: this.doc });
    this.joined = false;
  }

  /** The text the person sees (null before the first load). */
  text(): string | null {
    return this.sync ? localText(this.sync) : null;
  }

  /** The person changed the text (`op` spans the text before the change). */
  edit(op: TextOperation): void {
    if (!this.sync || op.isNoop() || this.closed.value !== null) return;
    const { sync, send } = localEdit(this.sync, op, newClientId);
    this.sync = sync;
    this.moveCursors(op);
    if (send) this.send(send);
    this.changed();
  }

  /** The person's selections, in the local text; sent when nothing is in flight (positions of the server's text). */
  select(ranges: [number, number][]): void {
    this.lastCursor = ranges;
    this.sendCursor();
  }

  private sendCursor(): void {
    if (!this.sync || !this.joined || this.sync.state.kind !== 'synchronized' || !this.lastCursor)
      return;
    this.link.send({
      type: 'doc.cursor',
      space: this.space,
      doc: this.doc,
      rev: this.sync.rev,
      ranges: this.lastCursor,
    });
  }

  private join(): void {
    this.joined = false;
    this.statusSignal.value = 'joining';
    this.joinRef = `doc.join:${this.doc}:${newClientId()}`;
    const frame: DocClientFrame = {
      type: 'doc.join',
      space: this.space,
      doc: this.doc,
      ref: this.joinRef,
    };
    if (this.sync) frame.since = this.sync.rev;
    this.link.send(frame);
  }

  private send(o: Outgoing): void {
    if (!this.joined) return; // sent again once joined
    this.link.send({
      type: 'doc.op',
      space: this.space,
      doc: this.doc,
      rev: o.rev,
      clientId: o.clientId,
      op: o.op.toJSON(),
      ref: `doc.op:${o.clientId}`,
    });
  }

  private onFrame(f: { type: string }): void {
    const frame = f as { type: string; doc?: string; ref?: string };
    if (frame.type === 'error') return this.onError(frame as ErrorFrame);
    if (frame.doc !== this.doc) return;
    switch (frame.type) {
      case 'doc.joined':
        if (frame.ref === this.joinRef) this.onJoined(frame as DocJoinedFrame);
        break;
      case 'doc.op':
        this.onOp(frame as DocOpFrame);
        break;
      case 'ack': {
        if (!this.sync) break;
        const { sync, send } = acknowledged(
          this.sync,
          (frame as unknown as { rev: number }).rev,
          newClientId,
        );
        this.sync = sync;
        if (send) this.send(send);
        this.changed();
        break;
      }
      case 'doc.cursor':
        this.onCursor(frame as DocCursorFrame);
        break;
      case 'doc.left':
        this.onLeft(frame as DocLeftFrame);
        break;
      case 'doc.presence': {
        // those who closed the document lose their cursor
        const online = new Set((frame as unknown as { online: string[] }).online);
        this.cursorsSignal.value = this.cursorsSignal.value.filter((c) => online.has(c.user));
        break;
      }
      default:
        break;
    }
  }

  /**
   * The server closed the document for us (put in the trash, or our access ended): no more editing.
   * Edits it never acknowledged are kept for the person to copy, never dropped silently.
   */
  private onLeft(f: DocLeftFrame): void {
    if (!f.reason) return; // the answer to our own doc.leave
    const st = this.sync?.state;
    if (this.sync && st && st.kind !== 'synchronized') this.kept.value = localText(this.sync);
    this.closed.value = f.reason;
    this.cursorsSignal.value = [];
    if (this.joined) this.link.send({ type: 'doc.leave', space: this.space, doc: this.doc });
    this.joined = false;
    this.stops.forEach((s) => s());
    this.stops = [];
    this.sync = null;
    this.statusSignal.value = 'closed';
    // What the browser keeps of unsent edits stays: if the document comes back from the trash, they merge on opening.
  }

  private onJoined(f: DocJoinedFrame): void {
    if (f.text !== undefined) {
      const pending = this.sync && this.sync.state.kind !== 'synchronized';
      if (pending && this.sync) {
        // The server cannot replay from our revision: our edits cannot be merged safely.
        this.kept.value = localText(this.sync);
      }
      this.sync = initial(f.rev, f.text);
      this.view.replace(f.text);
      this.cursorsSignal.value = [];
    }
    this.joined = true;
    const again = this.sync ? outgoing(this.sync) : null;
    if (again) this.send(again); // same clientId: applied once even if it went through before
    this.changed();
    this.sendCursor();
  }

  private onOp(f: DocOpFrame): void {
    if (!this.sync) return;
    const res = remote(this.sync, f.rev, TextOperation.fromJSON(f.op), f.clientId, newClientId);
    this.sync = res.sync;
    if (res.apply) {
      this.view.applyRemote(res.apply);
      this.moveCursors(res.apply, f.author);
    }
    if (res.send) this.send(res.send);
    this.changed();
  }

  private onError(f: ErrorFrame): void {
    if (!f.ref) return;
    if (f.ref === this.joinRef) {
      // Gone while we were away (documents only go to the trash), or no longer ours to read.
      if (f.code === 'not_found' || f.code === 'forbidden')
        this.onLeft({
          type: 'doc.left',
          space: this.space,
          doc: this.doc,
          reason: f.code === 'not_found' ? 'trashed' : 'removed',
        });
      else this.statusSignal.value = 'conflict';
      return;
    }
    const st = this.sync?.state;
    if (!this.sync || !st || st.kind === 'synchronized' || f.ref !== `doc.op:${st.clientId}`)
      return;
    // The server refused our edits (too large, read-only…): keep them for the person, reload the server's text.
    this.kept.value = localText(this.sync);
    this.sync = null;
    void this.store.remove(this.doc);
    this.link.send({
      type: 'doc.join',
      space: this.space,
      doc: this.doc,
      ref: (this.joinRef = `doc.join:${this.doc}:${newClientId()}`),
    });
  }

  private onCursor(f: DocCursorFrame): void {
    if (!this.sync) return;
    let ranges = f.ranges;
    const st = this.sync.state;
    if (f.rev === this.sync.rev && st.kind !== 'synchronized') {
      const through = st.kind === 'buffering' ? st.outstanding.compose(st.buffer) : st.outstanding;
      ranges = ranges.map(([a, h]) => [through.transformIndex(a), through.transformIndex(h)]);
    }
    const max = localText(this.sync).length;
    ranges = ranges.map(([a, h]) => [Math.min(a, max), Math.min(h, max)]);
    const others = this.cursorsSignal.value.filter((c) => c.user !== f.user);
    this.cursorsSignal.value = ranges.length ? [...others, { user: f.user, ranges }] : others;
  }

  private moveCursors(op: TextOperation, except?: string): void {
    if (!this.cursorsSignal.value.length) return;
    this.cursorsSignal.value = this.cursorsSignal.value.map((c) =>
      c.user === except
        ? c
        : {
            user: c.user,
            ranges: c.ranges.map(([a, h]) => [op.transformIndex(a), op.transformIndex(h)]),
          },
    );
  }

  /** After each change of state: the status, and what the browser keeps. */
  private changed(): void {
    const s = this.sync;
    if (!s) return;
    this.rev.value = s.rev;
    const online = this.link.state.value === 'online';
    this.statusSignal.value = !this.joined
      ? online
        ? 'joining'
        : 'offline'
      : s.state.kind === 'synchronized'
        ? 'saved'
        : 'saving';
    if (this.kept.value !== null) this.statusSignal.value = 'conflict';
    const st = s.state;
    this.saving = this.saving
      .then(() =>
        st.kind === 'synchronized'
          ? this.store.remove(this.doc)
          : this.store.put({
              doc: this.doc,
              rev: s.rev,
              confirmed: s.confirmed,
              outstanding: st.outstanding.toJSON(),
              clientId: st.clientId,
              buffer: st.kind === 'buffering' ? st.buffer.toJSON() : null,
              savedAt: new Date().toISOString(),
            }),
      )
      .catch(() => undefined);
    if (st.kind === 'synchronized') this.sendCursor();
  }

  /** The person copied the kept text and dismissed the notice. */
  dismissKept(): void {
    this.kept.value = null;
    this.changed();
  }

  /** Marks the link as gone (the app's connection state says offline or reconnecting). */
  linkLost(): void {
    if (this.closed.value !== null) return;
    this.joined = false;
    this.statusSignal.value = this.kept.value !== null ? 'conflict' : 'offline';
  }

  /** Completes when what the browser keeps is written (tests). */
  flushed(): Promise<void> {
    return this.saving;
  }
}
