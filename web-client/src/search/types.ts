/** Wire types of `GET /api/search` (see docs/openapi.json, `SearchResult`). */

export const SEARCH_KINDS = ['message', 'document', 'card', 'file', 'space'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** `[start, end)` of a text, in UTF-16 units, holding a matched word. */
export type Range = [number, number];

export interface SearchResult {
  kind: SearchKind;
  id: string;
  space: { id: string; name: string };
  title?: string;
  titleHighlights?: Range[];
  snippet: string;
  highlights: Range[];
  at: string;
  score?: number;
  author?: string;
  channel?: string;
  thread?: string;
  spaceKind?: 'squad' | 'tactical';
  /** Opens the hit in the client (a message: its channel or thread, `?message=` its id). */
  link: string;
}

export interface SearchResponse {
  results: SearchResult[];
}

/** The filters of the panel; an empty string is "any". */
export interface SearchFilters {
  kind: SearchKind | '';
  space: string;
  /** `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilters = { kind: '', space: '', from: '', to: '' };
