import { hrefFor } from '../router';
import type { BoardWithCards, Card } from '../boards/types';

/** A card that points to a document, with where it sits. */
export interface LinkedCard {
  card: Card;
  boardName: string;
  columnName: string;
}

/** Where a card opens in the client: its board, with the card's dialog open. */
export function cardHref(space: string, board: string, card: string): string {
  return `${hrefFor({ name: 'space', id: space, tab: 'boards' })}?board=${encodeURIComponent(board)}&card=${encodeURIComponent(card)}`;
}

export const linksTo = (card: Card, doc: string) =>
  card.links.some((l) => l.kind === 'document' && l.id === doc);

/** The cards of the space's boards that link to `doc`, board by board, in board order. */
export function cardsLinkingTo(boards: readonly BoardWithCards[], doc: string): LinkedCard[] {
  return boards.flatMap((b) =>
    b.cards
      .filter((c) => linksTo(c, doc))
      .map((card) => ({
        card,
        boardName: b.name,
        columnName: b.columns.find((col) => col.id === card.column)?.name ?? '',
      })),
  );
}

/**
 * A task made from a document: its title is the selection's first line (else the document's
 * title), at most 200 characters; a selection of several lines becomes the description too.
 */
export function taskFrom(
  selection: string,
  docTitle: string,
): { title: string; description: string } {
  const text = selection.trim();
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const title = (first.replace(/^[#>*\-\s]+/, '').trim() || docTitle).slice(0, 200);
  return { title, description: text.includes('\n') ? text : '' };
}

/** The app path a link of a document's preview opens inside the app, or null (another site, the API). */
export function inAppPath(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname.startsWith('/api/') || url.pathname === '/health')
    return null;
  return url.pathname + url.search + url.hash;
}
