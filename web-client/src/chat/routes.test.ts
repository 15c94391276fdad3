import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, type Route } from '../router';

describe('discussion URLs', () => {
  it('parses the discussions section, a channel and a thread', () => {
    expect(parseRoute('/spaces/s1/discussions')).toEqual({
      name: 'space',
      id: 's1',
      tab: 'discussions',
    });
    expect(parseRoute('/spaces/s1/discussions/general')).toEqual({
      name: 'space',
      id: 's1',
      tab: 'discussions',
      channel: 'general',
    });
    expect(parseRoute('/spaces/s1/discussions/c%201/m9')).toEqual({
      name: 'space',
      id: 's1',
      tab: 'discussions',
      channel: 'c 1',
      thread: 'm9',
    });
    expect(parseRoute('/spaces/s1/discussions/a/b/c').name).toBe('notFound');
    expect(parseRoute('/spaces/s1/home/general').name).toBe('notFound');
  });

  it('builds the same URLs back', () => {
    const routes: Route[] = [
      { name: 'space', id: 's1', tab: 'discussions' },
      { name: 'space', id: 's1', tab: 'discussions', channel: 'general' },
      { name: 'space', id: 's/1', tab: 'discussions', channel: 'c 1', thread: 'm9' },
    ];
    for (const r of routes) {
      const url = new URL(hrefFor(r), 'http://x');
      expect(parseRoute(url.pathname, url.search)).toEqual(r);
    }
  });
});
