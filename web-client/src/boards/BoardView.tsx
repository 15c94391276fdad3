import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Member, Space } from '../api/types';
import { t } from '../i18n';
import { realtime } from '../state/session';
import { ErrorNotice, Loading } from '../ui/components';
import { addColumn, createCard, getBoard, moveCard, updateBoard, updateColumn } from './api';
import { CardDialog } from './CardDialog';
import { CardTile } from './CardTile';
import { watchDrops, columnDropTarget } from './dnd';
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
  placeLocally,
  settleMove,
  upsertCard,
  wip,
  type BoardState,
} from './model';
import type { CardFilter, Column, MoveTarget } from './types';

/** One board: its columns and cards (or a list), filters, drag and drop, keyboard moves, live. */
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
  const [open, setOpen] = useState<string | null>(props.initialCard ?? null);
  const [said, say] = useState('');
  const [focusCard, setFocusCard] = useState<string | null>(null);
  const stateRef = useRef<BoardState | null>(null);
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
      if (announce) {
        const title = s.cards.get(cardId)?.title ?? '';
        const column = s.board.columns.find((c) => c.id === target.column)?.name ?? '';
        const inColumn = columnsOf(placed).get(target.column) ?? [];
        say(
          t('board.moved', {
            title,
            column,
            position: inColumn.findIndex((c) => c.id === cardId) + 1,
            total: inColumn.length,
          }),
        );
      }
      moveCard(space.id, boardId, cardId, target).then(
        (card) => setState((x) => (x ? settleMove(x, card) : x)),
        (e) => {
          setError(e);
          void load();
        },
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
      }),
    [move],
  );

  const onKeyMove = useCallback(
    (cardId: string, dir: 'up' | 'down' | 'left' | 'right') => {
      const s = stateRef.current;
      const target = s && keyboardTarget(s, cardId, dir);
      if (!target) {
        say(t('board.cannotMove'));
        return;
      }
      setFocusCard(cardId);
      move(cardId, target, true);
    },
    [move],
  );

  // A card moved to another column is a new element: focus follows it as soon as it is in the page.
  useLayoutEffect(() => {
    if (!focusCard) return;
    (
      document.querySelector(`[data-card="${CSS.escape(focusCard)}"]`) as HTMLElement | null
    )?.focus();
  }, [focusCard, state]);

  const today = localToday();
  const columns = useMemo(
    () => (state ? columnsOf(state, filter, today) : new Map()),
    [state, filter, today],
  );
  if (error && !state) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!state) return <Loading />;
  const done = doneColumn(state.board);
  const allCounts = columnsOf(state);
  const shownColumns = state.board.columns.filter((c) => !c.archived);
  const tile = (id: string) => {
    const c = state.cards.get(id)!;
    return (
      <CardTile
        key={c.id}
        card={c}
        canWrite={canWrite}
        blocked={isBlocked(c, state.cards, done)}
        due={dueStatus(c, today, done)}
        nameOf={nameOf}
        onOpen={setOpen}
        onKeyMove={onKeyMove}
      />
    );
  };

  return (
    <div class="board">
      <p class="visually-hidden" aria-live="polite" role="status" data-testid="board-live">
        {said}
      </p>
      <p id="board-keys-hint" class="board-hint">
        {t('board.keysHint')}
      </p>
      {error != null && <ErrorNotice error={error} />}
      <Filters
        state={state}
        filter={filter}
        onChange={setFilter}
        nameOf={nameOf}
        me={props.me}
        list={list}
        onList={setList}
      />
      {list ? (
        <table class="board-list">
          <caption class="visually-hidden">{state.board.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('board.field.title')}</th>
              <th scope="col">{t('board.field.column')}</th>
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
                <td>{c.assignees.map(nameOf).join(', ')}</td>
                <td>{c.labels.join(', ')}</td>
                <td>{c.due ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div class="board-columns">
          {shownColumns.map((col, i) => (
            <ColumnView
              key={col.id}
              column={col}
              index={i}
              count={allCounts.get(col.id)?.length ?? 0}
              canWrite={canWrite}
              space={space.id}
              board={boardId}
              order={shownColumns.map((c) => c.id)}
              allColumns={state.board.columns.map((c) => c.id)}
              onAdded={(card) => setState((s) => (s ? upsertCard(s, card) : s))}
            >
              {(columns.get(col.id) ?? []).map((c: { id: string }) => tile(c.id))}
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
          onSaved={(card) => setState((s) => (s ? upsertCard(s, card) : s))}
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

function ColumnView(props: {
  column: Column;
  index: number;
  count: number;
  canWrite: boolean;
  space: string;
  board: string;
  order: string[];
  allColumns: string[];
  onAdded: (card: import('./types').Card) => void;
  children: preact.ComponentChildren;
}) {
  const col = props.column;
  const listRef = useRef<HTMLUListElement>(null);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(
    () =>
      listRef.current && props.canWrite ? columnDropTarget(listRef.current, col.id) : undefined,
    [col.id, props.canWrite],
  );
  const limit = wip(col, props.count);
  const shift = (by: -1 | 1) => {
    const order = [...props.allColumns];
    const at = order.indexOf(col.id);
    const other = order.indexOf(props.order[props.index + by] ?? '');
    if (at < 0 || other < 0) return;
    order[at] = order[other]!;
    order[other] = col.id;
    updateBoard(props.space, props.board, { columns: order }).catch(setError);
  };
  return (
    <section
      class={`board-column${limit ? ` board-column-${limit}` : ''}`}
      aria-labelledby={`col-${col.id}`}
      data-column={col.id}
    >
      <header class="board-column-head">
        <h3 id={`col-${col.id}`}>
          {col.name}{' '}
          <span class="board-count">
            {col.wipLimit !== undefined
              ? t('board.countOfLimit', { n: props.count, limit: col.wipLimit })
              : String(props.count)}
          </span>
        </h3>
        {limit && (
          <p class="board-wip-warning" role="note">
            {limit === 'over' ? t('board.wip.over') : t('board.wip.full')}
          </p>
        )}
        {props.canWrite && (
          <div class="board-column-tools">
            <button
              type="button"
              class="icon-button"
              aria-label={t('board.column.left', { name: col.name })}
              disabled={props.index === 0}
              onClick={() => shift(-1)}
            >
              ←
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label={t('board.column.right', { name: col.name })}
              disabled={props.index === props.order.length - 1}
              onClick={() => shift(1)}
            >
              →
            </button>
            <button
              type="button"
              class="icon-button"
              aria-expanded={editing}
              onClick={() => setEditing(!editing)}
            >
              {t('board.column.edit')}
            </button>
          </div>
        )}
        {editing && (
          <ColumnSettings
            space={props.space}
            board={props.board}
            column={col}
            onDone={() => setEditing(false)}
          />
        )}
        {error != null && <ErrorNotice error={error} />}
      </header>
      <ul class="board-cards" ref={listRef} aria-labelledby={`col-${col.id}`}>
        {props.children}
      </ul>
      {props.canWrite &&
        (adding ? (
          <form
            class="board-add-card"
            onSubmit={(e) => {
              e.preventDefault();
              if (!title.trim()) return;
              createCard(props.space, props.board, { column: col.id, title: title.trim() }).then(
                (c) => {
                  props.onAdded(c);
                  setTitle('');
                },
                setError,
              );
            }}
          >
            <label>
              <span class="visually-hidden">{t('board.card.newTitle', { column: col.name })}</span>
              <input
                value={title}
                onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
                maxLength={500}
                autoFocus
              />
            </label>
            <button type="submit">{t('board.card.add')}</button>
            <button type="button" class="button secondary" onClick={() => setAdding(false)}>
              {t('board.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" class="button secondary board-add" onClick={() => setAdding(true)}>
            {t('board.card.addTo', { column: col.name })}
          </button>
        ))}
    </section>
  );
}

function ColumnSettings(props: {
  space: string;
  board: string;
  column: Column;
  onDone: () => void;
}) {
  const [name, setName] = useState(props.column.name);
  const [limit, setLimit] = useState(props.column.wipLimit ? String(props.column.wipLimit) : '');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="board-column-settings"
      onSubmit={(e) => {
        e.preventDefault();
        const n = parseInt(limit, 10);
        updateColumn(props.space, props.board, props.column.id, {
          name: name.trim(),
          wipLimit: Number.isFinite(n) && n > 0 ? n : null,
        }).then(props.onDone, setError);
      }}
    >
      <label>
        {t('board.column.name')}{' '}
        <input
          value={name}
          required
          maxLength={200}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('board.column.wip')}{' '}
        <input
          type="number"
          min={1}
          max={999}
          value={limit}
          onInput={(e) => setLimit((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">{t('board.save')}</button>
      <button
        type="button"
        class="button secondary"
        onClick={() =>
          updateColumn(props.space, props.board, props.column.id, { archived: true }).then(
            props.onDone,
            setError,
          )
        }
      >
        {t('board.column.archive')}
      </button>
      {error != null && <ErrorNotice error={error} />}
    </form>
  );
}

function NewColumn(props: { space: string; board: string }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="board-new-column"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        addColumn(props.space, props.board, name.trim()).then(() => setName(''), setError);
      }}
    >
      <label>
        {t('board.column.new')}{' '}
        <input
          value={name}
          maxLength={200}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">{t('board.column.add')}</button>
      {error != null && <ErrorNotice error={error} />}
    </form>
  );
}
