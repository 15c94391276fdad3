/** Wire types of task boards (docs/protocol.md « Task boards », docs/openapi.json). */

export interface Column {
  id: string;
  name: string;
  wipLimit?: number;
  archived: boolean;
}

export interface Swimlane {
  id: string;
  name: string;
  archived: boolean;
}

export interface ChecklistItem {
  id?: string;
  text: string;
  done: boolean;
}

export interface CardComment {
  id: string;
  author: string;
  text: string;
  at: string;
}

export interface CardLink {
  kind: 'message' | 'document' | 'file';
  id: string;
}

export interface Card {
  id: string;
  space: string;
  board: string;
  column: string;
  swimlane?: string;
  position: string;
  title: string;
  description: string;
  assignees: string[];
  labels: string[];
  due?: string;
  checklist: ChecklistItem[];
  comments: CardComment[];
  blockedBy: string[];
  links: CardLink[];
  message?: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface Board {
  id: string;
  space: string;
  name: string;
  columns: Column[];
  swimlanes: Swimlane[];
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface BoardWithCards extends Board {
  cards: Card[];
}

export interface Task {
  card: Card;
  board: { id: string; name: string };
  space: { id: string; name: string; state: string };
  columnName: string;
  done: boolean;
}

/** The fields a PATCH may carry (with the version it was made over). */
export type CardPatch = Partial<
  Pick<Card, 'title' | 'description' | 'assignees' | 'labels' | 'checklist' | 'blockedBy' | 'links'>
> & { due?: string | null; swimlane?: string | null };

export interface CardFilter {
  assignee?: string;
  label?: string;
  due?: 'overdue' | 'soon';
  blocked?: boolean;
  /** Client side only (the board's lane rows): a row key, '' for the cards without a lane. */
  swimlane?: string;
}

/**
 * Where a card goes: a column, under `after` and/or above `before` (neither: the top), and on a
 * board with lanes the lane (null: none; absent: the card keeps its lane).
 */
export interface MoveTarget {
  column: string;
  after?: string;
  before?: string;
  swimlane?: string | null;
}
