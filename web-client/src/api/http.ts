import type {
  ErrorBody,
  JoinDecision,
  JoinRequest,
  Locale,
  LoginResponse,
  Member,
  MemberRole,
  Membership,
  MePatch,
  NewSquad,
  NewTacticalGroup,
  NewUser,
  Organisation,
  Space,
  SpacePatch,
  SpaceFilter,
  StateChange,
  Theme,
  User,
  UserPatch,
} from './types';

/** A failed call: the server's `{"error":{code,message,fields}}`, or `network` when none came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Seconds to wait, from `Retry-After` on a 429. */
    readonly retryAfter: number | null = null,
    /** The whole answer, for errors that carry more (a board card's 409 carries the current card). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const CSRF_COOKIE = 'atelier_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Reads one cookie from a `document.cookie` string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export interface ApiClientOptions {
  /** Locale sent as `Accept-Language`, so the server's error messages come in it. */
  locale: () => Locale;
  /** Called when a call other than login answers 401: the session is gone. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
  cookies?: () => string;
  baseUrl?: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The typed REST client. Browser calls ride on the session cookie (credentials same-origin);
 * every state-changing call carries `X-CSRF-Token`, read from the `atelier_csrf` cookie, or the
 * token the login answer returned when the cookie cannot be read.
 */
export class ApiClient {
  private csrfFromLogin: string | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  csrfToken(): string | null {
    const cookies =
      this.options.cookies?.() ?? (typeof document !== 'undefined' ? document.cookie : '');
    return readCookie(cookies, CSRF_COOKIE) ?? this.csrfFromLogin;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.options.locale(),
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (STATE_CHANGING.has(method)) {
      const token = this.csrfToken();
      if (token) headers[CSRF_HEADER] = token;
    }
    let response: Response;
    try {
      response = await this.fetchImpl((this.options.baseUrl ?? '') + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      const error = (json as ErrorBody | null)?.error;
      const apiError = new ApiError(
        response.status,
        error?.code ?? codeForStatus(response.status),
        error?.message ?? '',
        error?.fields ?? {},
        parseRetryAfter(response.headers.get('Retry-After')),
        json,
      );
      if (response.status === 401 && path !== '/api/auth/login') this.options.onUnauthorized?.();
      throw apiError;
    }
    return json as T;
  }

  // --- authentication and the person ---------------------------------------------------------

  async login(email: string, password: string): Promise<LoginResponse> {
    const answer = await this.request<LoginResponse>('POST', '/api/auth/login', {
      email,
      password,
    });
    this.csrfFromLogin = answer.csrfToken ?? null;
    return answer;
  }

  async logout(): Promise<void> {
    try {
      await this.request<void>('POST', '/api/auth/logout');
    } finally {
      this.csrfFromLogin = null;
    }
  }

  async me(): Promise<User> {
    const user = await this.request<User>('GET', '/api/me');
    if (user.csrfToken) this.csrfFromLogin = user.csrfToken;
    return user;
  }

  updateMe(patch: MePatch): Promise<User> {
    return this.request('PATCH', '/api/me', patch);
  }

  changePassword(current: string, password: string): Promise<void> {
    return this.request('POST', '/api/me/password', { current, password });
  }

  // --- organisations and accounts ------------------------------------------------------------

  async organisations(): Promise<Organisation[]> {
    return (await this.request<{ organisations: Organisation[] }>('GET', '/api/organisations'))
      .organisations;
  }

  createOrganisation(name: string): Promise<Organisation> {
    return this.request('POST', '/api/organisations', { name });
  }

  async users(q?: string): Promise<User[]> {
    return (await this.request<{ users: User[] }>('GET', `/api/users${query({ q })}`)).users;
  }

  createUser(user: NewUser): Promise<User> {
    return this.request('POST', '/api/users', user);
  }

  updateUser(id: string, patch: UserPatch): Promise<User> {
    return this.request('PATCH', `/api/users/${encodeURIComponent(id)}`, patch);
  }

  /** A new temporary password for the account, shown in this answer only. */
  async resetPassword(id: string): Promise<string> {
    const answer = await this.request<{ temporaryPassword: string }>(
      'POST',
      `/api/users/${encodeURIComponent(id)}/password-reset`,
    );
    return answer.temporaryPassword;
  }

  // --- spaces --------------------------------------------------------------------------------

  async spaces(filter: SpaceFilter = {}): Promise<Space[]> {
    return (await this.request<{ spaces: Space[] }>('GET', `/api/spaces${query({ ...filter })}`))
      .spaces;
  }

  space(id: string): Promise<Space> {
    return this.request('GET', `/api/spaces/${encodeURIComponent(id)}`);
  }

  createSpace(space: NewSquad | NewTacticalGroup): Promise<Space> {
    return this.request('POST', '/api/spaces', space);
  }

  updateSpace(id: string, patch: SpacePatch): Promise<Space> {
    return this.request('PATCH', `/api/spaces/${encodeURIComponent(id)}`, patch);
  }

  async themes(): Promise<Theme[]> {
    return (await this.request<{ themes: Theme[] }>('GET', '/api/themes')).themes;
  }

  createTheme(name: string): Promise<Theme> {
    return this.request('POST', '/api/themes', { name });
  }

  renameTheme(id: string, name: string): Promise<Theme> {
    return this.request('PATCH', `/api/themes/${encodeURIComponent(id)}`, { name });
  }

  changeState(id: string, change: StateChange): Promise<Space> {
    return this.request('POST', `/api/spaces/${encodeURIComponent(id)}/state`, change);
  }

  async members(id: string): Promise<Member[]> {
    return (
      await this.request<{ members: Member[] }>(
        'GET',
        `/api/spaces/${encodeURIComponent(id)}/members`,
      )
    ).members;
  }

  setMember(id: string, user: string, role: MemberRole): Promise<Membership> {
    return this.request('POST', `/api/spaces/${encodeURIComponent(id)}/members`, { user, role });
  }

  removeMember(id: string, userId: string): Promise<void> {
    return this.request(
      'DELETE',
      `/api/spaces/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`,
    );
  }

  askToJoin(id: string, message?: string): Promise<JoinRequest> {
    return this.request(
      'POST',
      `/api/spaces/${encodeURIComponent(id)}/join-requests`,
      message ? { message } : {},
    );
  }

  async joinRequests(id: string): Promise<JoinRequest[]> {
    return (
      await this.request<{ requests: JoinRequest[] }>(
        'GET',
        `/api/spaces/${encodeURIComponent(id)}/join-requests`,
      )
    ).requests;
  }

  decideJoinRequest(id: string, requestId: string, decision: JoinDecision): Promise<JoinRequest> {
    return this.request(
      'POST',
      `/api/spaces/${encodeURIComponent(id)}/join-requests/${encodeURIComponent(requestId)}`,
      { decision },
    );
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'too_large';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}
