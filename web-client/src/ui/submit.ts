import { useCallback, useRef, useState } from 'preact/hooks';

/** Where a send reports: whether it is under way, and its failure (null when there is none). */
export interface SubmitSink {
  setBusy: (busy: boolean) => void;
  setError: (error: unknown) => void;
}

/**
 * One send of a form: ignored while another is under way (Enter pressed twice, a double click),
 * busy while it runs, the previous failure cleared when it starts and its own failure kept to show.
 * `onFailure` also gets the failure (e.g. to put field errors next to their fields). Resolves true
 * once `action` succeeded, false if it failed or was ignored; never rejects.
 */
export async function submitOnce(
  running: { current: boolean },
  sink: SubmitSink,
  action: () => Promise<void>,
  onFailure?: (failure: unknown) => void,
): Promise<boolean> {
  if (running.current) return false;
  running.current = true;
  sink.setBusy(true);
  sink.setError(null);
  try {
    await action();
    return true;
  } catch (failure) {
    sink.setError(failure);
    onFailure?.(failure);
    return false;
  } finally {
    running.current = false;
    sink.setBusy(false);
  }
}

export interface Submit {
  busy: boolean;
  error: unknown;
  /** For problems found before sending (a required field left empty), or to clear the notice. */
  setError: (error: unknown) => void;
  run: (action: () => Promise<void>, onFailure?: (failure: unknown) => void) => Promise<boolean>;
}

/**
 * The state of a form's submit button and error notice (see {@link submitOnce}): one hook instead
 * of the same flags, try/catch/finally and double-submit guard in every form.
 */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const run = useCallback(
    (action: () => Promise<void>, onFailure?: (failure: unknown) => void) =>
      submitOnce(running, { setBusy, setError }, action, onFailure),
    [],
  );
  return { busy, error, setError, run };
}
