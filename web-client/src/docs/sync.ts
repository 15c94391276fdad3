import { TextOperation } from './ot';

/**
 * ot.js's client state machine as immutable values and pure functions: synchronized, awaiting the
 * ack of one operation, or awaiting with a buffer of the edits made meanwhile. `confirmed` is the
 * server's text at `rev` (the local text without the unacknowledged edits): what is kept offline
 * and what a reconciliation starts from.
 */
export type SyncState =
  | { readonly kind: 'synchronized' }
  | { readonly kind: 'awaiting'; readonly outstanding: TextOperation; readonly clientId: string }
  | {
      readonly kind: 'buffering';
      readonly outstanding: TextOperation;
      readonly clientId: string;
      readonly buffer: TextOperation;
    };

export interface DocSync {
  readonly rev: number;
  readonly confirmed: string;
  readonly state: SyncState;
}

/** An operation to send: `doc.op` with this `rev` and `clientId`. */
export interface Outgoing {
  readonly rev: number;
  readonly clientId: string;
  readonly op: TextOperation;
}

export const SYNCHRONIZED: SyncState = { kind: 'synchronized' };

export function initial(rev: number, text: string): DocSync {
  return { rev, confirmed: text, state: SYNCHRONIZED };
}

/** The text the person sees: the confirmed text with the edits not yet acknowledged. */
export function localText(s: DocSync): string {
  const st = s.state;
  if (st.kind === 'synchronized') return s.confirmed;
  const t = st.outstanding.apply(s.confirmed);
  return st.kind === 'buffering' ? st.buffer.apply(t) : t;
}

/** The operation waiting for its ack, to (re)send; null when synchronized. */
export function outgoing(s: DocSync): Outgoing | null {
  const st = s.state;
  return st.kind === 'synchronized'
    ? null
    : { rev: s.rev, clientId: st.clientId, op: st.outstanding };
}

/** The person edited: answers the new state and, when nothing was in flight, what to send. */
export function localEdit(
  s: DocSync,
  op: TextOperation,
  newClientId: () => string,
): { sync: DocSync; send: Outgoing | null } {
  const st = s.state;
  if (st.kind === 'synchronized') {
    const sync = {
      ...s,
      state: { kind: 'awaiting', outstanding: op, clientId: newClientId() } as const,
    };
    return { sync, send: outgoing(sync) };
  }
  const buffer = st.kind === 'buffering' ? st.buffer.compose(op) : op;
  return {
    sync: {
      ...s,
      state: { kind: 'buffering', outstanding: st.outstanding, clientId: st.clientId, buffer },
    },
    send: null,
  };
}

/** The server acknowledged our outstanding operation as revision `rev`. */
export function acknowledged(
  s: DocSync,
  rev: number,
  newClientId: () => string,
): { sync: DocSync; send: Outgoing | null } {
  const st = s.state;
  // Not the next revision: the answer to a resend of an operation committed before. The stream
  // brings that operation in order, as a `doc.op` with our clientId, which acknowledges it.
  if (st.kind === 'synchronized' || rev !== s.rev + 1) return { sync: s, send: null };
  const confirmed = st.outstanding.apply(s.confirmed);
  if (st.kind === 'awaiting') return { sync: { rev, confirmed, state: SYNCHRONIZED }, send: null };
  const sync: DocSync = {
    rev,
    confirmed,
    state: { kind: 'awaiting', outstanding: st.buffer, clientId: newClientId() },
  };
  return { sync, send: outgoing(sync) };
}

/**
 * Someone's operation, revision `rev`. Answers what to apply to the local text (null when it was
 * our own operation seen again after a reconnect, which acknowledges it).
 */
export function remote(
  s: DocSync,
  rev: number,
  op: TextOperation,
  clientId: string | undefined,
  newClientId: () => string,
): { sync: DocSync; apply: TextOperation | null; send: Outgoing | null } {
  if (rev <= s.rev) return { sync: s, apply: null, send: null };
  if (rev !== s.rev + 1) throw new Error(`operation ${rev} after ${s.rev}`);
  const st = s.state;
  if (st.kind !== 'synchronized' && clientId === st.clientId) {
    return { ...acknowledged(s, rev, newClientId), apply: null };
  }
  const confirmed = op.apply(s.confirmed);
  if (st.kind === 'synchronized')
    return { sync: { rev, confirmed, state: st }, apply: op, send: null };
  const [outstanding, op1] = TextOperation.transform(st.outstanding, op);
  if (st.kind === 'awaiting') {
    return { sync: { rev, confirmed, state: { ...st, outstanding } }, apply: op1, send: null };
  }
  const [buffer, op2] = TextOperation.transform(st.buffer, op1);
  return {
    sync: { rev, confirmed, state: { ...st, outstanding, buffer } },
    apply: op2,
    send: null,
  };
}
