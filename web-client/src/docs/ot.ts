/**
 * ot.js's `TextOperation`, as the server has it (`atelier.docs.ot.TextOperation`): retain n > 0,
 * insert a non-empty string, delete n (written -n). Lengths are UTF-16 code units, as JavaScript
 * strings count them. Operations are immutable and kept canonical (no empty component, neighbours
 * of one kind merged, an insert before a delete at the same place).
 */
export type OpComponent = number | string;
export type OpJson = OpComponent[];

export class InvalidOperation extends Error {}

const isRetain = (c: OpComponent): c is number => typeof c === 'number' && c > 0;
const isInsert = (c: OpComponent): c is string => typeof c === 'string';
const isDelete = (c: OpComponent): c is number => typeof c === 'number' && c < 0;
const lengthOf = (c: OpComponent) => (typeof c === 'string' ? c.length : Math.abs(c));

export class OpBuilder {
  private readonly ops: OpComponent[] = [];
  private base = 0;
  private target = 0;

  retain(n: number): this {
    if (n < 0) throw new InvalidOperation('retain of a negative length');
    if (n === 0) return this;
    this.base += n;
    this.target += n;
    const last = this.ops.length - 1;
    if (last >= 0 && isRetain(this.ops[last]!)) this.ops[last] = (this.ops[last] as number) + n;
    else this.ops.push(n);
    return this;
  }

  insert(s: string): this {
    if (s === '') return this;
    this.target += s.length;
    const last = this.ops.length - 1;
    if (last >= 0 && isInsert(this.ops[last]!)) this.ops[last] = (this.ops[last] as string) + s;
    else if (last >= 0 && isDelete(this.ops[last]!)) {
      if (last >= 1 && isInsert(this.ops[last - 1]!))
        this.ops[last - 1] = (this.ops[last - 1] as string) + s;
      else this.ops.splice(last, 0, s);
    } else this.ops.push(s);
    return this;
  }

  delete(n: number): this {
    if (n < 0) throw new InvalidOperation('delete of a negative length');
    if (n === 0) return this;
    this.base += n;
    const last = this.ops.length - 1;
    if (last >= 0 && isDelete(this.ops[last]!)) this.ops[last] = (this.ops[last] as number) - n;
    else this.ops.push(-n);
    return this;
  }

  build(): TextOperation {
    return new TextOperation([...this.ops], this.base, this.target);
  }
}

/** Walks a component list, taking parts of components. */
class Cursor {
  private i = 0;
  private offset = 0;
  constructor(private readonly list: readonly OpComponent[]) {}
  has() {
    return this.i < this.list.length;
  }
  current(): OpComponent {
    return this.list[this.i]!;
  }
  remaining() {
    return lengthOf(this.current()) - this.offset;
  }
  /** Moves past n units of the current component (to the next one when it is used up). */
  advance(n: number) {
    this.offset += n;
    if (this.offset === lengthOf(this.current())) {
      this.i++;
      this.offset = 0;
    }
  }
  takeInsert(max: number): string {
    const text = this.current() as string;
    const n = Math.min(max, text.length - this.offset);
    const part = text.slice(this.offset, this.offset + n);
    this.advance(n);
    return part;
  }
}

export class TextOperation {
  constructor(
    readonly ops: readonly OpComponent[],
    readonly baseLength: number,
    readonly targetLength: number,
  ) {}

  static builder(): OpBuilder {
    return new OpBuilder();
  }

  static identity(length: number): TextOperation {
    return new OpBuilder().retain(length).build();
  }

  /** Reads the JSON form; anything else than non-zero integers and non-empty strings is refused. */
  static fromJSON(json: unknown): TextOperation {
    if (!Array.isArray(json)) throw new InvalidOperation('the operation must be an array');
    const b = new OpBuilder();
    json.forEach((c: unknown, i) => {
      if (typeof c === 'string' && c !== '') b.insert(c);
      else if (typeof c === 'number' && Number.isInteger(c) && c > 0) b.retain(c);
      else if (typeof c === 'number' && Number.isInteger(c) && c < 0) b.delete(-c);
      else throw new InvalidOperation(`item ${i} is neither a non-zero integer nor a string`);
    });
    return b.build();
  }

