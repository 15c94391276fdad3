import type { DocOpJson } from '../api/types';

/**
 * What a document session keeps in the browser while edits are not acknowledged: the server's
 * text at `rev` and the pending operations. Written on every unacknowledged change, removed once
 * everything is acknowledged, read when the document is opened again (after a reload offline).
 */
export interface PendingEdits {
  doc: string;
  rev: number;
  confirmed: string;
  outstanding: DocOpJson;
  clientId: string;
  buffer: DocOpJson | null;
  savedAt: string;
}

export interface PendingStore {
  get(doc: string): Promise<PendingEdits | null>;
  put(p: PendingEdits): Promise<void>;
  remove(doc: string): Promise<void>;
}

const DB = 'atelier-documents';
const STORE = 'pending';

/** The IndexedDB store (one object store keyed by document id). */
export function indexedDbStore(factory: IDBFactory = indexedDB): PendingStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise((resolve, reject) => {
      const req = factory.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'doc' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>) =>
    db().then(
      (d) =>
        new Promise<T>((resolve, reject) => {
          const tx = d.transaction(STORE, mode);
          const req = f(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(req.result);
          tx.onerror = () => reject(tx.error);
        }),
    );
  return {
    get: (doc) => run('readonly', (s) => s.get(doc)).then((v) => (v as PendingEdits) ?? null),
    put: (p) => run('readwrite', (s) => s.put(p)).then(() => undefined),
    remove: (doc) => run('readwrite', (s) => s.delete(doc)).then(() => undefined),
  };
}

/** A store in memory (tests, and browsers without IndexedDB). */
export function memoryStore(): PendingStore {
  const m = new Map<string, PendingEdits>();
  return {
    get: async (doc) => m.get(doc) ?? null,
    put: async (p) => void m.set(p.doc, structuredClone(p)),
    remove: async (doc) => void m.delete(doc),
  };
}
