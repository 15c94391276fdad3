import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../api/http';
import { RealtimeConnection } from '../../../api/realtime';
import { FakeSocket } from '../../../api/fakeSocket.test-support';
import { ChatController } from './ChatController';

interface Posted {
  url: string;
  body: Record<string, unknown>;
}

/** A controller whose REST calls go to `answer`; the posted bodies are recorded. */
function controller(answer: (p: Posted) => Response) {
  const posted: Posted[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const p = { url: String(url), body: JSON.parse(String(init?.body ?? '{}')) };
    posted.push(p);
    return answer(p);
  }) as typeof fetch;
  const client = new ApiClient({ locale: () => 'fr', fetch: fetchImpl, cookies: () => '' });
  const realtime = new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: (url) => new FakeSocket(url),
  });
  return { chat: new ChatController(client, realtime, 's1', 'u1'), posted };
}

function sent(body: Record<string, unknown>): Response {
  const message = {
    id: 'm1',
    seq: 3,
    channel: 'general',
    author: 'u1',
    text: body.text,
    clientId: body.clientId,
    createdAt: '2026-03-02T09:00:00Z',
    mentions: [],
    files: body.files,
  };
  return new Response(JSON.stringify({ seq: 3, message }), {
    status: 201,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('ChatController.send', () => {
  it('posts the files of a message with its text and clientId', async () => {
    const { chat, posted } = controller((p) => sent(p.body));
    chat.send('general', 'Le plan', undefined, ['f1', 'f2']);
    await vi.waitFor(() =>
      expect(chat.log.byClientId(posted[0]!.body.clientId as string)).toBeTruthy(),
    );
    expect(posted[0]!.url).toBe('/api/spaces/s1/channels/general/messages');
    expect(posted[0]!.body).toMatchObject({ text: 'Le plan', files: ['f1', 'f2'] });
    expect(chat.pendingIn('general')).toEqual([]);
  });

  it('keeps the files while the network is away and resends them with the same clientId', async () => {
    let down = true;
    const { chat, posted } = controller((p) => {
      if (down) throw new TypeError('Failed to fetch');
      return sent(p.body);
    });
    chat.send('general', 'Photo', 'root1', ['f9']);
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    await vi.waitFor(() => expect(chat.outbox.value.general?.[0]?.files).toEqual(['f9']));
    down = false;
    // As the controller's retry timer does: flush until it went.
    await vi.waitFor(() => {
      chat.flushAll();
      expect(chat.outbox.value.general).toEqual([]);
    });
    expect(posted[1]!.body).toEqual({
      text: 'Photo',
      clientId: posted[0]!.body.clientId,
      thread: 'root1',
      files: ['f9'],
    });
  });

  it('sends no files field for a message without files', async () => {
    const { chat, posted } = controller((p) => sent(p.body));
    chat.send('general', 'Bonjour');
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.body).not.toHaveProperty('files');
  });
});
