import { describe, expect, it } from 'vitest';
import { addLink, linkHref, removeLink } from './links';

describe('card links', () => {
  const doc = { kind: 'document' as const, id: 'd1' };
  const file = { kind: 'file' as const, id: 'f1' };

  it('adds a link once and removes it', () => {
    const one = addLink([], { ...doc, label: 'Compte rendu' } as never);
    expect(one).toEqual([doc]);
    expect(addLink(one, doc)).toEqual([doc]);
    expect(removeLink(addLink(one, file), doc)).toEqual([file]);
  });

  it('keeps at most 50, as the server allows', () => {
    let links = [] as { kind: 'file'; id: string }[];
    for (let i = 0; i < 60; i++)
      links = addLink(links, { kind: 'file', id: `f${i}` }) as typeof links;
    expect(links).toHaveLength(50);
  });

  it('opens a document in the editor and a file in the files tab', () => {
    expect(linkHref('s1', doc)).toBe('/spaces/s1/documents/d1');
    expect(linkHref('s1', file)).toBe('/spaces/s1/files?file=f1');
  });
});
