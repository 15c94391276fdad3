/**
 * Messages written but not yet acknowledged by the server, kept in localStorage per space and
 * channel so that nothing typed offline (or before a reload) is lost. Each keeps the `clientId`
 * it was given when written: a resend after a lost answer is recognised by the server (it
 * dedupes by clientId and answers the original seq), so a message never appears twice.
 */

export interface OutboxItem {
  clientId: string;
  space: string;
  channel: string;
  thread?: string;
  text: string;
  /** Ids of the files attached (uploaded before the message was written). */
  files?: string[];
  /** When it was written (ISO). */
  createdAt: string;
  /** The server refused it for good (too long, archived channel…): kept for the person to see. */
  failed?: { code: string; message: string };
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SendResult {
  seq: number;
}

/** A failure that may pass (no network, server busy): the item stays pending. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; status?: number } | null;
  if (!e || typeof e !== 'object') return true;
  return (
    e.code === 'network' ||
    e.code === 'rate_limited' ||
    e.code === 'unavailable' ||
    e.code === 'internal' ||
    (typeof e.status === 'number' && (e.status === 0 || e.status >= 500 || e.status === 429))
  );
}

export function newClientId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function outboxKey(space: string, channel: string): string {
  return `atelier.outbox.${space}.${channel}`;
}

export class Outbox {
  private items: OutboxItem[];
  private flushing: Promise<void> | null = null;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly storage: StorageLike | null,
    readonly space: string,
    readonly channel: string,
    private readonly onChange: (items: readonly OutboxItem[]) => void = () => undefined,
  ) {
    this.items = this.read();
  }

  private get key(): string {
    return outboxKey(this.space, this.channel);
  }

  private read(): OutboxItem[] {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (i): i is OutboxItem =>
          !!i &&
          typeof i === 'object' &&
          typeof (i as OutboxItem).clientId === 'string' &&
          typeof (i as OutboxItem).text === 'string',
      );
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.items.length === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // storage full or refused: the items stay in memory for this visit
    }
    this.onChange(this.items);
  }

  list(): readonly OutboxItem[] {
    return this.items;
  }

  get pending(): number {
    return this.items.filter((i) => !i.failed).length;
  }

  /** Keeps a new message (with a fresh clientId) and answers it. */
  add(text: string, thread?: string, now: Date = new Date(), files: string[] = []): OutboxItem {
    const item: OutboxItem = {
      clientId: newClientId(),
      space: this.space,
      channel: this.channel,
      text,
      createdAt: now.toISOString(),
    };
    if (thread) item.thread = thread;
    if (files.length > 0) item.files = [...files];
    this.items = [...this.items, item];
    this.write();
    return item;
  }

  /** The server has it (ack, or its `message.created` came back): forget it. */
  remove(clientId: string): void {
    if (!this.items.some((i) => i.clientId === clientId)) return;
    this.items = this.items.filter((i) => i.clientId !== clientId);
    this.write();
  }

  /** A failed item is tried again at the next flush (same clientId). */
  retry(clientId: string): void {
    this.items = this.items.map((i) => {
      if (i.clientId !== clientId) return i;
      const { failed: _failed, ...rest } = i;
      return rest;
    });
    this.write();
  }

  /**
   * Sends the pending items in order, one at a time. A transient failure stops the round (the
   * rest keeps its order for the next one); a definitive refusal marks the item failed. Calls
   * made while a round runs join it, so an item is never in flight twice.
   */
  flush<R extends SendResult>(
    send: (item: OutboxItem) => Promise<R>,
    onSent: (item: OutboxItem, result: R) => void = () => undefined,
  ): Promise<void> {
    if (this.flushing) return this.flushing;
    const round = (async () => {
      for (;;) {
        const item = this.items.find((i) => !i.failed && !this.inFlight.has(i.clientId));
        if (!item) return;
        this.inFlight.add(item.clientId);
        try {
          const result = await send(item);
          this.remove(item.clientId);
          onSent(item, result);
        } catch (error) {
          if (isTransient(error)) return;
          const e = error as { code?: string; message?: string };
          this.items = this.items.map((i) =>
            i.clientId === item.clientId
              ? { ...i, failed: { code: e.code ?? 'internal', message: e.message ?? '' } }
              : i,
          );
          this.write();
        } finally {
          this.inFlight.delete(item.clientId);
        }
      }
    })();
    this.flushing = round.finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }
}
