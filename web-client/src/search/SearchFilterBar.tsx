import type { Space } from '../api/types';
import { hasFilters } from './model';
import { texts } from './text';
import { NO_FILTERS, SEARCH_KINDS, type SearchFilters } from './types';

/** The panel's filters: kind, one of the person's spaces, a date range, and clearing them. */
export function SearchFilterBar(props: {
  filters: SearchFilters;
  spaces: Space[];
  onChange: (next: SearchFilters) => void;
}) {
  const tx = texts();
  const { filters } = props;
  const set = (patch: Partial<SearchFilters>) => props.onChange({ ...filters, ...patch });
  return (
    <fieldset class="search-filters">
      <legend class="visually-hidden">{tx.filters}</legend>
      <label>
        {tx.kind}
        <select
          value={filters.kind}
          onChange={(e) =>
            set({ kind: (e.target as HTMLSelectElement).value as SearchFilters['kind'] })
          }
        >
          <option value="">{tx.anyKind}</option>
          {SEARCH_KINDS.map((k) => (
            <option value={k} key={k}>
              {tx.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx.space}
        <select
          value={filters.space}
          onChange={(e) => set({ space: (e.target as HTMLSelectElement).value })}
        >
          <option value="">{tx.anySpace}</option>
          {props.spaces.map((s) => (
            <option value={s.id} key={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx.from}
        <input
          type="date"
          value={filters.from}
          onChange={(e) => set({ from: (e.target as HTMLInputElement).value })}
        />
      </label>
      <label>
        {tx.to}
        <input
          type="date"
          value={filters.to}
          onChange={(e) => set({ to: (e.target as HTMLInputElement).value })}
        />
      </label>
      {hasFilters(filters) && (
        <button type="button" class="button link" onClick={() => props.onChange(NO_FILTERS)}>
          {tx.clearFilters}
        </button>
      )}
    </fieldset>
  );
}
