import { CSRF_HEADER } from '../api/http';
import { locale } from '../i18n';
import { api } from '../state/session';
import type { SharedFile } from './types';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload {
  done: Promise<SharedFile>;
  cancel: () => void;
}

/** An upload that failed: the server's error code and message, or `aborted`/`network`. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function filesPath(space: string): string {
  return `/api/spaces/${encodeURIComponent(space)}/files`;
}

export function contentUrl(f: Pick<SharedFile, 'space' | 'id'>): string {
  return `${filesPath(f.space)}/${encodeURIComponent(f.id)}/content`;
}

export function thumbnailUrl(f: Pick<SharedFile, 'space' | 'id'>): string {
  return `${filesPath(f.space)}/${encodeURIComponent(f.id)}/thumbnail`;
}

/**
 * Sends one file (multipart, part `file`) with XMLHttpRequest, the one browser API that reports
 * upload progress; `cancel` aborts it (the server keeps nothing of an interrupted upload).
 */
export function uploadFile(
  space: string,
  file: Blob,
  name: string,
  onProgress: (p: UploadProgress) => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<SharedFile>((resolve, reject) => {
    xhr.open('POST', filesPath(space));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', locale.value);
    const csrf = api.csrfToken();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string } } | SharedFile | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201 && body) resolve(body as SharedFile);
      else {
        const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
        reject(
          new UploadError(
            error?.code ?? (xhr.status === 413 ? 'too_large' : 'internal'),
            error?.message ?? '',
          ),
        );
      }
    };
    xhr.onerror = () => reject(new UploadError('network', ''));
    xhr.onabort = () => reject(new UploadError('aborted', ''));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
  return { done, cancel: () => xhr.abort() };
}

export function listFiles(space: string): Promise<SharedFile[]> {
  return api.request<{ files: SharedFile[] }>('GET', filesPath(space)).then((r) => r.files);
}

export function getFile(space: string, id: string): Promise<SharedFile> {
  return api.request<SharedFile>('GET', `${filesPath(space)}/${encodeURIComponent(id)}`);
}

export function deleteFile(f: SharedFile): Promise<void> {
  return api.request<void>('DELETE', `${filesPath(f.space)}/${encodeURIComponent(f.id)}`);
}

export function renameFile(f: SharedFile, name: string): Promise<SharedFile> {
  return api.request<SharedFile>('PATCH', `${filesPath(f.space)}/${encodeURIComponent(f.id)}`, {
    name,
  });
}
