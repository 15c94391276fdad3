export * from './types';
export { ApiClient, ApiError, readCookie, parseRetryAfter, CSRF_COOKIE, CSRF_HEADER } from './http';
export { RealtimeConnection, defaultSocketUrl } from './realtime';
export type { ConnectionState, SpaceListener, SocketLike } from './realtime';
export { SeqTracker } from './seqTracker';
export { backoffDelay } from './backoff';
