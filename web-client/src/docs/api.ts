import type { DocumentHistory, SharedDocument } from '../api/types';
import { api } from '../state/session';

/** REST calls of shared documents (docs/openapi.json). */
export function documentsPath(space: string): string {
  return `/api/spaces/${encodeURIComponent(space)}/documents`;
}

export function documentPath(space: string, doc: string): string {
  return `${documentsPath(space)}/${encodeURIComponent(doc)}`;
}

export type Template = 'meeting' | 'mandate';

export const documentsApi = {
  list: (space: string, trashed = false) =>
    api
      .request<{ documents: SharedDocument[] }>(
        'GET',
        documentsPath(space) + (trashed ? '?trashed=true' : ''),
      )
      .then((r) => r.documents),
  create: (space: string, title: string, template?: Template, text?: string) =>
    api.request<SharedDocument>(
      'POST',
      documentsPath(space),
      template ? { title, template } : text !== undefined ? { title, text } : { title },
    ),
  get: (space: string, doc: string, rev?: number) =>
    api.request<SharedDocument>(
      'GET',
      documentPath(space, doc) + (rev === undefined ? '' : `?rev=${rev}`),
    ),
  rename: (space: string, doc: string, title: string) =>
    api.request<SharedDocument>('PATCH', documentPath(space, doc), { title }),
  trash: (space: string, doc: string) => api.request<void>('DELETE', documentPath(space, doc)),
  untrash: (space: string, doc: string) =>
    api.request<SharedDocument>('POST', `${documentPath(space, doc)}/restore`),
  history: (space: string, doc: string, before?: number) =>
    api.request<DocumentHistory>(
      'GET',
      `${documentPath(space, doc)}/history` + (before === undefined ? '' : `?before=${before}`),
    ),
  restoreVersion: (space: string, doc: string, rev: number) =>
    api.request<{ id: string; rev: number; restored: number }>(
      'POST',
      `${documentPath(space, doc)}/history/restore`,
      { rev },
    ),
  downloadUrl: (space: string, doc: string, rev?: number) =>
    `${documentPath(space, doc)}/download` + (rev === undefined ? '' : `?rev=${rev}`),
};

/** A stable colour per person (remote cursors, history). */
export function colourOf(user: string): string {
  let h = 0;
  for (let i = 0; i < user.length; i++) h = (h * 31 + user.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 70% 42%)`;
}
