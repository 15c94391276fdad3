import { describe, expect, it } from 'vitest';
import { InvalidOperation, TextOperation } from './ot';
import { acknowledged, initial, localEdit, localText, remote, type DocSync } from './sync';

const PIECES = ['a', 'b', 'é', ' ', '\n', '😀', '𝄞', 'z'];

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function randomText(r: (n: number) => number, max: number): string {
  let s = '';
  const n = r(max + 1);
  for (let i = 0; i < n; i++) s += PIECES[r(PIECES.length)];
  return s;
}

/** A random operation on `text` that never cuts a surrogate pair. */
function randomOp(text: string, r: (n: number) => number): TextOperation {
  const b = TextOperation.builder();
  let at = 0;
  while (at < text.length) {
    let n = 1 + r(Math.min(text.length - at, 6));
    if (at + n < text.length && /[\udc00-\udfff]/.test(text[at + n]!)) n++;
    const k = r(4);
    if (k === 0) b.insert(randomText(r, 3)).retain(n);
    else if (k === 1) b.delete(n);
    else b.retain(n);
    at += n;
  }
  if (r(3) === 0) b.insert(randomText(r, 3));
  return b.build();
}

describe('TextOperation', () => {
  it('keeps the laws of compose, transform and invert on 500 random cases', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = rng(seed);
      const s = randomText(r, 30);
      const a = randomOp(s, r);
      const b = randomOp(s, r);
      const [a1, b1] = TextOperation.transform(a, b);
      expect(b1.apply(a.apply(s))).toBe(a1.apply(b.apply(s)));
      const c = randomOp(a.apply(s), r);
      expect(a.compose(c).apply(s)).toBe(c.apply(a.apply(s)));
      expect(a.invert(s).apply(a.apply(s))).toBe(s);
      expect(TextOperation.fromJSON(JSON.parse(JSON.stringify(a))).ops).toEqual(a.ops);
    }
  });

  it('counts UTF-16 code units, as the server does', () => {
    expect(TextOperation.fromJSON([2, 'é', -1]).apply('😀x')).toBe('😀é');
  });

  it('refuses malformed operations', () => {
    for (const bad of [[0], [''], [1.5], [true], 'x', [null]])
      expect(() => TextOperation.fromJSON(bad)).toThrow(InvalidOperation);
    expect(() => TextOperation.fromJSON([5]).apply('abc')).toThrow(InvalidOperation);
  });

  it('moves a cursor with the text around it', () => {
    const op = TextOperation.fromJSON([2, 'XY', -2, 3]);
    expect(op.transformIndex(1)).toBe(1);
    expect(op.transformIndex(2)).toBe(4);
    expect(op.transformIndex(2, true)).toBe(2);
    expect(op.transformIndex(3)).toBe(4);
  });
});

describe('the client state machine', () => {
  it('converges with a simulated server whatever the delays (200 runs, three clients)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed * 7919);
      let serverText = 'Départ';
      const log: { op: TextOperation; clientId: string }[] = [];
      const ids = new Set<string>();
      let counter = 0;
      const newId = () => `c${++counter}`;
      type Msg =
        | { kind: 'ack'; rev: number }
        | { kind: 'op'; rev: number; op: TextOperation; clientId: string };
      const clients = [0, 1, 2].map(() => ({
        sync: initial(0, serverText) as DocSync,
        text: serverText,
        up: [] as { rev: number; clientId: string; op: TextOperation }[],
        down: [] as Msg[],
      }));
      const receive = (from: number, u: { rev: number; clientId: string; op: TextOperation }) => {
        let op = u.op;
        for (let i = u.rev; i < log.length; i++) op = TextOperation.transform(op, log[i]!.op)[0];
        serverText = op.apply(serverText);
        log.push({ op, clientId: u.clientId });
        ids.add(u.clientId);
        clients.forEach((c, i) =>
          c.down.push(
            i === from
              ? { kind: 'ack', rev: log.length }
              : { kind: 'op', rev: log.length, op, clientId: u.clientId },
          ),
        );
      };
      for (let step = 0; step < 300; step++) {
        const i = r(3);
        const c = clients[i]!;
        const k = r(3);
        if (k === 0) {
          const op = randomOp(c.text, r);
          c.text = op.apply(c.text);
          const res = localEdit(c.sync, op, newId);
          c.sync = res.sync;
          if (res.send) c.up.push(res.send);
        } else if (k === 1 && c.up.length) receive(i, c.up.shift()!);
        else if (c.down.length) {
          const m = c.down.shift()!;
          if (m.kind === 'ack') {
            const res = acknowledged(c.sync, m.rev, newId);
            c.sync = res.sync;
            if (res.send) c.up.push(res.send);
          } else {
            const res = remote(c.sync, m.rev, m.op, m.clientId, newId);
            c.sync = res.sync;
            if (res.apply) c.text = res.apply.apply(c.text);
          }
        }
        expect(localText(c.sync)).toBe(c.text);
      }
      let moved = true;
      while (moved) {
        moved = false;
        clients.forEach((c, i) => {
          while (c.up.length) {
            receive(i, c.up.shift()!);
            moved = true;
          }
          while (c.down.length) {
            moved = true;
            const m = c.down.shift()!;
            if (m.kind === 'ack') {
              const res = acknowledged(c.sync, m.rev, newId);
              c.sync = res.sync;
              if (res.send) c.up.push(res.send);
            } else {
              const res = remote(c.sync, m.rev, m.op, m.clientId, newId);
              c.sync = res.sync;
              if (res.apply) c.text = res.apply.apply(c.text);
            }
          }
        });
      }
      for (const c of clients) {
        expect(c.text).toBe(serverText);
        expect(c.sync.state.kind).toBe('synchronized');
        expect(c.sync.confirmed).toBe(serverText);
      }
      expect(ids.size).toBe(log.length);
    }
  });

  it('takes its own operation seen again after a reconnect as its ack', () => {
    const s0 = initial(3, 'abc');
    const { sync, send } = localEdit(s0, TextOperation.fromJSON([3, 'd']), () => 'k1');
    expect(send?.clientId).toBe('k1');
    const res = remote(sync, 4, TextOperation.fromJSON([3, 'd']), 'k1', () => 'k2');
    expect(res.apply).toBeNull();
    expect(res.sync).toEqual({ rev: 4, confirmed: 'abcd', state: { kind: 'synchronized' } });
    // and the late answer to the resend changes nothing
    expect(acknowledged(res.sync, 4, () => 'k3').sync).toBe(res.sync);
    // nor does an early answer (a resend of an operation committed before revisions not yet seen)
    const waiting = localEdit(initial(3, 'abc'), TextOperation.fromJSON([3, 'd']), () => 'k4').sync;
    expect(acknowledged(waiting, 9, () => 'k5').sync).toBe(waiting);
  });
});
