import { memo } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { cardDraggable } from './dnd';
import type { KeyMove } from './model';
import type { Card } from './types';

/**
 * One card on the board: a focusable item (Enter opens it, Alt + arrows move it, Alt + Shift + up
 * or down to another lane) that can be dragged. Memoised: a 500-card board re-renders only the
 * cards that changed.
 */
export const CardTile = memo(function CardTile(props: {
  card: Card;
  /** The row key of the card's lane, on a board with lanes. */
  lane?: string;
  canWrite: boolean;
  blocked: boolean;
  due: 'overdue' | 'soon' | null;
  nameOf: (id: string) => string;
  onOpen: (id: string) => void;
  onKeyMove: (id: string, dir: KeyMove) => void;
}) {
  const ref = useRef<HTMLLIElement>(null);
  const c = props.card;
  useEffect(() => {
    if (!props.canWrite || !ref.current) return;
    return cardDraggable(ref.current, c.id, c.column, props.lane);
  }, [c.id, c.column, props.lane, props.canWrite]);
  const done = c.checklist.filter((i) => i.done).length;
  return (
    <li
      ref={ref}
      class={`board-card${props.blocked ? ' board-card-blocked' : ''}`}
      data-card={c.id}
      tabIndex={0}
      aria-label={c.title}
      aria-describedby="board-keys-hint"
      onClick={() => props.onOpen(c.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          props.onOpen(c.id);
          return;
        }
        const dir = e.shiftKey
          ? ({ ArrowUp: 'laneUp', ArrowDown: 'laneDown' } as const)[e.key as 'ArrowUp']
          : ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[
              e.key as 'ArrowUp'
            ];
        if (dir && e.altKey && props.canWrite) {
          e.preventDefault();
          props.onKeyMove(c.id, dir);
        }
      }}
    >
      <span class="board-card-title">{c.title}</span>
      <span class="board-card-meta">
        {c.labels.map((l) => (
          <span key={l} class="board-label">
            {l}
          </span>
        ))}
        {c.due && (
          <span class={`board-due${props.due ? ` board-due-${props.due}` : ''}`}>
            {props.due === 'overdue'
              ? t('board.due.overdue', { date: c.due })
              : t('board.due.on', { date: c.due })}
          </span>
        )}
        {props.blocked && <span class="board-blocked">{t('board.blocked')}</span>}
        {c.checklist.length > 0 && (
          <span class="board-checklist-count">
            {t('board.checklist.count', { done, total: c.checklist.length })}
          </span>
        )}
        {c.assignees.length > 0 && (
          <span class="board-assignees">{c.assignees.map(props.nameOf).join(', ')}</span>
        )}
      </span>
    </li>
  );
});
