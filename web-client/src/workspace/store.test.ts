import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/http';
import type { RealtimeConnection } from '../api/realtime';
import type { Space } from '../api/types';
import { WorkspaceStore } from './store';

/** A client whose channel list fails until `healthy` is set: what a flaky network looks like. */
function flakyClient(space: Space) {
  const state = { healthy: false, calls: 0 };
  const client = {
    spaces: async () => [space],
    request: async () => {
      state.calls++;
      if (!state.healthy) throw new Error('network down');
      return {
        channels: [{ id: 'general', name: 'general', archived: false, unread: 2, mentions: 0 }],
      };
    },
  } as unknown as ApiClient;
  return { client, state };
}

const realtime = { subscribe: () => () => {} } as unknown as RealtimeConnection;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('WorkspaceStore', () => {
  it('says when the channels of a space failed to load, and loads them again on retry', async () => {
    const space = { id: 's1', name: 'Escouade Numérique', membership: 'member' } as Space;
    const { client, state } = flakyClient(space);
    const store = new WorkspaceStore(
      client,
      realtime,
      () => 'me',
      () => 'fr',
    );
    store.start();
    await until(() => store.spaces.value?.[0]?.failed === true);
    expect(store.spaces.value?.[0]?.channels).toBeNull();

    state.healthy = true;
    store.retryChannels('s1');
    expect(store.spaces.value?.[0]?.failed).toBe(false);
    await until(() => store.spaces.value?.[0]?.channels != null);
    expect(store.totals.value.unread).toBe(2);
    expect(state.calls).toBe(2);
    store.stop();
  });
});
