import { useEffect, useRef, useState } from 'preact/hooks';
import type { Member } from '../api/types';
import { t } from '../i18n';
import { Markdown } from '../pages/space/chat/Markdown';
import { CardConflict, commentCard, deleteCard, updateCard } from './api';
import { mergeConflict, type BoardState } from './model';
import { CardLinks } from './CardLinks';
import { LaneError } from './SwimlanesPanel';
import { hasLanes, laneKeyOf, laneWire, NO_LANE } from './lanes';
import type { Board, Card, CardLink, CardPatch, ChecklistItem } from './types';

/** What the form holds: the editable fields of a card. */
interface Draft {
  title: string;
  description: string;
  assignees: string[];
  labels: string;
  due: string;
  checklist: ChecklistItem[];
  blockedBy: string[];
  links: CardLink[];
  /** The lane's row key ('' : none; a lane the board no longer has counts as none). */
  swimlane: string;
}

function draftOf(c: Card, board: Board): Draft {
  return {
    swimlane: laneKeyOf(board)(c),
    title: c.title,
    description: c.description,
    assignees: c.assignees,
    labels: c.labels.join(', '),
    due: c.due ?? '',
    checklist: c.checklist,
    blockedBy: c.blockedBy,
    links: c.links ?? [],
  };
}

/** Only what the person changed, as a PATCH (so an edit never rewrites fields someone else changed). */
export function patchOf(base: Card, d: Draft, board: Board): CardPatch {
  const p: CardPatch = {};
  const labels = d.labels
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (d.title.trim() !== base.title) p.title = d.title.trim();
  if (d.description !== base.description) p.description = d.description;
  if (JSON.stringify(d.assignees) !== JSON.stringify(base.assignees)) p.assignees = d.assignees;
  if (JSON.stringify(labels) !== JSON.stringify(base.labels)) p.labels = labels;
  if (d.due !== (base.due ?? '')) p.due = d.due === '' ? null : d.due;
  if (JSON.stringify(d.checklist) !== JSON.stringify(base.checklist)) p.checklist = d.checklist;
  if (JSON.stringify(d.blockedBy) !== JSON.stringify(base.blockedBy)) p.blockedBy = d.blockedBy;
  if (JSON.stringify(d.links) !== JSON.stringify(base.links ?? [])) p.links = d.links;
  if (d.swimlane !== laneKeyOf(board)(base)) p.swimlane = laneWire(d.swimlane);
  return p;
}

/**
 * A card's dialog: edit its fields, checklist, assignees, labels, due date and dependencies, and
 * comment. The edit is sent over the version the dialog opened with; if someone changed the card
 * meanwhile, a change of other fields is made again on its own, and a clash shows both versions
 * for the person to choose.
 */
