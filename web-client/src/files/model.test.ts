import { describe, expect, it } from 'vitest';
import { applyFileEvent, DEFAULT_QUERY, formatSize, iconOf, kindOf, visibleFiles } from './model';
import type { SharedFile } from './types';

const file = (
  id: string,
  name: string,
  size: number,
  type: string,
  by: string,
  at: string,
): SharedFile => ({
  id,
  space: 's',
  name,
  size,
  type,
  sha256: '0'.repeat(64),
  uploadedBy: by,
  createdAt: at,
  thumbnail: false,
});

const files = [
  file('a', 'Rapport été.pdf', 2_000_000, 'application/pdf', 'marie', '2026-03-01T10:00:00Z'),
  file('b', 'photo 10.jpg', 300_000, 'image/jpeg', 'luc', '2026-03-02T10:00:00Z'),
  file('c', 'photo 9.jpg', 500, 'image/jpeg', 'marie', '2026-03-03T10:00:00Z'),
  file(
    'd',
    'budget.xlsx',
    40_000,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'luc',
    '2026-03-03T10:00:00Z',
  ),
];
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

describe('files model', () => {
  it('sorts newest first by default, ties by id', () => {
    expect(visibleFiles(files, DEFAULT_QUERY, collator).map((f) => f.id)).toEqual([
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('sorts by name with numbers in order, and by size', () => {
    const byName = visibleFiles(
      files,
      { ...DEFAULT_QUERY, sort: 'name', descending: false },
      collator,
    );
    expect(byName.map((f) => f.name)).toEqual([
      'budget.xlsx',
      'photo 9.jpg',
      'photo 10.jpg',
      'Rapport été.pdf',
    ]);
    const bySize = visibleFiles(
      files,
      { ...DEFAULT_QUERY, sort: 'size', descending: true },
      collator,
    );
    expect(bySize.map((f) => f.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('filters by kind and by uploader', () => {
    expect(
      visibleFiles(files, { ...DEFAULT_QUERY, kind: 'image' }, collator).map((f) => f.id),
    ).toEqual(['c', 'b']);
    expect(
      visibleFiles(files, { ...DEFAULT_QUERY, kind: 'image', uploader: 'luc' }, collator).map(
        (f) => f.id,
      ),
    ).toEqual(['b']);
    expect(
      visibleFiles(files, { ...DEFAULT_QUERY, kind: 'sheet' }, collator).map((f) => f.id),
    ).toEqual(['d']);
  });

  it('knows kinds and icons by type', () => {
    expect(kindOf('application/pdf')).toBe('pdf');
    expect(kindOf('text/html')).toBe('text');
    expect(kindOf('application/zip')).toBe('archive');
    expect(kindOf('application/octet-stream')).toBe('misc');
    expect(iconOf('image/png')).not.toBe(iconOf('application/pdf'));
  });

  it('applies live events once', () => {
    const added = applyFileEvent(files, 'file.added', { file: files[0] });
    expect(added.filter((f) => f.id === 'a')).toHaveLength(1);
    const renamed = applyFileEvent(files, 'file.renamed', {
      file: { ...files[1], name: 'nouveau.jpg' },
    });
    expect(renamed.find((f) => f.id === 'b')?.name).toBe('nouveau.jpg');
    expect(applyFileEvent(files, 'file.deleted', { id: 'c' }).map((f) => f.id)).toEqual([
      'a',
      'b',
      'd',
    ]);
  });

  it('formats sizes per language', () => {
    expect(formatSize(500, 'fr')).toBe('500 o');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(1536, 'fr')).toBe('1,5 Ko');
    expect(formatSize(104_857_600, 'en')).toBe('100 MB');
  });
});
