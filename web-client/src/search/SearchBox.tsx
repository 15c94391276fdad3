import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { navigate } from '../router';
import type { Space } from '../api/types';
import { fetchResults, mySpaces } from './api';
import {
  linkOf,
  LatestOnly,
  MAX_QUERY,
  displayOrder,
  groupBySpace,
  hasFilters,
  moveActive,
  searchQuery,
} from './model';
import { jumpToMessage, messageFromAddress } from './jump';
import { SearchFilterBar } from './SearchFilterBar';
import { SearchResults, resultDomId } from './SearchResults';
import { texts } from './text';
import { NO_FILTERS, type SearchFilters, type SearchResult } from './types';
import './search.css';

const DEBOUNCE_MS = 150;
const INPUT_ID = 'site-search-input';

/** Puts the focus in the header's search box (for shortcuts such as Ctrl/⌘+K, owned by the shell). */
export function focusSearch(): void {
  const input = document.getElementById(INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

type Status = 'idle' | 'loading' | 'done' | 'error';

/**
 * The header's search box and its results panel: results as one types (the last word matches as a
 * prefix), grouped by space, arrows to move, Enter to open, Escape to close; filters by kind, space
 * and dates; help when nothing is found.
 */
export function SearchBox() {
  const tx = texts();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [active, setActive] = useState(-1);
  const [spaces, setSpaces] = useState<Space[] | null>(null);
  const latest = useRef(new LatestOnly<SearchResult[]>());
  const root = useRef<HTMLDivElement>(null);

  const groups = useMemo(() => groupBySpace(results), [results]);
  const ordered = useMemo(() => displayOrder(groups), [groups]);
  const activeHit = active >= 0 ? (ordered[active] ?? null) : null;
  const query = searchQuery(q, filters);

  useEffect(() => {
    if (query == null) {
      latest.current.cancel();
      setResults([]);
      setStatus('idle');
      return;
    }
    setStatus('loading');
    const timer = setTimeout(() => {
      latest.current
        .run(() => fetchResults(query).then((r) => r.results))
        .then(({ current, value }) => {
          if (!current) return;
          setResults(value);
          setActive(-1);
          setStatus('done');
        })
        .catch(() => setStatus('error'));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (!open || spaces != null) return;
    mySpaces()
      .then(setSpaces)
      .catch(() => setSpaces([]));
  }, [open, spaces]);

  useEffect(() => {
    if (activeHit)
      document.getElementById(resultDomId(activeHit))?.scrollIntoView({ block: 'nearest' });
  }, [activeHit]);

  // A result's link (or a shared one) names a message: bring it into view once it is rendered.
  useEffect(() => {
    const id = messageFromAddress(window.location.search);
    return id ? jumpToMessage(id) : undefined;
  }, []);

  function openHit(r: SearchResult) {
    setOpen(false);
    navigate(linkOf(r));
    const id = messageFromAddress(new URL(r.link, window.location.href).search);
    if (id) jumpToMessage(id);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => moveActive(a, e.key === 'ArrowDown' ? 1 : -1, ordered.length));
    } else if (e.key === 'Enter') {
      const hit = activeHit ?? ordered[0];
      if (hit && open) {
        e.preventDefault();
        openHit(hit);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else if (q) {
        setQ('');
      }
    }
  }

  const showPanel = open && (query != null || hasFilters(filters));

  return (
    <div
      class="site-search"
      ref={root}
      onFocusOut={(e) => {
        const next = (e as FocusEvent).relatedTarget as Node | null;
        if (!next || !root.current?.contains(next)) setOpen(false);
      }}
    >
      <input
        id={INPUT_ID}
        class="site-search-input"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        maxLength={MAX_QUERY}
        aria-label={tx.label}
        aria-expanded={showPanel}
        aria-controls="site-search-panel"
        aria-activedescendant={activeHit ? resultDomId(activeHit) : undefined}
        placeholder={tx.placeholder}
        value={q}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {showPanel && (
        <div class="site-search-panel" id="site-search-panel">
          <SearchFilterBar filters={filters} spaces={spaces ?? []} onChange={setFilters} />
          <p class="search-status" role="status" aria-live="polite">
            {status === 'loading' && tx.searching}
            {status === 'done' && results.length > 0 && tx.count(results.length)}
            {status === 'error' && tx.failed}
          </p>
          {status === 'done' && results.length === 0 && query != null && (
            <div class="search-empty">
              <p>{tx.noResults(q.trim())}</p>
              <p>{tx.helpTitle}</p>
              <ul>
                {tx.help.map((h) => (
                  <li key={h}>{h}</li>
                ))}
              </ul>
              {hasFilters(filters) && (
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() => setFilters(NO_FILTERS)}
                >
                  {tx.clearFilters}
                </button>
              )}
            </div>
          )}
          <div role="listbox" aria-label={tx.resultsLabel} class="search-results">
            <SearchResults
              groups={groups}
              active={activeHit}
              onOpen={openHit}
              onHover={(r) => setActive(ordered.indexOf(r))}
            />
          </div>
          {results.length > 0 && <p class="search-hint">{tx.hint}</p>}
        </div>
      )}
    </div>
  );
}
