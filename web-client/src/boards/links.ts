import { hrefFor } from '../router';
import type { CardLink } from './types';

/** Something of the space a card can point to, with what the person reads. */
export interface Linkable extends CardLink {
  label: string;
}

/** Adds a link once (a second time changes nothing); at most 50, as the server allows. */
export function addLink(links: readonly CardLink[], link: CardLink): CardLink[] {
  if (links.some((l) => l.kind === link.kind && l.id === link.id)) return [...links];
  return [...links, { kind: link.kind, id: link.id }].slice(0, 50);
}

export function removeLink(links: readonly CardLink[], link: CardLink): CardLink[] {
  return links.filter((l) => !(l.kind === link.kind && l.id === link.id));
}

/** Where a linked document or file opens in the client (a message opens in its channel). */
export function linkHref(space: string, link: CardLink): string {
  if (link.kind === 'document')
    return hrefFor({ name: 'space', id: space, tab: 'documents', doc: link.id });
  if (link.kind === 'file')
    return `${hrefFor({ name: 'space', id: space, tab: 'files' })}?file=${encodeURIComponent(link.id)}`;
  return hrefFor({ name: 'space', id: space, tab: 'discussions' });
}
