import { describe, expect, it } from 'vitest';
import { acceptFiles, composeMessage, MAX_ATTACHMENTS } from './compose';

const file = (name: string, type = 'text/plain') => new File(['x'], name, { type });

describe('composeMessage', () => {
  it('sends the text with the ids of the files attached', () => {
    expect(composeMessage('  Voici le plan ', [{ id: 'f1', name: 'plan.pdf' }])).toEqual({
      text: 'Voici le plan',
      files: ['f1'],
    });
  });

  it('sends the files with an empty text when nothing was written, and nothing when empty', () => {
    expect(
      composeMessage('  ', [
        { id: 'f1', name: 'plan.pdf' },
        { id: 'f2', name: 'photo.jpg' },
      ]),
    ).toEqual({ text: '', files: ['f1', 'f2'] });
    expect(composeMessage(' \n ', [])).toBeNull();
    expect(composeMessage('Bonjour', [])).toEqual({ text: 'Bonjour', files: [] });
  });
});

describe('acceptFiles', () => {
  it('keeps what fits under the limit and counts the rest', () => {
    const list = Array.from({ length: 4 }, (_, i) => file(`f${i}.txt`));
    const r = acceptFiles(list, MAX_ATTACHMENTS - 3);
    expect(r.files.map((f) => f.name)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
    expect(r.refused).toBe(1);
    expect(acceptFiles(null, 0)).toEqual({ files: [], refused: 0 });
  });

  it('names a pasted image that has no name', () => {
    expect(acceptFiles([file('', 'image/png')], 0).files[0]!.name).toBe('image.png');
  });
});
