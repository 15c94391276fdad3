import {
  Annotation,
  StateEffect,
  StateField,
  type ChangeSet,
  type ChangeSpec,
} from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { TextOperation } from './ot';

/** Marks the transactions that apply someone else's operation (not to be sent back). */
export const remoteEdit = Annotation.define<boolean>();

/** A CodeMirror change set as an operation on the text it applies to. */
export function changesToOp(changes: ChangeSet): TextOperation {
  const b = TextOperation.builder();
  let pos = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    b.retain(fromA - pos);
    b.insert(inserted.toString());
    b.delete(toA - fromA);
    pos = toA;
  });
  b.retain(changes.length - pos);
  return b.build();
}

/** An operation as CodeMirror changes (positions of the text before it). */
export function opToChanges(op: TextOperation): ChangeSpec[] {
  const out: ChangeSpec[] = [];
  let pos = 0;
  for (const c of op.ops) {
    if (typeof c === 'string') out.push({ from: pos, insert: c });
    else if (c > 0) pos += c;
    else {
      out.push({ from: pos, to: pos - c });
      pos -= c;
    }
  }
  return out;
}

export interface ShownCursor {
  user: string;
  name: string;
  colour: string;
  ranges: [number, number][];
}

export const setCursors = StateEffect.define<ShownCursor[]>();

class CaretWidget extends WidgetType {
  constructor(
    readonly name: string,
    readonly colour: string,
  ) {
    super();
  }
  override eq(other: CaretWidget) {
    return other.name === this.name && other.colour === this.colour;
  }
  toDOM() {
    const caret = document.createElement('span');
    caret.className = 'doc-remote-caret';
    caret.style.borderColor = this.colour;
    const label = document.createElement('span');
    label.className = 'doc-remote-name';
    label.style.background = this.colour;
    label.textContent = this.name;
    caret.appendChild(label);
    return caret;
  }
}

/** The other editors' carets (with their names) and selections. */
export const remoteCursors = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCursors)) continue;
      const len = tr.state.doc.length;
      const parts = [];
      for (const c of e.value) {
        for (const [anchor, head] of c.ranges) {
          const a = Math.min(anchor, len);
          const h = Math.min(head, len);
          if (a !== h) {
            parts.push(
              Decoration.mark({
                class: 'doc-remote-selection',
                attributes: {
                  style: `background-color: color-mix(in srgb, ${c.colour} 25%, transparent)`,
                },
              }).range(Math.min(a, h), Math.max(a, h)),
            );
          }
          parts.push(
            Decoration.widget({ widget: new CaretWidget(c.name, c.colour), side: 1 }).range(h),
          );
        }
      }
      deco = Decoration.set(parts, true);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});
