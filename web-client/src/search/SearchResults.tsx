import { formatDateTime } from './when';
import { Highlighted } from './Highlighted';
import type { SpaceGroup } from './model';
import { texts } from './text';
import type { SearchResult } from './types';

export function resultDomId(r: SearchResult): string {
  return `search-hit-${r.kind}-${r.id}`;
}

function Hit(props: {
  result: SearchResult;
  active: boolean;
  onOpen: (r: SearchResult) => void;
  onHover: () => void;
}) {
  const r = props.result;
  const tx = texts();
  return (
    <li
      id={resultDomId(r)}
      role="option"
      aria-selected={props.active}
      class={props.active ? 'search-hit active' : 'search-hit'}
      onMouseMove={props.onHover}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.onOpen(r)}
    >
      <span class={`search-kind search-kind-${r.kind}`}>{tx.kindOne[r.kind]}</span>
      <span class="search-hit-body">
        {r.title && (
          <span class="search-hit-title">
            <Highlighted text={r.title} ranges={r.titleHighlights} />
          </span>
        )}
        {r.snippet && (
          <span class="search-hit-snippet">
            <Highlighted text={r.snippet} ranges={r.highlights} />
          </span>
        )}
        <span class="search-hit-meta">
          {r.channel && <span>{tx.channel(r.channel)}</span>}
          {r.thread && <span>{tx.inThread}</span>}
          <time dateTime={r.at}>{formatDateTime(r.at)}</time>
        </span>
      </span>
    </li>
  );
}

/** The hits grouped by space, each group a labelled list of options. */
export function SearchResults(props: {
  groups: SpaceGroup[];
  active: SearchResult | null;
  onOpen: (r: SearchResult) => void;
  onHover: (r: SearchResult) => void;
}) {
  return (
    <>
      {props.groups.map((g) => (
        <section class="search-group" key={g.space.id}>
          <h3 class="search-group-title" id={`search-group-${g.space.id}`}>
            {g.space.name}
          </h3>
          <ul role="group" aria-labelledby={`search-group-${g.space.id}`}>
            {g.results.map((r) => (
              <Hit
                key={`${r.kind}:${r.id}`}
                result={r}
                active={props.active === r}
                onOpen={props.onOpen}
                onHover={() => props.onHover(r)}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
