import { ApiError, CSRF_HEADER } from '../api/http';
import type { Mandate, Space } from '../api/types';
import { locale } from '../i18n';
import { api } from '../state/session';
import type { ClosingDraft } from './model';

function spacePath(id: string): string {
  return `/api/spaces/${encodeURIComponent(id)}`;
}

/** Closes an active tactical group early, with its summary (`POST …/state`). */
export function closeSpace(id: string, reason: string, closing: ClosingDraft): Promise<Space> {
  return api.changeState(id, {
    state: 'dormant',
    closing,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });
}

/** Reactivates a dormant tactical group with a whole new mandate. */
export function reactivateSpace(id: string, reason: string, mandate: Mandate): Promise<Space> {
  return api.changeState(id, {
    state: 'active',
    mandate,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });
}

/** Writes or rewrites the closing summary of a dormant tactical group (`POST …/closing`). */
export function writeClosing(id: string, closing: ClosingDraft): Promise<Space> {
  return api.request<Space>('POST', `${spacePath(id)}/closing`, closing);
}

export function purgeSpace(id: string, sha256: string): Promise<Space> {
  return api.request<Space>('POST', `${spacePath(id)}/purge`, { sha256 });
}

/**
 * Downloads a space's archive, reporting the bytes received (the server streams it: its size is
 * not known in advance), then hands it to the browser as a file. Answers its size and SHA-256.
 */
export async function downloadArchive(
  id: string,
  onProgress: (received: number) => void,
): Promise<{ bytes: number; sha256: string | null }> {
  const response = await fetch(`${spacePath(id)}/archive`, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': locale.value },
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'internal',
      body?.error?.message ?? '',
    );
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  const blob = new Blob(chunks as BlobPart[], { type: 'application/zip' });
  const sha256 = globalThis.crypto?.subtle
    ? Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())))
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')
    : null;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `atelier-${id}.zip`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { bytes: received, sha256 };
}

/** Sends a bag to `POST /api/archives` (administrators), with upload progress. */
export function restoreArchive(file: Blob, onProgress: (fraction: number) => void): Promise<Space> {
  const xhr = new XMLHttpRequest();
  return new Promise<Space>((resolve, reject) => {
    xhr.open('POST', '/api/archives');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', locale.value);
    xhr.setRequestHeader('Content-Type', 'application/zip');
    const csrf = api.csrfToken();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) =>
      onProgress(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    xhr.onload = () => {
      let body: {
        space?: Space;
        error?: { code?: string; message?: string; fields?: Record<string, string> };
      } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201 && body?.space) resolve(body.space);
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error?.code ?? 'internal',
            body?.error?.message ?? '',
            body?.error?.fields ?? {},
          ),
        );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.send(file);
  });
}
