import type { ComponentChildren, VNode } from 'preact';
import { Empty, ErrorNotice, Loading, type AsyncState } from './components';

/**
 * A loaded list: "loading" until the first answer, the error with a retry button, the empty
 * text when the list is empty, else what `children` makes of the items.
 */
export function AsyncList<T>(props: {
  resource: Pick<AsyncState<T[]>, 'data' | 'error' | 'loading' | 'reload'>;
  empty: string;
  children: (items: T[]) => ComponentChildren;
}) {
  const { data, error, loading, reload } = props.resource;
  return (
    <>
      {loading && !data && <Loading />}
      {error != null && <ErrorNotice error={error} onRetry={reload} />}
      {data && (data.length === 0 ? <Empty>{props.empty}</Empty> : props.children(data))}
    </>
  );
}

/**
 * An {@link AsyncList} shown as a table with `scope="col"` headers, in a focusable region
 * (it scrolls on narrow screens) named by the heading `labelledBy`. `row` returns one keyed `<tr>`.
 */
export function AsyncTable<T>(props: {
  resource: Pick<AsyncState<T[]>, 'data' | 'error' | 'loading' | 'reload'>;
  labelledBy: string;
  columns: string[];
  empty: string;
  row: (item: T) => VNode;
}) {
  return (
    <AsyncList resource={props.resource} empty={props.empty}>
      {(items) => (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby={props.labelledBy}>
          <table>
            <thead>
              <tr>
                {props.columns.map((label, i) => (
                  <th key={i} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{items.map((item) => props.row(item))}</tbody>
          </table>
        </div>
      )}
    </AsyncList>
  );
}
