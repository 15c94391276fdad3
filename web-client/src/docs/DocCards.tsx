import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { hrefFor, navigate } from '../router';
import { ErrorNotice } from '../ui/components';
import { useSubmit } from '../ui/submit';
import { CardConflict, createCard, getBoard, listBoards, updateCard } from '../boards/api';
import { addLink } from '../boards/links';
import type { BoardWithCards, Card } from '../boards/types';
import { cardHref, cardsLinkingTo, linksTo, taskFrom } from './cards';

/**
 * « Cartes liées »: the cards of the space's boards that link to this document (a card links
 * to documents of its own space only, so a reader of the document may read them all), each
 * opening on its board; with write rights, the document is linked to an existing card or a task
 * card is made from it (the selection gives its title), linked back to the document.
 */
export function DocCards(props: {
  space: string;
  doc: string;
  docTitle: string;
  canWrite: boolean;
  selection: () => string;
}) {
  const [boards, setBoards] = useState<BoardWithCards[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosenCard, setChosenCard] = useState('');
  const [task, setTask] = useState<{ board: string; title: string; description: string } | null>(
    null,
  );
  // A failed change is shown before a failed load (the list may then be out of date).
  const { busy, error: failed, run } = useSubmit();

  async function load() {
    try {
      const list = await listBoards(props.space);
      setBoards(await Promise.all(list.map((b) => getBoard(props.space, b.id))));
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    void load();
  }, [props.space, props.doc]);

  const act = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      await load();
    });

  const link = (card: Card) =>
    act(async () => {
      const patch = (c: Card) =>
        updateCard(props.space, c.board, c.id, c.version, {
          links: addLink(c.links, { kind: 'document', id: props.doc }),
        });
      try {
        await patch(card);
      } catch (e) {
        // someone changed the card meanwhile: add the link to the card as it is now
        if (e instanceof CardConflict) await patch(e.current);
        else throw e;
      }
      setChosenCard('');
    });

  const create = () =>
    act(async () => {
      if (!task || !boards) return;
      const board = boards.find((b) => b.id === task.board);
      const column = board?.columns.find((c) => !c.archived);
      if (!board || !column) return;
      await createCard(props.space, board.id, {
        column: column.id,
        title: task.title.trim() || props.docTitle,
        ...(task.description ? { description: task.description } : {}),
        links: [{ kind: 'document', id: props.doc }],
      });
      setTask(null);
    });

  const linked = boards ? cardsLinkingTo(boards, props.doc) : [];
  const others = (boards ?? []).flatMap((b) =>
    b.cards.filter((c) => !linksTo(c, props.doc)).map((c) => ({ card: c, board: b.name })),
  );
  return (
    <section class="doc-cards" aria-labelledby="doc-cards-title">
      <h3 id="doc-cards-title">{t('docs.cards')}</h3>
      {(failed ?? error) != null && <ErrorNotice error={failed ?? error} />}
      {boards && linked.length === 0 && <p>{t('docs.cards.none')}</p>}
      {linked.length > 0 && (
        <ul class="doc-cards-list">
          {linked.map((l) => (
            <li key={l.card.id}>
              <a
                href={cardHref(props.space, l.card.board, l.card.id)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(cardHref(props.space, l.card.board, l.card.id));
                }}
              >
                {l.card.title}
              </a>{' '}
              <span class="doc-cards-where">
                {t('docs.cards.where', { board: l.boardName, column: l.columnName })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canWrite && boards && boards.length === 0 && (
        <p>
          {t('docs.cards.noBoard')}{' '}
          <a href={hrefFor({ name: 'space', id: props.space, tab: 'boards' })}>
            {t('docs.cards.toBoards')}
          </a>
        </p>
      )}
      {props.canWrite && boards && boards.length > 0 && (
        <div class="doc-cards-actions">
          {others.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const chosen = others.find((o) => o.card.id === chosenCard);
                if (chosen) void link(chosen.card);
              }}
            >
              <label>
                {t('docs.cards.link')}{' '}
                <select
                  value={chosenCard}
                  onChange={(e) => setChosenCard((e.target as HTMLSelectElement).value)}
                >
                  <option value="">{t('docs.cards.choose')}</option>
                  {others.map((o) => (
                    <option key={o.card.id} value={o.card.id}>
                      {o.card.title} — {o.board}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button type="submit" disabled={busy || chosenCard === ''}>
                {t('docs.cards.linkButton')}
              </button>
            </form>
          )}
          {task === null ? (
            <button
              type="button"
              class="button secondary"
              onClick={() =>
                setTask({ board: boards[0]!.id, ...taskFrom(props.selection(), props.docTitle) })
              }
            >
              {t('docs.cards.newTask')}
            </button>
          ) : (
            <form
              class="doc-cards-task"
              onSubmit={(e) => {
                e.preventDefault();
                void create();
              }}
            >
              <label>
                {t('docs.cards.taskTitle')}{' '}
                <input
                  value={task.title}
                  maxLength={200}
                  required
                  onInput={(e) => setTask({ ...task, title: (e.target as HTMLInputElement).value })}
                />
              </label>{' '}
              {boards.length > 1 && (
                <label>
                  {t('docs.cards.board')}{' '}
                  <select
                    value={task.board}
                    onChange={(e) =>
                      setTask({ ...task, board: (e.target as HTMLSelectElement).value })
                    }
                  >
                    {boards.map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}{' '}
              <button type="submit" disabled={busy}>
                {t('docs.cards.create')}
              </button>{' '}
              <button type="button" class="button secondary" onClick={() => setTask(null)}>
                {t('docs.cards.cancel')}
              </button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
