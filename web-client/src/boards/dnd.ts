import {
  draggable,
  dropTargetForElements,
  monitorForElements,
} from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import {
  attachClosestEdge,
  extractClosestEdge,
} from '@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge';

/**
 * Drag and drop of cards with Pragmatic drag and drop (native HTML5 drag events, no DOM moved
 * behind the renderer's back): a card is both draggable and a drop target (its top or bottom half),
 * a column's list is a drop target (its end), and on a board with lanes each cell (a column's list
 * in one lane, `lane` its row key). The drop is reported as where the card should go; the board's
 * state decides the rest.
 */
export type DropPlace = { column: string; lane?: string; card?: string; edge?: 'top' | 'bottom' };

export function cardDraggable(
  element: HTMLElement,
  card: string,
  column: string,
  lane?: string,
): () => void {
  return combine(
    draggable({ element, getInitialData: () => ({ type: 'card', card }) }),
    dropTargetForElements({
      element,
      canDrop: ({ source }) => source.data.type === 'card' && source.data.card !== card,
      getData: ({ input, element: el }) =>
        attachClosestEdge(lane === undefined ? { column, card } : { column, card, lane }, {
          input,
          element: el,
          allowedEdges: ['top', 'bottom'],
        }),
    }),
  );
}

export function columnDropTarget(element: HTMLElement, column: string, lane?: string): () => void {
  return dropTargetForElements({
    element,
    canDrop: ({ source }) => source.data.type === 'card',
    getData: () => (lane === undefined ? { column } : { column, lane }),
  });
}

/** Calls `onDrop` with the dragged card and the innermost place it was dropped on. */
export function watchDrops(onDrop: (card: string, place: DropPlace) => void): () => void {
  return monitorForElements({
    canMonitor: ({ source }) => source.data.type === 'card',
    onDrop: ({ source, location }) => {
      const target = location.current.dropTargets[0];
      if (!target) return;
      const data = target.data as { column?: string; card?: string; lane?: string };
      if (!data.column) return;
      const edge = extractClosestEdge(target.data);
      const place: DropPlace = { column: data.column };
      if (data.lane !== undefined) place.lane = data.lane;
      if (data.card) {
        place.card = data.card;
        place.edge = edge === 'top' ? 'top' : 'bottom';
      }
      onDrop(String(source.data.card), place);
    },
  });
}
