import { signal } from '@preact/signals';
import type { ApiClient } from '../api/http';
import type { RealtimeConnection } from '../api/realtime';
import type { AppNotification } from '../api/types';
import { addNotification, markRead, type InboxState } from './model';

/**
 * The person's inbox, kept live: loaded by REST at sign-in and after every reconnection (frames
 * sent while offline are not replayed, the server's list is), then fed by `notification` and
 * `notifications.read` frames. Read state lives on the server, so every device agrees.
 */
export class InboxStore {
  readonly state = signal<InboxState>({ items: [], unread: 0 });
  readonly loaded = signal(false);
  private cleanups: (() => void)[] = [];
  private listeners = new Set<(n: AppNotification) => void>();

  constructor(
    private readonly client: ApiClient,
    private readonly realtime: RealtimeConnection,
  ) {}

  start(): void {
    this.stop();
    this.cleanups.push(
      this.realtime.onPersonal((frame) => {
        if (frame.type === 'notification') {
          const before = this.state.value;
          this.state.value = addNotification(before, frame.notification);
          if (this.state.value !== before) for (const l of this.listeners) l(frame.notification);
        } else {
          this.state.value = markRead(this.state.value, frame.ids, frame.unread);
        }
      }),
      this.realtime.state.subscribe((s) => {
        if (s === 'online') void this.load();
      }),
    );
  }

  stop(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.state.value = { items: [], unread: 0 };
    this.loaded.value = false;
  }

  /** Called for each notification that arrives live (desktop notifications). */
  onArrival(listener: (n: AppNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<void> {
    try {
      const answer = await this.client.request<{
        notifications: AppNotification[];
        unread: number;
      }>('GET', '/api/notifications?limit=50');
      // What arrived live meanwhile is kept (added again, once).
      let next: InboxState = { items: answer.notifications, unread: answer.unread };
      for (const n of this.state.value.items) next = addNotification(next, n);
      this.state.value = { ...next, unread: answer.unread };
      this.loaded.value = true;
    } catch {
      // the badge keeps what it had; the next reconnection loads again
    }
  }

  async read(ids: string[] | null): Promise<void> {
    this.state.value = markRead(this.state.value, ids);
    try {
      const { unread } = await this.client.request<{ unread: number }>(
        'POST',
        '/api/notifications/read',
        ids ? { ids } : { all: true },
      );
      this.state.value = { ...this.state.value, unread };
    } catch {
      void this.load();
    }
  }
}
