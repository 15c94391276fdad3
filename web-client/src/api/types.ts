/**
 * Wire types of the Atelier server, mirrored from docs/api-overview.md (REST; docs/openapi.yaml
 * is authoritative once present) and shared/PROTOCOL.md (WebSocket frames). This is the only
 * module that describes the server's JSON; everything else imports from here.
 */

export type Locale = 'fr' | 'en';

/** Error codes every REST error body and WebSocket `error` frame may carry. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'read_only'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorBody {
  error: {
    code: ErrorCode | string;
    message: string;
    fields?: Record<string, string>;
  };
}

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface Organisation extends OrganisationRef {
  memberCount?: number;
}

export type GlobalRole = 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  organisation: OrganisationRef | null;
  roles: GlobalRole[];
  locale?: Locale;
  timeZone?: string;
  disabled?: boolean;
  /** Signed in with a temporary password from an administrator: must choose a new one first. */
  mustChangePassword?: boolean;
  /** On `GET /api/me` when authenticated by cookie: the CSRF token of the session. */
  csrfToken?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  user: User;
  token: string;
  csrfToken?: string;
}

export interface MePatch {
  name?: string;
  locale?: Locale;
  timeZone?: string;
}

export interface PasswordChange {
  current: string;
  password: string;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  /** Optional in docs/openapi.json (an account may belong to no organisation). */
  organisation?: string;
  admin?: boolean;
}

export interface UserPatch {
  name?: string;
  /** `null` clears it (network staff). */
  organisation?: string | null;
  disabled?: boolean;
  admin?: boolean;
}

export type SpaceKind = 'squad' | 'tactical';
export type SpaceState = 'proposed' | 'active' | 'dormant' | 'declined';
export type MemberRole = 'coordinator' | 'member' | 'observer';
export type JoinRequestStatus = 'pending' | 'accepted' | 'declined';

/** A tactical group's mandate. `start` and `end` are calendar dates `YYYY-MM-DD`. */
export interface Mandate {
  issue: string;
  objectives: string;
  deliverables: string;
  start: string;
  end: string;
}

export interface Space {
  id: string;
  kind: SpaceKind;
  name: string;
  state: SpaceState;
  theme?: string | null;
  /** The language search analyses the space's content in (French unless said otherwise). */
  language?: 'fr' | 'en';
  squad?: { id: string; name?: string | null } | null;
  mandate?: Mandate | null;
  membership: MemberRole | null;
  joinRequest?: 'pending' | null;
  memberCount?: number;
  organisations?: OrganisationRef[];
  createdAt?: string;
  createdBy?: string;
  stateReason?: string | null;
  description?: string | null;
  /** When it last changed state (e.g. went dormant). */
  stateChangedAt?: string;
  /** A tactical group's earlier mandates, oldest first (`mandate` is the current one). */
  mandates?: PastMandate[];
  /** What a dormant tactical group left behind when it closed. */
  closing?: ClosingSummary;
  /**
   * An administrator's approval given before the mandate's start date: the group stays `proposed`
   * until that date, when the server makes it `active` (the record stays).
   */
  approval?: { at: string; by: string; reason?: string };
  /** The last archive downloaded: the SHA-256 of the whole bag. */
  archive?: { sha256: string; bytes: number; at: string; by: string };
  /** Set on a tombstone: the space was purged after being archived. */
  purgedAt?: string;
}

/** Outcomes, deliverables and lessons learned, written when a tactical group closes. */
export interface ClosingSummary {
  outcomes: string;
  deliverables: string;
  lessons: string;
  at?: string;
  by?: string | null;
}

export interface PastMandate extends Mandate {
  endedAt?: string;
  closing?: ClosingSummary;
}

/** One of the managed themes (`GET /api/themes`). */
export interface Theme {
  id: string;
  name: string;
}

/** `PATCH /api/spaces/{id}`: only the fields given change. */
export interface SpacePatch {
  name?: string;
  theme?: string;
  description?: string;
  mandate?: Mandate;
  language?: 'fr' | 'en';
}

export interface SpaceFilter {
  kind?: SpaceKind;
  state?: SpaceState;
  theme?: string;
  q?: string;
}

export interface NewSquad {
  kind: 'squad';
  name: string;
  theme: string;
}

export interface NewTacticalGroup {
  kind: 'tactical';
  name: string;
  theme?: string;
  mandate: Mandate;
  squad?: string;
  state?: 'active';
}

export interface StateChange {
  state: SpaceState;
  reason?: string;
  /** Reactivating a tactical group: the whole new mandate. */
  mandate?: Mandate;
  /** Closing a tactical group: its summary. */
  closing?: Pick<ClosingSummary, 'outcomes' | 'deliverables' | 'lessons'>;
}

export interface MemberUser {
  id: string;
  name: string;
  organisation: OrganisationRef | null;
}

export interface Member {
  user: MemberUser;
  role: MemberRole;
  joinedAt: string;
}

export interface Membership {
  space: string;
  user: string;
  role: MemberRole;
  joinedAt: string;
}

export interface JoinRequest {
  id: string;
  space: string;
  user: MemberUser;
  message?: string | null;
  status: JoinRequestStatus;
  createdAt: string;
}

export type JoinDecision = 'accept' | 'decline';

// ---------------------------------------------------------------------------------------------
// WebSocket frames (shared/PROTOCOL.md)

export type ClientFrame =
  | { type: 'subscribe'; space: string; since?: number; ref?: string }
  | { type: 'unsubscribe'; space: string; ref?: string }
  | {
      type: 'message.send';
      space: string;
      channel: string;
      clientId: string;
      text: string;
      thread?: string;
      ref?: string;
    }
  | { type: 'typing'; space: string; channel: string }
  | { type: 'ping'; ref?: string }
  | DocClientFrame;

