import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { t } from '../i18n';
import { describeError } from '../ui/errors';
import { addSwimlane, updateSwimlane } from './api';
import type { Board, Swimlane } from './types';

/**
 * Lane problems in words: the server answers `fields.swimlane: archived|unknown` and
 * `fields.swimlanes: too_many`; anything else is the generic description.
 */
export function laneErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    const f = error.fields;
    if (f.swimlane === 'archived') return t('board.lanes.archivedError');
    if (f.swimlane === 'unknown') return t('board.lanes.unknownError');
    if (f.swimlanes === 'too_many') return t('board.lanes.tooMany');
    if (f.name) return t('board.lanes.nameRequired');
  }
  return describeError(error);
}

/** A lane problem found before asking the server, in the server's own terms (`fields.{field}: problem`). */
export function laneProblem(field: string, problem: string): ApiError {
  return new ApiError(400, 'bad_request', '', { [field]: problem });
}

export function LaneError(props: { error: unknown }) {
  if (props.error == null) return null;
  return (
    <p class="field-error" role="alert">
      {laneErrorText(props.error)}
    </p>
  );
}

/**
 * The board's lanes, to add, rename, reorder, archive and restore (members and coordinators of an
 * active space). Each action changes one lane on the server, so two people editing lanes at once
 * keep both changes; the list shown follows the board's `board.updated` events.
 */
export function SwimlanesPanel(props: { space: string; board: Board }) {
  const lanes = props.board.swimlanes;
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const run = (p: Promise<unknown>) => p.then(() => setError(null), setError);
  return (
    <section class="board-lanes-panel" aria-labelledby="board-lanes-title">
      <h3 id="board-lanes-title">{t('board.lanes.title')}</h3>
      <p class="board-hint">{t('board.lanes.intro')}</p>
      {lanes.length === 0 ? (
        <p>{t('board.lanes.none')}</p>
      ) : (
        <ol class="board-lanes-list">
          {lanes.map((lane, i) => (
            <li key={lane.id}>
              <LaneEditor
                lane={lane}
                first={i === 0}
                last={i === lanes.length - 1}
                onRename={(n) =>
                  run(updateSwimlane(props.space, props.board.id, lane.id, { name: n }))
                }
                onMove={(by) =>
                  run(
                    updateSwimlane(props.space, props.board.id, lane.id, {
                      // Up: after the lane two above (none: first); down: after the lane below.
                      after: by < 0 ? (lanes[i - 2]?.id ?? null) : lanes[i + 1]!.id,
                    }),
                  )
                }
                onArchive={(archived) =>
                  run(updateSwimlane(props.space, props.board.id, lane.id, { archived }))
                }
              />
            </li>
          ))}
        </ol>
      )}
      <form
        class="board-lanes-new"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) {
            setError(laneProblem('name', 'required'));
            return;
          }
          void run(addSwimlane(props.space, props.board.id, name.trim()).then(() => setName('')));
        }}
      >
        <label>
          {t('board.lanes.new')}{' '}
          <input
            value={name}
            maxLength={200}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t('board.lanes.add')}</button>
      </form>
      <LaneError error={error} />
    </section>
  );
}

function LaneEditor(props: {
  lane: Swimlane;
  first: boolean;
  last: boolean;
  onRename: (name: string) => void;
  onMove: (by: -1 | 1) => void;
  onArchive: (archived: boolean) => void;
}) {
  const { lane } = props;
  const [name, setName] = useState(lane.name);
  const [error, setError] = useState<unknown>(null);
  // Renamed by someone else (or by this form): show the name it has now.
  useEffect(() => setName(lane.name), [lane.name]);
  return (
    <form
      class="board-lane-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) {
          setError(laneProblem('name', 'required'));
          return;
        }
        setError(null);
        props.onRename(name.trim());
      }}
    >
      <label>
        <span class="visually-hidden">{t('board.lanes.name', { name: lane.name })}</span>
        <input
          value={name}
          maxLength={200}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
      </label>
      {lane.archived && <span class="board-lane-tag">{t('board.lanes.archivedTag')}</span>}
      <button
        type="submit"
        class="button secondary"
        aria-label={t('board.lanes.renameLabel', { name: lane.name })}
        disabled={name.trim() === lane.name}
      >
        {t('board.lanes.rename')}
      </button>
      <button
        type="button"
        class="icon-button"
        aria-label={t('board.lanes.up', { name: lane.name })}
        disabled={props.first}
        onClick={() => props.onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="icon-button"
        aria-label={t('board.lanes.down', { name: lane.name })}
        disabled={props.last}
        onClick={() => props.onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="button secondary"
        aria-label={t(lane.archived ? 'board.lanes.restoreLabel' : 'board.lanes.archiveLabel', {
          name: lane.name,
        })}
        onClick={() => props.onArchive(!lane.archived)}
      >
        {t(lane.archived ? 'board.lanes.restore' : 'board.lanes.archive')}
      </button>
      <LaneError error={error} />
    </form>
  );
}
