import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { locale } from '../i18n';
import { describeError, fieldErrors } from './errors';

describe('error texts', () => {
  it('prefers the server’s localised message, and explains network failures itself', () => {
    locale.value = 'fr';
    expect(describeError(new ApiError(409, 'conflict', 'Déjà membre.'))).toBe('Déjà membre.');
    expect(describeError(new ApiError(0, 'network', ''))).toMatch(/Le serveur ne répond pas/);
    expect(describeError(new ApiError(409, 'read_only', ''))).toMatch(/lecture seule/);
  });

  it('turns the server’s field problem codes into words, also under the short field name', () => {
    locale.value = 'en';
    const error = new ApiError(400, 'bad_request', 'Invalid', {
      'mandate.end': 'before_start',
      name: 'required',
      squad: 'something_new',
    });
    expect(fieldErrors(error)).toEqual({
      'mandate.end': 'The end date must come after the start date.',
      end: 'The end date must come after the start date.',
      name: 'This field is required.',
      squad: 'This value is not accepted.',
    });
    locale.value = 'fr';
  });
});
