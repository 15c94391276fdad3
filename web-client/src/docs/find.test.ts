import { describe, expect, it } from 'vitest';
import { findFromAddress, findInText } from './find';

describe('findInText', () => {
  it('finds the word case and accents aside, with offsets of the original text', () => {
    const text = 'Les planches d’Érable sèchent.';
    const at = findInText(text, 'erable');
    expect(at).toEqual([15, 21]);
    expect(text.slice(...at!)).toBe('Érable');
    expect(text.slice(...findInText(text, 'SECHENT')!)).toBe('sèchent');
  });

  it('keeps offsets right after characters written in two code units', () => {
    const text = '🌲 forêt 🌲 bois';
    expect(text.slice(...findInText(text, 'bois')!)).toBe('bois');
  });

  it('answers null for nothing to find', () => {
    expect(findInText('Séchage', 'pin')).toBeNull();
    expect(findInText('Séchage', '  ')).toBeNull();
  });
});

describe('findFromAddress', () => {
  it('reads the find parameter', () => {
    expect(findFromAddress('?find=%C3%A9rable')).toBe('érable');
    expect(findFromAddress('?other=1')).toBeNull();
  });
});
