import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, parseRetryAfter, readCookie } from './http';

function response(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function client(fetchImpl: typeof fetch, cookies = '') {
  return new ApiClient({ locale: () => 'en', fetch: fetchImpl, cookies: () => cookies });
}

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; atelier_csrf=x%2By; b=2', 'atelier_csrf')).toBe('x+y');
    expect(readCookie('a=1', 'atelier_csrf')).toBeNull();
    expect(readCookie('', 'atelier_csrf')).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60);
  });
});

describe('ApiClient', () => {
  it('sends Accept-Language, and the CSRF cookie on state-changing calls only', async () => {
    const calls: RequestInit[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init!);
      return response(200, { spaces: [] });
    }) as unknown as typeof fetch;
    const api = client(fetchImpl, 'atelier_csrf=tok123');
    await api.spaces({ kind: 'squad', q: '' });
    await api.createOrganisation('Cégep');
    const [get, post] = calls as [RequestInit, RequestInit];
    const getHeaders = get.headers as Record<string, string>;
    const postHeaders = post.headers as Record<string, string>;
    expect(getHeaders['Accept-Language']).toBe('en');
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();
    expect(postHeaders['X-CSRF-Token']).toBe('tok123');
    expect(post.credentials).toBe('same-origin');
    expect(post.body).toBe(JSON.stringify({ name: 'Cégep' }));
    expect((fetchImpl as unknown as { mock: { calls: unknown[][] } }).mock.calls[0]![0]).toBe(
      '/api/spaces?kind=squad',
    );
  });

  it('falls back to the token of the login answer when the cookie is unreadable', async () => {
    const seen: Record<string, string>[] = [];
    const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init!.headers as Record<string, string>);
      return response(200, { user: { id: 'u' }, token: 't', csrfToken: 'from-login' });
    }) as typeof fetch;
    const api = client(fetchImpl, '');
    await api.login('a@b.c', 'pw');
    await api.updateMe({ locale: 'fr' });
    expect(seen[1]!['X-CSRF-Token']).toBe('from-login');
  });

  it('turns an error body into an ApiError with fields and Retry-After', async () => {
    const api = client((async () =>
      response(
        429,
        { error: { code: 'rate_limited', message: 'Too many', fields: { email: 'x' } } },
        { 'Retry-After': '42' },
      )) as typeof fetch);
    const error = await api.login('a@b.c', 'pw').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Too many',
      fields: { email: 'x' },
      retryAfter: 42,
    });
  });

  it('reports a network failure as code "network" and a 401 to the session', async () => {
    const onUnauthorized = vi.fn();
    const down = new ApiClient({
      locale: () => 'fr',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(down.me()).rejects.toMatchObject({ code: 'network' });
    const gone = new ApiClient({
      locale: () => 'fr',
      onUnauthorized,
      fetch: (async () =>
        response(401, { error: { code: 'unauthorized', message: 'Non' } })) as typeof fetch,
    });
    await expect(gone.me()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(gone.login('a', 'b')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('answers undefined for 204 and derives a code when the body is not JSON', async () => {
    const api = client((async () => new Response(null, { status: 204 })) as typeof fetch);
    await expect(api.logout()).resolves.toBeUndefined();
    const broken = client((async () => new Response('<html>', { status: 503 })) as typeof fetch);
    await expect(broken.me()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
