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

describe('ChatController.reveal', () => {
  /** A channel of 1,000 top-level messages, seq 1..1000; answers history pages like the server. */
  function history(p: Posted): Response {
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    const msg = (seq: number) => ({
      id: `m${seq}`,
      seq,
      channel: 'general',
      author: 'u2',
      text: `n° ${seq}`,
      clientId: `c${seq}`,
      createdAt: '2026-03-02T09:00:00Z',
      mentions: [],
    });
    const url = new URL(p.url, 'http://test');
    const one = url.pathname.match(/^\/api\/spaces\/s1\/messages\/m(\d+)$/);
    if (one) return json(msg(Number(one[1])));
    if (url.pathname === '/api/spaces/s1/messages/gone')
      return new Response(
        JSON.stringify({ error: { code: 'not_found', message: 'Introuvable' } }),
        {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        },
      );
    if (url.pathname === '/api/spaces/s1/channels/general/messages') {
      const before = Number(url.searchParams.get('before') ?? 1001);
      const limit = Number(url.searchParams.get('limit'));
      const from = Math.max(1, before - limit);
      const list = [];
      for (let s = from; s < before; s++) list.push(msg(s));
      return json({ messages: list });
    }
    return json({ channels: [] });
  }

  it('loads older pages until the linked message is held, keeping the history continuous', async () => {
    const { chat, posted } = controller(history);
    // As the discussion does: it opens the channel, and the link's reveal comes while that loads.
    void chat.open('general');
    expect(await chat.reveal('general', 'm120')).toBe(true);
    expect(chat.log.get('m120')).toBeTruthy();
    const seqs = chat.log.channel('general').map((m) => m.seq);
    expect(seqs[seqs.length - 1]).toBe(1000);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
    // the newest page of 50, then pages of 200 back to 120: no more than needed
    expect(posted.filter((p) => p.url.includes('/channels/general/messages')).length).toBe(6);
  });

  it('answers false and leaves the channel open for a message that is gone', async () => {
    const { chat } = controller(history);
    expect(await chat.reveal('general', 'gone')).toBe(false);
  });
});
