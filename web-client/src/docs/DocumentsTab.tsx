import { useEffect, useState } from 'preact/hooks';
import type { Member, SharedDocument, Space, User } from '../api/types';
import { locale, t } from '../i18n';
import { hrefFor, navigate } from '../router';
import { api, isAdmin, realtime } from '../state/session';
import { Empty, ErrorNotice, InlineError, Loading } from '../ui/components';
import { useSubmit } from '../ui/submit';
import { documentsApi, type Template } from './api';
import './documents.css';

/** What a person may do with the documents of a space. */
export interface DocRights {
  write: boolean;
  coordinates: boolean;
}

export function rightsIn(space: Space): DocRights {
  const active = space.state === 'active';
  return {
    write: active && (space.membership === 'member' || space.membership === 'coordinator'),
    coordinates: active && (space.membership === 'coordinator' || isAdmin.value),
  };
}

/** The « Documents » section: the list (or the trash), creation from a template, and one open document. */
export function DocumentsTab(props: { space: Space; me: User; doc?: string }) {
  const space = props.space;
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    api.members(space.id).then(setMembers, () => setMembers([]));
  }, [space.id]);
  const nameOf = (id: string) =>
    members.find((m) => m.user.id === id)?.user.name ?? t('docs.someone');
  const rights = rightsIn(space);
  const Editor = useEditor(!!props.doc);
  if (props.doc) {
    if (!Editor) return <Loading />;
    return (
      <Editor
        key={props.doc}
        space={space}
        doc={props.doc}
        me={props.me}
        rights={rights}
        nameOf={nameOf}
      />
    );
  }
  return <DocumentList space={space} me={props.me} rights={rights} nameOf={nameOf} />;
}

type EditorComponent = typeof import('./DocumentEditor').DocumentEditor;
let loadedEditor: EditorComponent | null = null;

/** The editor (CodeMirror) is loaded only when a document is opened: it is most of the code. */
function useEditor(wanted: boolean): EditorComponent | null {
  const [editor, setEditor] = useState<EditorComponent | null>(loadedEditor);
  useEffect(() => {
    if (!wanted || editor) return;
    void import('./DocumentEditor').then((m) => {
      loadedEditor = m.DocumentEditor;
      setEditor(() => m.DocumentEditor);
    });
  }, [wanted]);
  return editor;
}

function DocumentList(props: {
  space: Space;
  me: User;
  rights: DocRights;
  nameOf: (id: string) => string;
}) {
  const space = props.space;
  const [docs, setDocs] = useState<SharedDocument[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [trash, setTrash] = useState(false);
  const load = () =>
    documentsApi.list(space.id, trash).then((list) => {
      setDocs(list);
      setError(null);
    }, setError);
  useEffect(() => {
    void load();
    return realtime.subscribe(space.id, {
      onEvent: (e) => {
        if (e.kind.startsWith('document.')) void load();
      },
      onReset: () => void load(),
    });
  }, [space.id, trash]);

  return (
    <section class="docs" aria-labelledby="docs-title">
      <h2 id="docs-title">{t('docs.title')}</h2>
      {props.rights.write && !trash && <CreateForm space={space} />}
      {props.rights.coordinates && (
        <button type="button" class="link-button" onClick={() => setTrash(!trash)}>
          {trash ? t('docs.hideTrash') : t('docs.showTrash')}
        </button>
      )}
      {error != null && <ErrorNotice error={error} onRetry={load} />}
      {!docs && error == null && <Loading />}
      {docs && docs.length === 0 && <Empty>{trash ? t('docs.emptyTrash') : t('docs.empty')}</Empty>}
      {docs && docs.length > 0 && (
        <ul class="doc-list">
          {docs.map((d) => (
            <DocumentRow
              key={d.id}
              doc={d}
              trash={trash}
              rights={props.rights}
              mine={d.createdBy === props.me.id}
              nameOf={props.nameOf}
              onChanged={load}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateForm(props: { space: Space }) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<'' | Template>('');
  const { busy, error, run } = useSubmit();
  return (
    <form
      class="doc-create"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        void run(async () => {
          const d = await documentsApi.create(props.space.id, title.trim(), template || undefined);
          navigate(hrefFor({ name: 'space', id: props.space.id, tab: 'documents', doc: d.id }));
        });
      }}
    >
      <h3>{t('docs.new')}</h3>
      <label>
        {t('docs.newTitle')}
        <input
          value={title}
          maxLength={200}
          required
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('docs.template')}
        <select
          value={template}
          onChange={(e) => setTemplate((e.target as HTMLSelectElement).value as '' | Template)}
        >
          <option value="">{t('docs.template.blank')}</option>
          <option value="meeting">{t('docs.template.meeting')}</option>
          <option value="mandate">{t('docs.template.mandate')}</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {t('docs.create')}
      </button>
      {error != null && <InlineError error={error} />}
    </form>
  );
}

function DocumentRow(props: {
  doc: SharedDocument;
  trash: boolean;
  rights: DocRights;
  mine: boolean;
  nameOf: (id: string) => string;
  onChanged: () => void;
}) {
  const d = props.doc;
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(d.title);
  const [error, setError] = useState<unknown>(null);
  const when = new Intl.DateTimeFormat(locale.value, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(d.updatedAt));
  const href = hrefFor({ name: 'space', id: d.space, tab: 'documents', doc: d.id });
  return (
    <li class="doc-row">
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            documentsApi.rename(d.space, d.id, title).then(() => {
              setRenaming(false);
              props.onChanged();
            }, setError);
          }}
        >
          <label>
            <span class="visually-hidden">{t('docs.newTitle')}</span>
            <input
              value={title}
              maxLength={200}
              onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">{t('common.save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : props.trash ? (
        <span class="doc-title">{d.title}</span>
      ) : (
        <a class="doc-title" href={href}>
          {d.title}
        </a>
      )}
      <span class="doc-meta">{t('docs.updated', { when, name: props.nameOf(d.updatedBy) })}</span>
      <span class="doc-actions">
        {props.trash && props.rights.coordinates && (
          <button
            type="button"
            onClick={() => documentsApi.untrash(d.space, d.id).then(props.onChanged, setError)}
          >
            {t('docs.restore')}
          </button>
        )}
        {!props.trash && props.rights.write && !renaming && (
          <button type="button" onClick={() => setRenaming(true)}>
            {t('docs.rename')}
          </button>
        )}
        {!props.trash && props.rights.write && (props.mine || props.rights.coordinates) && (
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t('docs.trashConfirm', { title: d.title })))
                documentsApi.trash(d.space, d.id).then(props.onChanged, setError);
            }}
          >
            {t('docs.trash')}
          </button>
        )}
      </span>
      {error != null && <InlineError error={error} />}
    </li>
  );
}
