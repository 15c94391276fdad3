import type { Card } from './types';

/** A card of board `b` in space `s` for the board tests: only what a test names differs. */
export function testCard(
  id: string,
  column: string,
  position: string,
  extra: Partial<Card> = {},
): Card {
  return {
    id,
    space: 's',
    board: 'b',
    column,
    position,
    title: id,
    description: '',
    assignees: [],
    labels: [],
    checklist: [],
    comments: [],
    blockedBy: [],
    links: [],
    version: 1,
    createdAt: '',
    createdBy: 'u',
    updatedAt: '',
    ...extra,
  };
}
