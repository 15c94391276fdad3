/**
 * Wire types of the discussions (docs/protocol.md, "REST endpoints of discussions" and the
 * chat frames). Kept beside the chat code so the shared `api/types.ts` stays small.
 */

export interface Channel {
  id: string;
  name: string;
  archived: boolean;
  createdAt: string;
}

/** A channel as `GET /spaces/{id}/channels` answers it: with the caller's read state. */
export interface ChannelView extends Channel {
  lastRead: number;
  unread: number;
  mentions: number;
}

export interface ChatMessage {
  id: string;
  channel: string;
  author: string;
  text: string;
  clientId: string;
  createdAt: string;
  editedAt?: string | null;
  /** The root message's id, for a reply. */
  thread?: string | null;
  seq: number;
  mentions: string[];
  reactions: Record<string, string[]>;
  reactionsVersion: number;
  deleted: boolean;
  replyCount: number;
  /** Ids of the files attached (see src/files). */
  files?: string[];
}

export interface SentMessage {
  seq: number;
  message: ChatMessage;
}
