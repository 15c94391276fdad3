import { segments } from './model';
import type { Range } from './types';

/** Text with its matched words in `<mark>`: built as nodes, never parsed as HTML. */
export function Highlighted(props: { text: string; ranges: readonly Range[] | undefined }) {
  return (
    <>
      {segments(props.text, props.ranges ?? []).map((s, i) =>
        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
