import { api } from '../state/session';
import type { Space } from '../api/types';
import type { SearchResponse } from './types';

/** `GET /api/search?…` with the session's client (cookie, language, 401 handling). */
export function fetchResults(query: string): Promise<SearchResponse> {
  return api.request<SearchResponse>('GET', `/api/search?${query}`);
}

/** The spaces the person belongs to, for the space filter. */
export async function mySpaces(): Promise<Space[]> {
  return (await api.spaces()).filter((s) => s.membership != null);
}
