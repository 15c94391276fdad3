import { describe, expect, it } from 'vitest';
import type { BoardWithCards, Card } from '../boards/types';
import { testCard } from '../boards/testCards';
import { cardHref, cardsLinkingTo, inAppPath, taskFrom } from './cards';

/** A card of the test board in column `column`, with its links: the rest as the board tests have it. */
const card = (id: string, column: string, links: Card['links']): Card =>
  testCard(id, column, 'a', { links });

describe('cards of a document', () => {
  it('finds the cards that link to the document, with their board and column', () => {
    const boards = [
      {
        id: 'B',
        name: 'Suivi',
        columns: [
          { id: 'c1', name: 'À faire', archived: false },
          { id: 'c2', name: 'En cours', archived: false },
        ],
        cards: [
          card('1', 'c1', [{ kind: 'document', id: 'D' }]),
          card('2', 'c2', [{ kind: 'file', id: 'D' }]),
          card('3', 'c2', [
            { kind: 'message', id: 'm' },
            { kind: 'document', id: 'D' },
          ]),
        ],
      },
    ] as unknown as BoardWithCards[];
    expect(cardsLinkingTo(boards, 'D').map((l) => [l.card.id, l.boardName, l.columnName])).toEqual([
      ['1', 'Suivi', 'À faire'],
      ['3', 'Suivi', 'En cours'],
    ]);
    expect(cardsLinkingTo(boards, 'other')).toEqual([]);
  });

  it('opens a card on its board', () => {
    expect(cardHref('S 1', 'B', 'C')).toBe('/spaces/S%201/boards?board=B&card=C');
  });

  it('makes a task from the selection, else from the title', () => {
    expect(taskFrom('  ## Mesurer la porte\n- et le toit', 'Notes')).toEqual({
      title: 'Mesurer la porte',
      description: '## Mesurer la porte\n- et le toit',
    });
    expect(taskFrom('', 'Notes de réunion')).toEqual({
      title: 'Notes de réunion',
      description: '',
    });
    expect(taskFrom('x'.repeat(300), 'T').title).toHaveLength(200);
  });

  it('keeps links to the app inside it, and only those', () => {
    const o = 'https://atelier.example';
    expect(inAppPath('https://atelier.example/spaces/S/boards?board=B&card=C', o)).toBe(
      '/spaces/S/boards?board=B&card=C',
    );
    expect(inAppPath('https://ailleurs.example/spaces/S', o)).toBeNull();
    expect(inAppPath('https://atelier.example/api/spaces/S/files/F/content', o)).toBeNull();
  });
});
