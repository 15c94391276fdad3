import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, safeNext, type Route } from './router';

describe('parseRoute', () => {
  it('reads every screen from its URL', () => {
    expect(parseRoute('/')).toEqual({ name: 'directory', filter: {} });
    expect(parseRoute('/signin', '?next=%2Fspaces%2Fabc')).toEqual({
      name: 'signin',
      next: '/spaces/abc',
    });
    expect(parseRoute('/spaces/abc')).toEqual({ name: 'space', id: 'abc', tab: 'home' });
    expect(parseRoute('/spaces/abc/home')).toEqual({ name: 'space', id: 'abc', tab: 'home' });
    expect(parseRoute('/propose')).toEqual({ name: 'propose' });
    expect(parseRoute('/admin')).toEqual({ name: 'admin', section: 'proposals' });
    expect(parseRoute('/admin/accounts')).toEqual({ name: 'admin', section: 'accounts' });
    expect(parseRoute('/profile/')).toEqual({ name: 'profile' });
  });

  it('reads the directory filters and drops unknown values', () => {
    expect(
      parseRoute('/spaces', '?kind=tactical&state=dormant&theme=Num%C3%A9rique&q=+eau+'),
    ).toEqual({
      name: 'directory',
      filter: { kind: 'tactical', state: 'dormant', theme: 'Numérique', q: 'eau' },
    });
    expect(parseRoute('/spaces', '?kind=club&state=')).toEqual({ name: 'directory', filter: {} });
  });

  it('answers notFound for unknown paths, tabs and sections', () => {
    expect(parseRoute('/nowhere').name).toBe('notFound');
    expect(parseRoute('/spaces/abc/wiki').name).toBe('notFound');
    expect(parseRoute('/admin/secrets').name).toBe('notFound');
    expect(parseRoute('/spaces/a/home/extra').name).toBe('notFound');
  });

  it('decodes ids', () => {
    expect(parseRoute('/spaces/a%20b')).toEqual({ name: 'space', id: 'a b', tab: 'home' });
  });
});

describe('safeNext', () => {
  it('keeps only paths on this site', () => {
    expect(safeNext('/spaces')).toBe('/spaces');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(parseRoute('/signin', '?next=https://evil.example')).toEqual({
      name: 'signin',
      next: null,
    });
  });
});

describe('hrefFor', () => {
  it('is the inverse of parseRoute', () => {
    const routes: Route[] = [
      { name: 'directory', filter: {} },
      { name: 'directory', filter: { kind: 'squad', theme: 'Bois & forêts', q: 'x' } },
      { name: 'space', id: 'id/with?odd', tab: 'home' },
      { name: 'signin', next: '/spaces?kind=squad' },
      { name: 'signin', next: null },
      { name: 'propose' },
      { name: 'admin', section: 'organisations' },
      { name: 'profile' },
    ];
    for (const route of routes) {
      const url = new URL(hrefFor(route), 'http://x');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});
