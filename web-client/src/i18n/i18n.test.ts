import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { interpolate, placeholders, pluralCategory, formatCalendarDate } from './format';
import { locale, t, tn } from './index';

const catalogues = { fr, en } as Record<string, Record<string, string>>;

describe('message catalogues', () => {
  it('have the same keys in every language', () => {
    const reference = Object.keys(fr).sort();
    for (const [name, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), name).toEqual(reference);
    }
  });

  it('have no empty message', () => {
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const [key, value] of Object.entries(catalogue)) {
        expect(value.trim(), `${name} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of Object.keys(fr)) {
      const expected = placeholders(fr[key as keyof typeof fr]);
      for (const [name, catalogue] of Object.entries(catalogues)) {
        expect(placeholders(catalogue[key]!), `${name} ${key}`).toEqual(expected);
      }
    }
  });

  it('give every plural key both forms', () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith('.one')) expect(fr).toHaveProperty(`${key.slice(0, -4)}.other`);
      if (key.endsWith('.other')) expect(fr).toHaveProperty(`${key.slice(0, -6)}.one`);
    }
  });
});

describe('formatting', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Bonjour {name}', { name: 'Marie' })).toBe('Bonjour Marie');
    expect(interpolate('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('follows French and English plural rules', () => {
    expect(pluralCategory('fr', 0)).toBe('one');
    expect(pluralCategory('fr', 1)).toBe('one');
    expect(pluralCategory('fr', 2)).toBe('other');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('en', 1)).toBe('one');
  });

  it('translates in the current locale', () => {
    locale.value = 'fr';
    expect(t('nav.directory')).toBe('Répertoire');
    expect(tn('space.members', 0)).toBe('0 membre');
    expect(tn('space.members', 12)).toBe('12 membres');
    locale.value = 'en';
    expect(t('nav.directory')).toBe('Directory');
    expect(tn('space.members', 0)).toBe('0 members');
    expect(tn('space.members', 1)).toBe('1 member');
    locale.value = 'fr';
  });

  it('formats calendar dates without shifting the day', () => {
    expect(formatCalendarDate('2025-03-15', 'fr')).toBe('15 mars 2025');
    expect(formatCalendarDate('2025-03-01', 'en')).toBe('March 1, 2025');
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date');
  });
});
