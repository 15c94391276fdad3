import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { AddCard, ColumnHead } from './ColumnParts';
import { columnDropTarget } from './dnd';
import { laneRows, type LaneRow } from './lanes';
import { wip } from './model';
import type { Board, Card, Column } from './types';

/** The name a row shows: its lane's, or « Sans couloir ». */
export function rowName(row: LaneRow): string {
  if (!row.lane) return t('board.lane.none');
  return row.lane.archived ? t('board.lane.archived', { name: row.lane.name }) : row.lane.name;
}

/**
 * A board with lanes: the column heads once on top (counts and WIP over the whole column, across
 * lanes), then one row per lane with a cell per column. A collapsed row renders no cell at all,
 * and cells hold only the card tiles, a drop target and an add button: a 500-card board with lanes
 * costs about what it costs without.
 */
export function LaneGrid(props: {
  board: Board;
  columns: Column[];
  /** Row key → column → cards shown (filtered). */
  grid: Map<string, Map<string, Card[]>>;
  columnCounts: Map<string, number>;
  rowCounts: Map<string, number>;
  collapsed: ReadonlySet<string>;
  onToggle: (key: string) => void;
  canWrite: boolean;
  space: string;
  tile: (card: Card, lane: string) => preact.JSX.Element;
  onAdded: (card: Card) => void;
}) {
  const { board, columns } = props;
  const order = columns.map((c) => c.id);
  const allColumns = board.columns.map((c) => c.id);
  return (
    <div class="board-grid" style={{ '--board-cols': String(columns.length) }}>
      <div class="board-grid-row board-grid-heads">
        {columns.map((col, i) => {
          const count = props.columnCounts.get(col.id) ?? 0;
          const limit = wip(col, count);
          return (
            <section
              key={col.id}
              class={`board-column board-grid-head${limit ? ` board-column-${limit}` : ''}`}
              aria-labelledby={`col-${col.id}`}
              data-column={col.id}
            >
              <ColumnHead
                column={col}
                index={i}
                count={count}
                canWrite={props.canWrite}
                space={props.space}
                board={board.id}
                order={order}
                allColumns={allColumns}
              />
            </section>
          );
        })}
      </div>
      {laneRows(board).map((row) => (
        <LaneView
          key={row.key || '-'}
          row={row}
          columns={columns}
          cells={props.grid.get(row.key)}
          count={props.rowCounts.get(row.key) ?? 0}
          collapsed={props.collapsed.has(row.key)}
          onToggle={props.onToggle}
          canWrite={props.canWrite}
          space={props.space}
          board={board.id}
          tile={props.tile}
          onAdded={props.onAdded}
        />
      ))}
    </div>
  );
}

function LaneView(props: {
  row: LaneRow;
  columns: Column[];
  cells: Map<string, Card[]> | undefined;
  count: number;
  collapsed: boolean;
  onToggle: (key: string) => void;
  canWrite: boolean;
  space: string;
  board: string;
  tile: (card: Card, lane: string) => preact.JSX.Element;
  onAdded: (card: Card) => void;
}) {
  const { row } = props;
  const name = rowName(row);
  const headId = `lane-${row.key || 'none'}`;
  const archived = row.lane?.archived ?? false;
  return (
    <section
      class={`board-lane${archived ? ' board-lane-archived' : ''}`}
      aria-labelledby={headId}
      data-lane={row.key}
    >
      <h3 class="board-lane-head" id={headId}>
        <button
          type="button"
          class="board-lane-toggle"
          aria-expanded={!props.collapsed}
          onClick={() => props.onToggle(row.key)}
        >
          <span aria-hidden="true">{props.collapsed ? '▸' : '▾'}</span> {name}
        </button>{' '}
        <span class="board-count">{String(props.count)}</span>
      </h3>
      {archived && !props.collapsed && <p class="board-note">{t('board.lane.archivedNote')}</p>}
      {!props.collapsed && (
        <div class="board-grid-row">
          {props.columns.map((col) => (
            <Cell
              key={col.id}
              column={col}
              row={row}
              laneName={name}
              cards={props.cells?.get(col.id)}
              canWrite={props.canWrite}
              space={props.space}
              board={props.board}
              tile={props.tile}
              onAdded={props.onAdded}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function Cell(props: {
  column: Column;
  row: LaneRow;
  laneName: string;
  cards: Card[] | undefined;
  canWrite: boolean;
  space: string;
  board: string;
  tile: (card: Card, lane: string) => preact.JSX.Element;
  onAdded: (card: Card) => void;
}) {
  const { column, row } = props;
  const ref = useRef<HTMLUListElement>(null);
  useEffect(
    () =>
      ref.current && props.canWrite ? columnDropTarget(ref.current, column.id, row.key) : undefined,
    [column.id, row.key, props.canWrite],
  );
  const where = { column: column.name, lane: props.laneName };
  return (
    <div class="board-cell" data-column={column.id}>
      <ul class="board-cards" ref={ref} aria-label={t('board.lane.cell', where)}>
        {(props.cards ?? []).map((c) => props.tile(c, row.key))}
      </ul>
      {props.canWrite && !row.lane?.archived && (
        <AddCard
          space={props.space}
          board={props.board}
          column={column.id}
          swimlane={row.lane?.id}
          inputLabel={t('board.lane.newTitle', where)}
          buttonText="+"
          buttonLabel={t('board.lane.addCard', where)}
          onAdded={props.onAdded}
        />
      )}
    </div>
  );
}
