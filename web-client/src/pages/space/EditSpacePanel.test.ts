import { describe, expect, it } from 'vitest';
import type { Space } from '../../api/types';
import { spacePatch } from './EditSpacePanel';

const space = {
  id: 's1',
  kind: 'squad',
  name: 'Escouade Bois',
  state: 'active',
  theme: 'Forêt et bois',
  description: 'Séchage',
} as unknown as Space;

const form = {
  name: 'Escouade Bois',
  theme: 'Forêt et bois',
  description: 'Séchage',
  language: 'fr' as const,
  mandate: null,
};

describe('spacePatch', () => {
  it('sends nothing when nothing changed (a space without language is French)', () => {
    expect(spacePatch(space, form)).toEqual({});
  });

  it('sends the language only when it changes', () => {
    expect(spacePatch(space, { ...form, language: 'en' })).toEqual({ language: 'en' });
    expect(spacePatch({ ...space, language: 'en' } as Space, { ...form, language: 'en' })).toEqual(
      {},
    );
    expect(spacePatch({ ...space, language: 'en' } as Space, form)).toEqual({ language: 'fr' });
  });
});
