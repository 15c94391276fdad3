import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Member, Space } from '../api/types';
import { t } from '../i18n';
import { realtime } from '../state/session';
import { ErrorNotice, Loading } from '../ui/components';
import { getBoard, moveCard } from './api';
import { CardDialog } from './CardDialog';
import { CardTile } from './CardTile';
import { ColumnView, NewColumn } from './ColumnParts';
import { watchDrops } from './dnd';
import { LaneGrid, rowName } from './LaneGrid';
import {
  cellCards,
  gridOf,
  hasLanes,
  laneKeyOf,
  laneRows,
  NO_LANE,
  rowCounts,
  rowTakes,
} from './lanes';
import {
  applyBoardEvent,
  boardOrder,
  columnsOf,
  doneColumn,
  dropTarget,
  dueStatus,
  fromView,
  isBlocked,
  keyboardTarget,
  labelsOf,
  localToday,
  matches,
  placeLocally,
  settleMove,
  upsertCard,
  type BoardState,
  type KeyMove,
} from './model';
import { laneErrorText, laneProblem, SwimlanesPanel } from './SwimlanesPanel';
import type { Card, CardFilter, MoveTarget } from './types';

/** The lanes a person folded on a board, kept in the browser between visits. */
function useCollapsed(board: string): [ReadonlySet<string>, (key: string, open?: boolean) => void] {
  const storeKey = `atelier.board.collapsed.${board}`;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => {
    try {
      return new Set(JSON.parse(localStorage.getItem(storeKey) ?? '[]') as string[]);
    } catch {
      return new Set();
    }
  });
  const toggle = useCallback(
    (key: string, open?: boolean) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (open ?? next.has(key)) next.delete(key);
        else next.add(key);
        if (next.size === c.size && [...next].every((k) => c.has(k))) return c;
        try {
          localStorage.setItem(storeKey, JSON.stringify([...next]));
        } catch {
          // Private browsing or a full storage: folding still works for this visit.
        }
        return next;
      }),
    [storeKey],
  );
  return [collapsed, toggle];
}

