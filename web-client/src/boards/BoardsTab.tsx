import { useEffect, useState } from 'preact/hooks';
import type { Member, Space, User } from '../api/types';
import { t } from '../i18n';
import { api, realtime } from '../state/session';
import { Empty, ErrorNotice, Loading } from '../ui/components';
import { createBoard, listBoards } from './api';
import { BoardView } from './BoardView';
import type { Board } from './types';
import './boards.css';

/** The board shown first: the one named in `?board=`, else the oldest. */
export function chosenBoard(boards: Board[], search: string): string | null {
  const asked = new URLSearchParams(search).get('board');
  if (asked && boards.some((b) => b.id === asked)) return asked;
  return boards[0]?.id ?? null;
}

/** The « Tableaux » section of a space: its boards, one of them open. */
export function BoardsTab(props: { space: Space; me: User }) {
  const space = props.space;
  const [boards, setBoards] = useState<Board[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [fromMandate, setFromMandate] = useState(space.kind === 'tactical');
  const canWrite =
    space.state === 'active' &&
    (space.membership === 'member' || space.membership === 'coordinator');

  const load = () =>
    Promise.all([listBoards(space.id), api.members(space.id)]).then(([list, people]) => {
      setBoards(list);
      setMembers(people);
      setCurrent((c) =>
        c && list.some((b) => b.id === c) ? c : chosenBoard(list, window.location.search),
      );
    }, setError);
  useEffect(() => {
    void load();
    return realtime.subscribe(space.id, {
      onEvent: (e) => {
        if (e.kind === 'board.created' || e.kind === 'board.updated') {
          const b = e.data.board as Board;
          setBoards((list) => {
            const rest = (list ?? []).filter((x) => x.id !== b.id);
            return e.kind === 'board.created' || (list ?? []).some((x) => x.id === b.id)
              ? [...rest, b].sort((x, y) => x.createdAt.localeCompare(y.createdAt))
              : rest;
          });
        }
      },
    });
  }, [space.id]);

  const select = (id: string) => {
    setCurrent(id);
    const url = new URL(window.location.href);
    url.searchParams.set('board', id);
    window.history.replaceState(null, '', url.pathname + url.search);
  };

  if (error && !boards) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!boards) return <Loading />;
  return (
    <section class="boards" aria-labelledby="boards-title">
      <h2 id="boards-title">{t('board.title')}</h2>
      {space.state === 'dormant' && <p class="board-note">{t('board.readOnly')}</p>}
      <div class="boards-bar">
        {boards.length > 0 && (
          <nav aria-label={t('board.list')}>
            <ul class="boards-list">
              {boards.map((b) => (
                <li key={b.id}>
                  <button
                    type="button"
                    class="board-tab"
                    aria-current={b.id === current ? 'true' : undefined}
                    onClick={() => select(b.id)}
                  >
                    {b.name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {canWrite && (
          <form
            class="boards-new"
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return;
              createBoard(space.id, name.trim(), fromMandate && !!space.mandate).then((b) => {
                setName('');
                setBoards((list) => [...(list ?? []).filter((x) => x.id !== b.id), b]);
                select(b.id);
              }, setError);
            }}
          >
            <label>
              {t('board.new')}{' '}
              <input
                value={name}
                maxLength={200}
                onInput={(e) => setName((e.target as HTMLInputElement).value)}
              />
            </label>
            {space.mandate && (
              <label>
                <input
                  type="checkbox"
                  checked={fromMandate}
                  onChange={(e) => setFromMandate((e.target as HTMLInputElement).checked)}
                />{' '}
                {t('board.fromMandate')}
              </label>
            )}
            <button type="submit">{t('board.create')}</button>
          </form>
        )}
      </div>
      {error != null && <ErrorNotice error={error} />}
      {boards.length === 0 && <Empty>{t('board.none')}</Empty>}
      {current && (
        <BoardView
          key={current}
          space={space}
          boardId={current}
          me={props.me.id}
          members={members}
          canWrite={canWrite}
          initialCard={new URLSearchParams(window.location.search).get('card')}
        />
      )}
    </section>
  );
}