export function CardDialog(props: {
  space: string;
  state: BoardState;
  cardId: string;
  members: Member[];
  nameOf: (id: string) => string;
  canWrite: boolean;
  onSaved: (card: Card) => void;
  onClose: () => void;
}) {
  const live = props.state.cards.get(props.cardId)!;
  const [base, setBase] = useState<Card>(live);
  const [draft, setDraft] = useState<Draft>(draftOf(live, props.state.board));
  const [conflict, setConflict] = useState<{ theirs: Card; fields: string[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [comment, setComment] = useState('');
  const [newItem, setNewItem] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const board = props.state.board.id;
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const dirty = Object.keys(patchOf(base, draft, props.state.board)).length > 0;
  // Nothing typed yet: follow the card as others change it.
  useEffect(() => {
    if (!dirty && live.version > base.version) {
      setBase(live);
      setDraft(draftOf(live, props.state.board));
    }
  }, [live]);

  const save = async (over: Card, patch: CardPatch) => {
    try {
      const saved = await updateCard(props.space, board, over.id, over.version, patch);
      props.onSaved(saved);
      setBase(saved);
      setDraft(draftOf(saved, props.state.board));
      setConflict(null);
      setError(null);
    } catch (e) {
      if (!(e instanceof CardConflict)) {
        setError(e);
        return;
      }
      const merged = mergeConflict(over, patch, e.current);
      props.onSaved(e.current);
      if (merged.clean) await save(e.current, merged.patch);
      else setConflict({ theirs: e.current, fields: merged.fields });
    }
  };

  // A lane is shown by its name (none: « Sans couloir »), other fields as they are.
  const showField = (f: string, v: unknown) =>
    f === 'swimlane'
      ? (props.state.board.swimlanes.find((l) => l.id === v)?.name ?? t('board.lane.none'))
      : show(v);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const others = [...props.state.cards.values()].filter((c) => c.id !== base.id);
  const ro = !props.canWrite;

  return (
    <dialog
      ref={dialog}
      class="card-dialog"
      aria-labelledby="card-dialog-title"
      onClose={props.onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void save(base, patchOf(base, draft, props.state.board));
        }}
      >
        <h2 id="card-dialog-title">{base.title}</h2>
        {conflict && (
          <section class="card-conflict" role="alert">
            <p>{t('board.conflict.intro')}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('board.conflict.field')}</th>
                  <th scope="col">{t('board.conflict.mine')}</th>
                  <th scope="col">{t('board.conflict.theirs')}</th>
                </tr>
              </thead>
              <tbody>
                {conflict.fields.map((f) => (
                  <tr key={f}>
                    <th scope="row">{f}</th>
                    <td>
                      {showField(
                        f,
                        (patchOf(base, draft, props.state.board) as Record<string, unknown>)[f],
                      )}
                    </td>
                    <td>
                      {showField(f, (conflict.theirs as unknown as Record<string, unknown>)[f])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              onClick={() => void save(conflict.theirs, patchOf(base, draft, props.state.board))}
            >
              {t('board.conflict.keepMine')}
            </button>{' '}
            <button
              type="button"
              class="button secondary"
              onClick={() => {
                setBase(conflict.theirs);
                setDraft(draftOf(conflict.theirs, props.state.board));
                setConflict(null);
              }}
            >
              {t('board.conflict.takeTheirs')}
            </button>
          </section>
        )}
        <label>
          {t('board.field.title')}
          <input
            value={draft.title}
            readOnly={ro}
            required
            maxLength={500}
            onInput={(e) => set('title', (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('board.field.description')}
          <textarea
            value={draft.description}
            readOnly={ro}
            rows={5}
            maxLength={20000}
            onInput={(e) => set('description', (e.target as HTMLTextAreaElement).value)}
          />
        </label>
        {draft.description && (
          <div class="card-description-preview" aria-label={t('board.field.preview')}>
            <Markdown text={draft.description} nameOf={props.nameOf} />
          </div>
        )}
        <fieldset>
          <legend>{t('board.field.assignees')}</legend>
          {props.members.map((m) => (
            <label key={m.user.id} class="card-check">
              <input
                type="checkbox"
                disabled={ro}
                checked={draft.assignees.includes(m.user.id)}
                onChange={(e) =>
                  set(
                    'assignees',
                    (e.target as HTMLInputElement).checked
                      ? [...draft.assignees, m.user.id]
                      : draft.assignees.filter((x) => x !== m.user.id),
                  )
                }
              />{' '}
              {m.user.name}
            </label>
          ))}
        </fieldset>
        {hasLanes(props.state.board) && (
          <label>
            {t('board.field.swimlane')}
            <select
              value={draft.swimlane}
              disabled={ro}
              onChange={(e) => set('swimlane', (e.target as HTMLSelectElement).value)}
            >
              <option value={NO_LANE}>{t('board.lane.none')}</option>
              {props.state.board.swimlanes
                // An archived lane is offered only to the card already in it.
                .filter((l) => !l.archived || l.id === laneKeyOf(props.state.board)(base))
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.archived ? t('board.lane.archived', { name: l.name }) : l.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label>
          {t('board.field.labels')}
          <input
            value={draft.labels}
            readOnly={ro}
            onInput={(e) => set('labels', (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('board.field.due')}
          <input
            type="date"
            value={draft.due}
            readOnly={ro}
            onInput={(e) => set('due', (e.target as HTMLInputElement).value)}
          />
        </label>
        <fieldset>
          <legend>{t('board.field.checklist')}</legend>
          <ul class="card-checklist">
            {draft.checklist.map((item, i) => (
              <li key={item.id ?? i}>
                <label class="card-check">
                  <input
                    type="checkbox"
                    disabled={ro}
                    checked={item.done}
                    onChange={(e) =>
                      set(
                        'checklist',
                        draft.checklist.map((x, j) =>
                          j === i ? { ...x, done: (e.target as HTMLInputElement).checked } : x,
                        ),
                      )
                    }
                  />{' '}
                  {item.text}
                </label>
                {!ro && (
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={t('board.checklist.remove', { text: item.text })}
                    onClick={() =>
                      set(
                        'checklist',
                        draft.checklist.filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!ro && (
            <span class="card-inline">
              <label>
                <span class="visually-hidden">{t('board.checklist.new')}</span>
                <input
                  value={newItem}
                  placeholder={t('board.checklist.new')}
                  onInput={(e) => setNewItem((e.target as HTMLInputElement).value)}
                />
              </label>
              <button
                type="button"
                onClick={() => {
                  if (!newItem.trim()) return;
                  set('checklist', [...draft.checklist, { text: newItem.trim(), done: false }]);
                  setNewItem('');
                }}
              >
                {t('board.checklist.add')}
              </button>
            </span>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('board.field.blockedBy')}</legend>
          {others.length === 0 && <p>{t('board.blockedBy.none')}</p>}
          <select
            multiple
            disabled={ro}
            aria-label={t('board.field.blockedBy')}
            size={Math.min(6, Math.max(2, others.length))}
            onChange={(e) =>
              set(
                'blockedBy',
                [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value),
              )
            }
          >
            {others.map((c) => (
              <option key={c.id} value={c.id} selected={draft.blockedBy.includes(c.id)}>
                {c.title}
              </option>
            ))}
          </select>
        </fieldset>
        <CardLinks
          space={props.space}
          links={draft.links}
          canWrite={!ro}
          onChange={(links) => set('links', links)}
        />
        <LaneError error={error} />
        <div class="card-dialog-actions">
          {!ro && (
            <button type="submit" disabled={!dirty}>
              {t('board.save')}
            </button>
          )}
          <button type="button" class="button secondary" onClick={() => dialog.current?.close()}>
            {t('board.close')}
          </button>
          {!ro && (
            <button
              type="button"
              class="button danger"
              onClick={() => {
                if (window.confirm(t('board.card.confirmDelete', { title: base.title })))
                  deleteCard(props.space, board, base.id).then(
                    () => dialog.current?.close(),
                    setError,
                  );
              }}
            >
              {t('board.card.delete')}
            </button>
          )}
        </div>
      </form>
      <section class="card-comments" aria-labelledby="card-comments-title">
        <h3 id="card-comments-title">{t('board.comments')}</h3>
        <ul>
          {live.comments.map((c) => (
            <li key={c.id}>
              <strong>{props.nameOf(c.author)}</strong>{' '}
              <time dateTime={c.at}>{new Date(c.at).toLocaleString()}</time>
              <div>
                <Markdown text={c.text} nameOf={props.nameOf} />
              </div>
            </li>
          ))}
        </ul>
        {!ro && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!comment.trim()) return;
              commentCard(props.space, board, base.id, comment.trim()).then((c) => {
                props.onSaved(c);
                setComment('');
              }, setError);
            }}
          >
            <label>
              {t('board.comment.new')}
              <textarea
                value={comment}
                rows={2}
                onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
              />
            </label>
            <button type="submit">{t('board.comment.add')}</button>
          </form>
        )}
      </section>
    </dialog>
  );
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v))
    return v
      .map((x) => (typeof x === 'object' ? ((x as { text?: string }).text ?? '') : String(x)))
      .join(', ');
  return String(v);
}