/** One board: its columns and cards (or a list), lanes, filters, drag and drop, keyboard moves, live. */
export function BoardView(props: {
  space: Space;
  boardId: string;
  me: string;
  members: Member[];
  canWrite: boolean;
  /** A card to open at once (a search result or a notification links to it). */
  initialCard?: string | null;
}) {
  const { space, boardId, canWrite } = props;
  const [state, setState] = useState<BoardState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<CardFilter>({});
  const [list, setList] = useState(false);
  const [managing, setManaging] = useState(false);
  const [open, setOpen] = useState<string | null>(props.initialCard ?? null);
  const [said, say] = useState('');
  const [focusCard, setFocusCard] = useState<string | null>(null);
  const [collapsed, toggleLane] = useCollapsed(boardId);
  const stateRef = useRef<BoardState | null>(null);
  const moves = useRef<Promise<void>>(Promise.resolve());
  stateRef.current = state;

  const load = () =>
    getBoard(space.id, boardId).then((v) => {
      setState(fromView(v));
      setError(null);
    }, setError);
  useEffect(() => {
    void load();
    return realtime.subscribe(space.id, {
      onEvent: (e) => setState((s) => (s ? applyBoardEvent(s, e.kind, e.data) : s)),
      onReset: () => void load(),
    });
  }, [space.id, boardId]);

  const nameOf = useCallback(
    (id: string) => props.members.find((m) => m.user.id === id)?.user.name ?? t('board.someone'),
    [props.members],
  );

  const move = useCallback(
    (cardId: string, target: MoveTarget, announce: boolean) => {
      const s = stateRef.current;
      if (!s) return;
      const placed = placeLocally(s, cardId, target);
      setState(placed);
      if (announce) say(announcement(placed, cardId));
      // Moves go to the server one after the other, in the order they were made: two quick
      // keyboard moves sent at once could arrive in the other order and leave the card where the
      // first one put it. Each target names its neighbours, so it still means what was shown.
      moves.current = moves.current.then(() =>
        moveCard(space.id, boardId, cardId, target).then(
          (card) => setState((x) => (x ? settleMove(x, card) : x)),
          (e) => {
            setError(e);
            void load();
          },
        ),
      );
    },
    [space.id, boardId],
  );

  useEffect(
    () =>
      watchDrops((cardId, place) => {
        const s = stateRef.current;
        const target = s && dropTarget(s, cardId, place);
        if (target) move(cardId, target, true);
        // Refused only when dropped into an archived lane the card is not in: say why.
        else if (
          s &&
          place.lane !== undefined &&
          !rowTakes(s.board, place.lane, s.cards.get(cardId))
        ) {
          setError(laneProblem('swimlane', 'archived'));
          say(t('board.lanes.archivedError'));
        }
      }),
    [move],
  );

  const onKeyMove = useCallback(
    (cardId: string, dir: KeyMove) => {
      const s = stateRef.current;
      const target = s && keyboardTarget(s, cardId, dir);
      if (!target) {
        say(t('board.cannotMove'));
        return;
      }
      // Focus follows the card: a folded lane it goes into is unfolded.
      if (target.swimlane !== undefined) toggleLane(target.swimlane ?? NO_LANE, true);
      setFocusCard(cardId);
      move(cardId, target, true);
    },
    [move, toggleLane],
  );

  // A card moved to another column is a new element: focus follows it as soon as it is in the page.
  useLayoutEffect(() => {
    if (!focusCard) return;
    (
      document.querySelector(`[data-card="${CSS.escape(focusCard)}"]`) as HTMLElement | null
    )?.focus();
  }, [focusCard, state]);

  const today = localToday();
  const lanes = state ? hasLanes(state.board) : false;
  const columns = useMemo(
    () => (state && !lanes ? columnsOf(state, filter, today) : new Map<string, Card[]>()),
    [state, filter, today, lanes],
  );
  const grid = useMemo(
    () =>
      state && lanes
        ? gridOf(state.board, state.cards.values(), (c) => matches(c, filter, state, today))
        : new Map<string, Map<string, Card[]>>(),
    [state, filter, today, lanes],
  );
  if (error && !state) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!state) return <Loading />;
  const done = doneColumn(state.board);
  const columnCounts = new Map([...columnsOf(state)].map(([id, l]) => [id, l.length]));
  const shownColumns = state.board.columns.filter((c) => !c.archived);
  const laneKey = laneKeyOf(state.board);
  const tile = (c: Card, lane?: string) => (
    <CardTile
      key={c.id}
      card={c}
      lane={lane}
      canWrite={canWrite}
      blocked={isBlocked(c, state.cards, done)}
      due={dueStatus(c, today, done)}
      nameOf={nameOf}
      onOpen={setOpen}
      onKeyMove={onKeyMove}
    />
  );
  const onAdded = (card: Card) => setState((s) => (s ? upsertCard(s, card) : s));

  return (
    <div class="board">
      <p class="visually-hidden" aria-live="polite" role="status" data-testid="board-live">
        {said}
      </p>
      <p id="board-keys-hint" class="board-hint">
        {t(lanes ? 'board.keysHintLanes' : 'board.keysHint')}
      </p>
      {error != null && (
        <div class="notice notice-error" role="alert">
          <p>{laneErrorText(error)}</p>
        </div>
      )}
      <Filters
        state={state}
        filter={filter}
        onChange={setFilter}
        nameOf={nameOf}
        me={props.me}
        list={list}
        onList={setList}
      />
      {canWrite && (
        <div class="board-tools">
          <button
            type="button"
            class="button secondary"
            aria-expanded={managing}
            onClick={() => setManaging(!managing)}
          >
            {t('board.lanes.manage')}
          </button>
        </div>
      )}
      {managing && canWrite && <SwimlanesPanel space={space.id} board={state.board} />}
      {list ? (
        <table class="board-list">
          <caption class="visually-hidden">{state.board.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('board.field.title')}</th>
              <th scope="col">{t('board.field.column')}</th>
              {lanes && <th scope="col">{t('board.field.swimlane')}</th>}
              <th scope="col">{t('board.field.assignees')}</th>
              <th scope="col">{t('board.field.labels')}</th>
              <th scope="col">{t('board.field.due')}</th>
            </tr>
          </thead>
          <tbody>
            {boardOrder(state, filter, today).map((c) => (
              <tr key={c.id}>
                <td>
                  <button type="button" class="link-button" onClick={() => setOpen(c.id)}>
                    {c.title}
                  </button>
                </td>
                <td>{state.board.columns.find((x) => x.id === c.column)?.name}</td>
                {lanes && (
                  <td>
                    {rowName({
                      key: laneKey(c),
                      lane: state.board.swimlanes.find((l) => l.id === laneKey(c)) ?? null,
                    })}
                  </td>
                )}
                <td>{c.assignees.map(nameOf).join(', ')}</td>
                <td>{c.labels.join(', ')}</td>
                <td>{c.due ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : lanes ? (
        <>
          <LaneGrid
            board={state.board}
            columns={shownColumns}
            grid={grid}
            columnCounts={columnCounts}
            rowCounts={rowCounts(state.board, state.cards.values())}
            collapsed={collapsed}
            onToggle={toggleLane}
            canWrite={canWrite}
            space={space.id}
            tile={tile}
            onAdded={onAdded}
          />
          {canWrite && <NewColumn space={space.id} board={boardId} />}
        </>
      ) : (
        <div class="board-columns">
          {shownColumns.map((col, i) => (
            <ColumnView
              key={col.id}
              column={col}
              index={i}
              count={columnCounts.get(col.id) ?? 0}
              canWrite={canWrite}
              space={space.id}
              board={boardId}
              order={shownColumns.map((c) => c.id)}
              allColumns={state.board.columns.map((c) => c.id)}
              onAdded={onAdded}
            >
              {(columns.get(col.id) ?? []).map((c) => tile(c))}
            </ColumnView>
          ))}
          {canWrite && <NewColumn space={space.id} board={boardId} />}
        </div>
      )}
      {open && state.cards.get(open) && (
        <CardDialog
          space={space.id}
          state={state}
          cardId={open}
          members={props.members}
          nameOf={nameOf}
          canWrite={canWrite}
          onSaved={onAdded}
          onClose={() => {
            const id = open;
            setOpen(null);
            (
              document.querySelector(`[data-card="${CSS.escape(id)}"]`) as HTMLElement | null
            )?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * What a screen reader hears after a move: the column and place of the card, and its lane on a
 * board with lanes (the place counted in its cell).
 */
function announcement(placed: BoardState, cardId: string): string {
  const card = placed.cards.get(cardId);
  if (!card) return '';
  const board = placed.board;
  const column = board.columns.find((c) => c.id === card.column)?.name ?? '';
  if (!hasLanes(board)) {
    const inColumn = columnsOf(placed).get(card.column) ?? [];
    return t('board.moved', {
      title: card.title,
      column,
      position: inColumn.findIndex((c) => c.id === cardId) + 1,
      total: inColumn.length,
    });
  }
  const key = laneKeyOf(board)(card);
  const cell = cellCards(board, placed.cards.values(), card.column, key);
  const row = laneRows(board).find((r) => r.key === key) ?? { key, lane: null };
  return t('board.movedLane', {
    title: card.title,
    column,
    lane: rowName(row),
    position: cell.findIndex((c) => c.id === cardId) + 1,
    total: cell.length,
  });
}

/** The lane filter's option for the cards without a lane (the row key itself is empty). */
const NONE_OPTION = '-';

function Filters(props: {
  state: BoardState;
  filter: CardFilter;
  onChange: (f: CardFilter) => void;
  nameOf: (id: string) => string;
  me: string;
  list: boolean;
  onList: (list: boolean) => void;
}) {
  const f = props.filter;
  const people = [...new Set([...props.state.cards.values()].flatMap((c) => c.assignees))];
  return (
    <div class="board-filters" role="group" aria-label={t('board.filters')}>
      <label>
        {t('board.filter.assignee')}{' '}
        <select
          value={f.assignee ?? ''}
          onChange={(e) =>
            props.onChange({ ...f, assignee: (e.target as HTMLSelectElement).value || undefined })
          }
        >
          <option value="">{t('board.filter.anyone')}</option>
          <option value={props.me}>{t('board.filter.me')}</option>
          {people
            .filter((p) => p !== props.me)
            .map((p) => (
              <option key={p} value={p}>
                {props.nameOf(p)}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('board.filter.label')}{' '}
        <select
          value={f.label ?? ''}
          onChange={(e) =>
            props.onChange({ ...f, label: (e.target as HTMLSelectElement).value || undefined })
          }
        >
          <option value="">{t('board.filter.anyLabel')}</option>
          {labelsOf(props.state).map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('board.filter.due')}{' '}
        <select
          value={f.due ?? ''}
          onChange={(e) =>
            props.onChange({
              ...f,
              due: ((e.target as HTMLSelectElement).value || undefined) as CardFilter['due'],
            })
          }
        >
          <option value="">{t('board.filter.anyDue')}</option>
          <option value="soon">{t('board.filter.soon')}</option>
          <option value="overdue">{t('board.filter.overdue')}</option>
        </select>
      </label>
      {hasLanes(props.state.board) && (
        <label>
          {t('board.filter.lane')}{' '}
          <select
            value={f.swimlane === undefined ? '' : f.swimlane || NONE_OPTION}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              props.onChange({
                ...f,
                swimlane: v === '' ? undefined : v === NONE_OPTION ? NO_LANE : v,
              });
            }}
          >
            <option value="">{t('board.filter.anyLane')}</option>
            {laneRows(props.state.board).map((r) => (
              <option key={r.key || NONE_OPTION} value={r.key || NONE_OPTION}>
                {rowName(r)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <input
          type="checkbox"
          checked={f.blocked === true}
          onChange={(e) =>
            props.onChange({
              ...f,
              blocked: (e.target as HTMLInputElement).checked ? true : undefined,
            })
          }
        />{' '}
        {t('board.filter.blocked')}
      </label>
      <button
        type="button"
        class="button secondary"
        aria-pressed={props.list}
        onClick={() => props.onList(!props.list)}
      >
        {props.list ? t('board.view.columns') : t('board.view.list')}
      </button>
    </div>
  );
}
