import { markdown } from '@codemirror/lang-markdown';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SharedDocument, Space, User } from '../api/types';
import { t } from '../i18n';
import { hrefFor, navigate } from '../router';
import { realtime } from '../state/session';
import { ErrorNotice, Loading } from '../ui/components';
import { Markdown } from '../pages/space/chat/Markdown';
import { colourOf, documentsApi } from './api';
import { changesToOp, opToChanges, remoteCursors, remoteEdit, setCursors } from './cm';
import { inAppPath } from './cards';
import { DocCards } from './DocCards';
import type { DocRights } from './DocumentsTab';
import { findFromAddress, findInText } from './find';
import { HistoryPanel } from './HistoryPanel';
import { indexedDbStore, memoryStore, type PendingStore } from './offline';
import { DocSession, type DocStatus } from './session';

let pendingStore: PendingStore | null = null;
function store(): PendingStore {
  return (pendingStore ??= typeof indexedDB === 'undefined' ? memoryStore() : indexedDbStore());
}

/**
 * One document open for editing: CodeMirror 6 (Markdown highlighting) bound to a live
 * `DocSession`, a preview rendered by the chat's Markdown renderer (nodes, never HTML), the
 * others' cursors with their names and colours, the connection state, and the history panel.
 */
export function DocumentEditor(props: {
  space: Space;
  doc: string;
  me: User;
  rights: DocRights;
  nameOf: (id: string) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [meta, setMeta] = useState<SharedDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<DocStatus>('joining');
  const [kept, setKept] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const [session, setSession] = useState<DocSession | null>(null);
  const editorView = useRef<EditorView | null>(null);
  const nameOf = useRef(props.nameOf);
  nameOf.current = props.nameOf;

  useEffect(() => {
    documentsApi.get(props.space.id, props.doc).then(setMeta, setError);
  }, [props.space.id, props.doc]);

  useEffect(() => {
    if (!host.current) return;
    let view: EditorView | null = null;
    const readOnly = new Compartment();
    // Opened from a search result: the matched word is selected once the text is there.
    let find = findFromAddress(window.location.search);
    const s = new DocSession(realtime, store(), props.space.id, props.doc, {
      replace: (next) => {
        view?.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: next },
          annotations: remoteEdit.of(true),
        });
        setText(next);
        const at = find ? findInText(next, find) : null;
        find = null;
        if (view && at) {
          view.dispatch({ selection: { anchor: at[0], head: at[1] }, scrollIntoView: true });
          view.focus();
        }
      },
      applyRemote: (op) => {
        view?.dispatch({ changes: opToChanges(op), annotations: remoteEdit.of(true) });
        if (view) setText(view.state.doc.toString());
      },
    });
    view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: '',
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          markdown(),
          EditorView.lineWrapping,
          remoteCursors,
          readOnly.of(EditorState.readOnly.of(!props.rights.write)),
          EditorView.contentAttributes.of({ 'aria-label': t('docs.editor') }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(remoteEdit))) {
              s.edit(changesToOp(u.changes));
              setText(u.state.doc.toString());
            }
            if (u.selectionSet || u.docChanged) {
              s.select(u.state.selection.ranges.map((r) => [r.anchor, r.head] as [number, number]));
            }
          }),
        ],
      }),
    });
    const stops = [
      s.status.subscribe(setStatus),
      s.kept.subscribe(setKept),
      s.closed.subscribe((reason) => {
        setClosed(reason);
        // closed by the server (trashed, access lost): the text stays readable, no longer editable
        if (reason !== null)
          view?.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(true)) });
      }),
      s.cursors.subscribe((list) =>
        view?.dispatch({
          effects: setCursors.of(
            list.map((c) => ({ ...c, name: nameOf.current(c.user), colour: colourOf(c.user) })),
          ),
        }),
      ),
      realtime.state.subscribe((st) => {
        if (st !== 'online') s.linkLost();
      }),
    ];
    editorView.current = view;
    void s.start();
    setSession(s);
    return () => {
      stops.forEach((stop) => stop());
      s.stop();
      editorView.current = null;
      view?.destroy();
    };
  }, [props.space.id, props.doc]);

  const editors = session?.cursors.value ?? [];
  const others = useMemo(
    () => [...new Set(editors.map((c) => c.user))].map((u) => props.nameOf(u)).join(', '),
    [editors, props.nameOf],
  );

  return (
    <section class="doc-editor" aria-labelledby="doc-title">
      <p>
        <a href={hrefFor({ name: 'space', id: props.space.id, tab: 'documents' })}>
          {t('docs.back')}
        </a>
      </p>
      {error != null && <ErrorNotice error={error} />}
      {!meta && error == null && <Loading />}
      <header class="doc-header">
        <h2 id="doc-title">{meta?.title ?? ''}</h2>
        <span class={`doc-status doc-status-${status}`} role="status" data-status={status}>
          {t(`docs.status.${status}`)}
        </span>
        <button
          type="button"
          onClick={() => setShowHistory(!showHistory)}
          aria-expanded={showHistory}
        >
          {showHistory ? t('docs.history.close') : t('docs.history')}
        </button>
        <a href={documentsApi.downloadUrl(props.space.id, props.doc)} download>
          {t('docs.download')}
        </a>
      </header>
      {closed !== null && (
        <p class="doc-closed" role="alert">
          {t(closed === 'trashed' ? 'docs.closed.trashed' : 'docs.closed.removed')}
        </p>
      )}
      {!props.rights.write && closed === null && <p class="doc-readonly">{t('docs.readOnly')}</p>}
      {others && <p class="doc-others">{t('docs.editors', { names: others })}</p>}
      {kept !== null && (
        <div class="doc-kept" role="alert">
          <p>{t(closed !== null ? 'docs.keptClosed' : 'docs.kept')}</p>
          <label>
            {t('docs.keptText')}
            <textarea readOnly value={kept} rows={8} />
          </label>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(kept)}>
            {t('docs.keptCopy')}
          </button>
          <button type="button" onClick={() => session?.dismissKept()}>
            {t('docs.keptDismiss')}
          </button>
        </div>
      )}
      <div class="doc-panes">
        <div class="doc-source" ref={host} />
        <div
          class="doc-preview"
          aria-label={t('docs.preview')}
          onClick={(e) => {
            // a link to the app (a card, a message, another document) opens here, not in a new tab
            const a = (e.target as Element).closest?.('a');
            const path = a ? inAppPath(a.href, window.location.origin) : null;
            if (!path || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            navigate(path);
          }}
        >
          <Markdown text={text} nameOf={props.nameOf} />
        </div>
      </div>
      <DocCards
        space={props.space.id}
        doc={props.doc}
        docTitle={meta?.title ?? ''}
        canWrite={props.rights.write && closed === null}
        selection={() => {
          const v = editorView.current;
          if (!v) return '';
          const r = v.state.selection.main;
          return v.state.sliceDoc(r.from, r.to);
        }}
      />
      {showHistory && (
        <HistoryPanel
          space={props.space.id}
          doc={props.doc}
          current={text}
          canRestore={props.rights.write}
          nameOf={props.nameOf}
        />
      )}
    </section>
  );
}
