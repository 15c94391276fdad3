import type { ApiClient } from '../../../api/http';
import type { ChannelView, ChatMessage, SentMessage, Channel } from '../../../chat/types';

/** The REST calls of discussions (docs/protocol.md, "REST endpoints of discussions"). */
export class ChatApi {
  constructor(
    private readonly client: ApiClient,
    private readonly space: string,
  ) {}

  private get base(): string {
    return `/api/spaces/${encodeURIComponent(this.space)}`;
  }

  private channelPath(channel: string): string {
    return `${this.base}/channels/${encodeURIComponent(channel)}`;
  }

  async channels(): Promise<ChannelView[]> {
    return (await this.client.request<{ channels: ChannelView[] }>('GET', `${this.base}/channels`))
      .channels;
  }

  createChannel(name: string): Promise<Channel> {
    return this.client.request('POST', `${this.base}/channels`, { name });
  }

  updateChannel(channel: string, patch: { name?: string; archived?: boolean }): Promise<Channel> {
    return this.client.request('PATCH', this.channelPath(channel), patch);
  }

  async history(channel: string, before?: number, limit = 50): Promise<ChatMessage[]> {
    const params = new URLSearchParams({ limit: String(limit) });
    if (before) params.set('before', String(before));
    return (
      await this.client.request<{ messages: ChatMessage[] }>(
        'GET',
        `${this.channelPath(channel)}/messages?${params}`,
      )
    ).messages;
  }

  async replies(channel: string, root: string, after = 0, limit = 200): Promise<ChatMessage[]> {
    const params = new URLSearchParams({ after: String(after), limit: String(limit) });
    return (
      await this.client.request<{ messages: ChatMessage[] }>(
        'GET',
        `${this.channelPath(channel)}/messages/${encodeURIComponent(root)}/replies?${params}`,
      )
    ).messages;
  }

  send(
    channel: string,
    text: string,
    clientId: string,
    thread?: string,
    files?: readonly string[],
  ): Promise<SentMessage> {
    const body: { text: string; clientId: string; thread?: string; files?: string[] } = {
      text,
      clientId,
    };
    if (thread) body.thread = thread;
    if (files && files.length > 0) body.files = [...files];
    return this.client.request('POST', `${this.channelPath(channel)}/messages`, body);
  }

  read(channel: string, seq: number): Promise<ChannelView> {
    return this.client.request('POST', `${this.channelPath(channel)}/read`, { seq });
  }

  edit(id: string, text: string): Promise<ChatMessage> {
    return this.client.request('PATCH', `${this.base}/messages/${encodeURIComponent(id)}`, {
      text,
    });
  }

  remove(id: string): Promise<ChatMessage> {
    return this.client.request('DELETE', `${this.base}/messages/${encodeURIComponent(id)}`);
  }

  react(id: string, emoji: string): Promise<ChatMessage> {
    return this.client.request(
      'POST',
      `${this.base}/messages/${encodeURIComponent(id)}/reactions`,
      { emoji },
    );
  }
}
