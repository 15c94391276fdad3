import type { SharedFile } from './types';

/** Families of files, for the filter and the icons. */
export type FileKind =
  'image' | 'pdf' | 'sheet' | 'document' | 'slides' | 'text' | 'archive' | 'misc';
export const FILE_KINDS: readonly FileKind[] = [
  'image',
  'pdf',
  'sheet',
  'document',
  'slides',
  'text',
  'archive',
  'misc',
];

export function kindOf(type: string): FileKind {
  const t = type.toLowerCase();
  if (t.startsWith('image/')) return 'image';
  if (t === 'application/pdf') return 'pdf';
  if (t.includes('spreadsheet') || t.includes('excel') || t === 'text/csv') return 'sheet';
  if (t.includes('presentation') || t.includes('powerpoint')) return 'slides';
  if (
    t.includes('wordprocessing') ||
    t.includes('msword') ||
    t.includes('opendocument.text') ||
    t === 'application/rtf'
  )
    return 'document';
  if (t.startsWith('text/')) return 'text';
  if (t.includes('zip') || t.includes('tar') || t.includes('compressed') || t.includes('x-7z'))
    return 'archive';
  return 'misc';
}

const ICONS: Record<FileKind, string> = {
  image: '🖼️',
  pdf: '📕',
  sheet: '📊',
  document: '📄',
  slides: '📽️',
  text: '📝',
  archive: '🗜️',
  misc: '📁',
};

export function iconOf(type: string): string {
  return ICONS[kindOf(type)];
}

export type SortKey = 'date' | 'name' | 'size';

export interface FileQuery {
  sort: SortKey;
  descending: boolean;
  kind: FileKind | 'all';
  uploader: string | 'all';
}

export const DEFAULT_QUERY: FileQuery = {
  sort: 'date',
  descending: true,
  kind: 'all',
  uploader: 'all',
};

/** The files to show: filtered by kind and uploader, then sorted (ties broken by id, so stable). */
export function visibleFiles(
  files: readonly SharedFile[],
  q: FileQuery,
  collator: Intl.Collator,
): SharedFile[] {
  const kept = files.filter(
    (f) =>
      (q.kind === 'all' || kindOf(f.type) === q.kind) &&
      (q.uploader === 'all' || f.uploadedBy === q.uploader),
  );
  const compare = (a: SharedFile, b: SharedFile): number => {
    if (q.sort === 'name') return collator.compare(a.name, b.name);
    if (q.sort === 'size') return a.size - b.size;
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
  };
  return kept.sort((a, b) => {
    const c = compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return q.descending ? -c : c;
  });
}

/** Applies a live event to the list shown: `file.added`, `file.renamed`, `file.deleted`. */
export function applyFileEvent(
  files: readonly SharedFile[],
  kind: string,
  data: Record<string, unknown>,
): SharedFile[] {
  if (kind === 'file.added' || kind === 'file.renamed') {
    const f = data.file as SharedFile;
    return [...files.filter((x) => x.id !== f.id), f];
  }
  if (kind === 'file.deleted') return files.filter((x) => x.id !== data.id);
  return [...files];
}

/** 1 234 567 → "1,2 Mo" (fr) or "1.2 MB" (en). */
export function formatSize(bytes: number, locale: string): string {
  const units = locale === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
