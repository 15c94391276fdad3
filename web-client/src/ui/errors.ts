import { ApiError } from '../api/http';
import { t, type MessageKey } from '../i18n';

/**
 * What to tell a person about a failure. The server's `message` is already in their language
 * (we send `Accept-Language`), so it wins; our own text covers network failures and bodies
 * without a message.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    if (error.message) return error.message;
    switch (error.code) {
      case 'forbidden':
        return t('error.forbidden');
      case 'not_found':
        return t('error.notFound');
      case 'read_only':
        return t('error.readOnly');
      default:
        return t('error.generic', { code: error.code });
    }
  }
  return t('error.generic', { code: 'client' });
}

const FIELD_PROBLEMS: Record<string, MessageKey> = {
  required: 'field.required',
  invalid: 'field.invalid',
  unknown: 'field.unknown',
  wrong: 'field.wrong',
  before_start: 'field.before_start',
  unchanged: 'field.unchanged',
};

/**
 * Field problems of a 400, keyed by field name (`mandate.end` also under `end`), in words: the
 * server sends codes (`required`, `invalid`, `before_start`…), which are translated here.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const [field, problem] of Object.entries(error.fields)) {
    const text = t(FIELD_PROBLEMS[problem] ?? 'field.invalid');
    result[field] = text;
    const last = field.split('.').pop();
    if (last && last !== field && !(last in result)) result[last] = text;
  }
  return result;
}
