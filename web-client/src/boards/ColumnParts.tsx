import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ErrorNotice } from '../ui/components';
import { addColumn, createCard, updateBoard, updateColumn } from './api';
import { columnDropTarget } from './dnd';
import { wip } from './model';
import type { Card, Column } from './types';

/**
 * The parts of a column shared by both layouts of a board: its head (name, count and WIP warning
 * over the whole column, moves, settings), the form adding a card, and the new-column form.
 */
export function ColumnHead(props: {
  column: Column;
  index: number;
  count: number;
  canWrite: boolean;
  space: string;
  board: string;
  order: string[];
  allColumns: string[];
}) {
  const col = props.column;
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
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
  );
}

/** A column of a board without lanes: its head, its cards (a drop target) and the add-card form. */
export function ColumnView(props: {
  column: Column;
  index: number;
  count: number;
  canWrite: boolean;
  space: string;
  board: string;
  order: string[];
  allColumns: string[];
  onAdded: (card: Card) => void;
  children: preact.ComponentChildren;
}) {
  const col = props.column;
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(
    () =>
      listRef.current && props.canWrite ? columnDropTarget(listRef.current, col.id) : undefined,
    [col.id, props.canWrite],
  );
  const limit = wip(col, props.count);
  const { children, onAdded, ...head } = props;
  return (
    <section
      class={`board-column${limit ? ` board-column-${limit}` : ''}`}
      aria-labelledby={`col-${col.id}`}
      data-column={col.id}
    >
      <ColumnHead {...head} />
      <ul class="board-cards" ref={listRef} aria-labelledby={`col-${col.id}`}>
        {children}
      </ul>
      {props.canWrite && (
        <AddCard
          space={props.space}
          board={props.board}
          column={col.id}
          inputLabel={t('board.card.newTitle', { column: col.name })}
          buttonText={t('board.card.addTo', { column: col.name })}
          onAdded={onAdded}
        />
      )}
    </section>
  );
}

/**
 * The add-card button, and once pressed the form (it stays open for the next card). In a lane
 * the card is created in that lane; the button is only a button until then (cheap on a big grid).
 */
export function AddCard(props: {
  space: string;
  board: string;
  column: string;
  swimlane?: string;
  inputLabel: string;
  buttonText: string;
  buttonLabel?: string;
  onAdded: (card: Card) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!adding)
    return (
      <button
        type="button"
        class="button secondary board-add"
        aria-label={props.buttonLabel}
        onClick={() => setAdding(true)}
      >
        {props.buttonText}
      </button>
    );
  return (
    <form
      class="board-add-card"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        const card = { column: props.column, title: title.trim() };
        createCard(
          props.space,
          props.board,
          props.swimlane ? { ...card, swimlane: props.swimlane } : card,
        ).then((c) => {
          props.onAdded(c);
          setTitle('');
          setError(null);
        }, setError);
      }}
    >
      <label>
        <span class="visually-hidden">{props.inputLabel}</span>
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
      {error != null && <ErrorNotice error={error} />}
    </form>
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

export function NewColumn(props: { space: string; board: string }) {
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
