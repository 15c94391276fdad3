import { effect, signal } from '@preact/signals';
import type { Locale } from '../api/types';
import { en } from './en';
import { fr, type Catalogue, type MessageKey } from './fr';
import { interpolate, pluralCategory } from './format';

export type { MessageKey, Catalogue };
export const catalogues: Record<Locale, Catalogue> = { fr, en };
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const STORAGE_KEY = 'atelier.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(value)) return value;
  } catch {
    // storage refused (private mode): French by default
  }
  return 'fr';
}

/** The interface language; French unless the person chose English. */
export const locale = signal<Locale>(storedLocale());

/** Sets the language for this browser (the caller also saves it on the server when signed in). */
export function setLocale(next: Locale): void {
  locale.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered on this browser, still applied
  }
}

if (typeof document !== 'undefined') {
  effect(() => {
    document.documentElement.lang = locale.value === 'fr' ? 'fr-CA' : 'en-CA';
  });
}

/** The message for `key` in the current language, with `{placeholders}` filled. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogues[locale.value][key], params);
}

/** Keys that come in `.one` / `.other` forms. */
type PluralBaseOf<K> = K extends `${infer Base}.one`
  ? `${Base}.other` extends MessageKey
    ? Base
    : never
  : never;
export type PluralBase = PluralBaseOf<MessageKey>;

/** The plural form of `base` for `n`; `{n}` is filled with `n` in the locale's digits. */
export function tn(base: PluralBase, n: number, params?: Record<string, string | number>): string {
  const category = pluralCategory(locale.value, n);
  const key = `${base}.${category}` as MessageKey;
  return interpolate(catalogues[locale.value][key], {
    n: new Intl.NumberFormat(locale.value).format(n),
    ...params,
  });
}