/** Known event kinds; the server may add more, so `kind` stays open. */
export type EventKind =
  | 'message.created'
  | 'message.edited'
  | 'message.deleted'
  | 'reaction.changed'
  | 'member.joined'
  | 'member.left'
  | 'member.role'
  | 'space.state'
  | 'space.approved'
  | 'space.closing'
  | 'channel.created'
  | 'channel.updated'
  | 'gap'
  | (string & {});

export interface EventFrame {
  type: 'event';
  space: string;
  seq: number;
  kind: EventKind;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface SubscribedFrame {
  type: 'subscribed';
  space: string;
  head: number;
  reset?: boolean;
  ref?: string;
}

export interface UnsubscribedFrame {
  type: 'unsubscribed';
  space: string;
  /** `removed`: sent unasked after the `member.left` event that removed this person. */
  reason?: 'removed' | (string & {});
  ref?: string;
}

export interface PresenceFrame {
  type: 'presence';
  space: string;
  online: string[];
}

export interface TypingFrame {
  type: 'typing';
  space: string;
  channel: string;
  user: string;
}

/** Addressed to one person: their read marker of a channel moved (on any device). */
export interface ReadChangedFrame {
  type: 'read.changed';
  space: string;
  channel: string;
  lastRead: number;
  unread: number;
  mentions: number;
}

export interface Message {
  id: string;
  channel: string;
  author: string;
  text: string;
  clientId: string;
  createdAt: string;
  thread?: string;
}

export interface AckFrame {
  type: 'ack';
  ref?: string;
  seq: number;
  message?: Message;
}

export interface PongFrame {
  type: 'pong';
  ref?: string;
}

export interface ErrorFrame {
  type: 'error';
  ref?: string;
  code: ErrorCode | string;
  message: string;
  fields?: Record<string, string>;
}

/** Something a person should not miss (`GET /api/notifications`, `notification` frames). */
export interface AppNotification {
  id: string;
  kind: 'mention' | 'reply' | 'join.requested' | 'space.proposed' | 'card.due' | 'mandate.ending';
  space: { id: string; name: string | null };
  actor: { id: string; name: string | null };
  at: string;
  read: boolean;
  data: {
    channel?: string;
    message?: string;
    thread?: string;
    request?: string;
    excerpt?: string;
    /** card.due: the board and card, its title and due date. */
    board?: string;
    boardName?: string;
    card?: string;
    title?: string;
    due?: string;
    /** mandate.ending: days left and the end date. */
    days?: number;
    end?: string;
  };
}

/** Addressed to one person: a new notification. */
export interface NotificationFrame {
  type: 'notification';
  notification: AppNotification;
}

/** Addressed to one person: notifications were read on one of their devices. */
export interface NotificationsReadFrame {
  type: 'notifications.read';
  /** Null: all of them. */
  ids: string[] | null;
  unread: number;
}

/** Frames addressed to the person rather than to a space. */
export type PersonalFrame = NotificationFrame | NotificationsReadFrame;

export type ServerFrame =
  | NotificationFrame
  | NotificationsReadFrame
  | EventFrame
  | SubscribedFrame
  | UnsubscribedFrame
  | PresenceFrame
  | TypingFrame
  | ReadChangedFrame
  | AckFrame
  | PongFrame
  | ErrorFrame;

// ---------------------------------------------------------------------------------------------
// Shared documents (docs/protocol.md, "Shared documents")

/** A document as listed (`text` and `head` only when one document is read). */
export interface SharedDocument {
  id: string;
  space: string;
  title: string;
  rev: number;
  head?: number;
  text?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  trashed: boolean;
}

/** ot.js JSON: retain n > 0, insert a string, delete -n. */
export type DocOpJson = (number | string)[];

export type DocClientFrame =
  | { type: 'doc.join'; space: string; doc: string; since?: number; ref?: string }
  | { type: 'doc.leave'; space: string; doc: string; ref?: string }
  | {
      type: 'doc.op';
      space: string;
      doc: string;
      rev: number;
      clientId: string;
      op: DocOpJson;
      ref?: string;
    }
  | { type: 'doc.cursor'; space: string; doc: string; rev: number; ranges: [number, number][] };

export interface DocJoinedFrame {
  type: 'doc.joined';
  space: string;
  doc: string;
  rev: number;
  text?: string;
  reset?: boolean;
  ref?: string;
}

export interface DocOpFrame {
  type: 'doc.op';
  space: string;
  doc: string;
  rev: number;
  op: DocOpJson;
  author: string;
  clientId: string;
}

export interface DocAckFrame {
  type: 'ack';
  space: string;
  doc: string;
  rev: number;
  ref?: string;
}

/** Someone's selections; `ranges` empty: they left the document. Never stored. */
export interface DocCursorFrame {
  type: 'doc.cursor';
  space: string;
  doc: string;
  user: string;
  rev: number;
  ranges: [number, number][];
}

export interface DocLeftFrame {
  type: 'doc.left';
  space: string;
  doc: string;
  /** Sent unasked: `trashed` (the document went to the trash), `removed` (access lost). */
  reason?: 'trashed' | 'removed' | (string & {});
  ref?: string;
}

export type DocServerFrame =
  DocJoinedFrame | DocOpFrame | DocAckFrame | DocCursorFrame | DocLeftFrame;

export interface DocumentVersion {
  rev: number;
  fromRev: number;
  author: string;
  start: string;
  end: string;
  revisions: number;
  created?: boolean;
}

export interface DocumentHistory {
  id: string;
  head: number;
  versions: DocumentVersion[];
  before?: number;
}