  toJSON(): OpJson {
    return [...this.ops];
  }

  isNoop(): boolean {
    return this.ops.length === 0 || (this.ops.length === 1 && isRetain(this.ops[0]!));
  }

  apply(text: string): string {
    if (text.length !== this.baseLength)
      throw new InvalidOperation(
        `the operation spans ${this.baseLength} characters but the text has ${text.length}`,
      );
    const parts: string[] = [];
    let index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) {
        parts.push(text.slice(index, index + c));
        index += c;
      } else if (isInsert(c)) parts.push(c);
      else index -= c;
    }
    return parts.join('');
  }

  invert(text: string): TextOperation {
    const b = new OpBuilder();
    let index = 0;
    for (const c of this.ops) {
      if (isRetain(c)) {
        b.retain(c);
        index += c;
      } else if (isInsert(c)) b.delete(c.length);
      else {
        b.insert(text.slice(index, index - c));
        index -= c;
      }
    }
    return b.build();
  }

  compose(next: TextOperation): TextOperation {
    if (this.targetLength !== next.baseLength)
      throw new InvalidOperation('cannot compose: lengths do not match');
    const b = new OpBuilder();
    const a = new Cursor(this.ops);
    const c = new Cursor(next.ops);
    while (a.has() || c.has()) {
      if (a.has() && isDelete(a.current())) {
        const n = a.remaining();
        b.delete(n);
        a.advance(n);
        continue;
      }
      if (c.has() && isInsert(c.current())) {
        b.insert(c.takeInsert(Infinity));
        continue;
      }
      if (!a.has() || !c.has()) throw new InvalidOperation('cannot compose: lengths do not match');
      const n = Math.min(a.remaining(), c.remaining());
      const first = a.current();
      const second = c.current();
      if (isRetain(first) && isRetain(second)) b.retain(n);
      else if (isInsert(first) && isRetain(second)) {
        b.insert(a.takeInsert(n));
        c.advance(n);
        continue;
      } else if (isRetain(first)) b.delete(n);
      // an insert then deleted leaves nothing
      a.advance(n);
      c.advance(n);
    }
    return b.build();
  }

  /**
   * `[a', b']` with apply(apply(s, a), b') === apply(apply(s, b), a'). At one place, `a`'s insert
   * goes first: client and server both pass the client's own operation as `a`.
   */
  static transform(a: TextOperation, b: TextOperation): [TextOperation, TextOperation] {
    if (a.baseLength !== b.baseLength)
      throw new InvalidOperation('cannot transform: the operations span different lengths');
    const ap = new OpBuilder();
    const bp = new OpBuilder();
    const x = new Cursor(a.ops);
    const y = new Cursor(b.ops);
    while (x.has() || y.has()) {
      if (x.has() && isInsert(x.current())) {
        const s = x.takeInsert(Infinity);
        ap.insert(s);
        bp.retain(s.length);
        continue;
      }
      if (y.has() && isInsert(y.current())) {
        const s = y.takeInsert(Infinity);
        ap.retain(s.length);
        bp.insert(s);
        continue;
      }
      if (!x.has() || !y.has())
        throw new InvalidOperation('cannot transform: lengths do not match');
      const n = Math.min(x.remaining(), y.remaining());
      const p = x.current();
      const q = y.current();
      if (isRetain(p) && isRetain(q)) {
        ap.retain(n);
        bp.retain(n);
      } else if (isDelete(p) && isRetain(q)) ap.delete(n);
      else if (isRetain(p)) bp.delete(n);
      x.advance(n);
      y.advance(n);
    }
    return [ap.build(), bp.build()];
  }

  /** Where a position before this operation lands after it (cursors of other people). */
  transformIndex(index: number, stayBeforeInserts = false): number {
    let oldIndex = 0;
    let newIndex = index;
    for (const c of this.ops) {
      if (oldIndex > index) break;
      if (isRetain(c)) oldIndex += c;
      else if (isInsert(c)) {
        if (oldIndex < index || !stayBeforeInserts) newIndex += c.length;
      } else {
        newIndex -= Math.min(-c, index - oldIndex);
        oldIndex -= c;
      }
    }
    return newIndex;
  }
}
