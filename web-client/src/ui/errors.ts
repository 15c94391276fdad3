import { ApiError } from '../api/http';
import { t } from '../i18n';

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

/** Field problems of a 400, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}
