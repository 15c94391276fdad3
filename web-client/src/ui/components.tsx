import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { navigationCount } from '../router';
import { signal } from '@preact/signals';
import { locale, t, type MessageKey } from '../i18n';
import { describeError } from './errors';

/** The current page's title; the shell puts it in the tab with the unread count. */
export const pageTitle = signal('');

/**
 * The page frame: sets the document title and renders the one `<h1>`, which takes the focus
 * after every in-app navigation so screen-reader and keyboard users start at the new content.
 */
export function Page(props: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
  titleId?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    pageTitle.value = t('title.page', { page: props.title });
  }, [props.title, locale.value]);
  const count = navigationCount.value;
  useEffect(() => {
    if (count > 0) heading.current?.focus({ preventScroll: false });
  }, [count]);
  return (
    <div class="page">
      <div class="page-head">
        <h1 id={props.titleId ?? 'page-title'} tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.actions && <div class="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? t('common.loading')}
    </p>
  );
}

/** An error the person must see: announced at once (`role="alert"`). */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void; id?: string }) {
  return (
    <div class="notice notice-error" role="alert" id={props.id}>
      <p>{describeError(props.error)}</p>
      {props.onRetry && (
        <button type="button" class="button secondary" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** The error of an action, under the control that failed, announced at once; nothing when there is none. */
export function InlineError(props: { error: unknown }) {
  if (props.error == null) return null;
  return (
    <p class="field-error" role="alert">
      {describeError(props.error)}
    </p>
  );
}

/** A confirmation or information, announced politely. */
export function StatusNotice(props: { children: ComponentChildren; tone?: 'success' | 'info' }) {
  return (
    <div class={`notice notice-${props.tone ?? 'success'}`} role="status">
      {props.children}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

let fieldCounter = 0;
function useId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++fieldCounter}`);
  return id;
}

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'label' | 'id' | 'value' | 'type' | 'name' | 'required'
> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** Search boxes and the like: not marked "(optional)". */
  hideOptional?: boolean;
  type?: string;
  name: string;
  autoComplete?: string;
  inputRef?: { current: HTMLInputElement | null };
};

/** A labelled input; its hint and error are tied to it with `aria-describedby`. */
export function TextField(props: InputProps) {
  const { label, value, onValue, error, hint, required, inputRef, hideOptional, ...rest } = props;
  const id = useId(`f-${props.name}`);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {!required && !hideOptional && <span class="optional"> {t('common.optional')}</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        {...rest}
        id={id}
        ref={inputRef}
        value={value}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextArea(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const id = useId(`f-${props.name}`);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={id}>
        {props.label}
        {!props.required && <span class="optional"> {t('common.optional')}</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        onInput={(e) => props.onValue((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string | undefined;
  required?: boolean;
  hideOptional?: boolean;
}) {
  const id = useId(`f-${props.name}`);
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={id}>
        {props.label}
        {!props.required && !props.hideOptional && (
          <span class="optional"> {t('common.optional')}</span>
        )}
      </label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField(props: {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  return (
    <div class="field checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChecked((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

/** The error summary at the top of a form that failed validation; it takes the focus. */
export function FormErrors(props: { count: number; message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.count > 0) ref.current?.focus();
  }, [props.count, props.message]);
  if (props.count === 0) return null;
  return (
    <div class="notice notice-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{props.message}</p>
    </div>
  );
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads something when `deps` change; stale answers of an earlier load are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const generation = useRef(0);
  const run = useCallback((keepData: boolean) => {
    const mine = ++generation.current;
    setState((s) => ({ data: keepData ? s.data : undefined, error: null, loading: true }));
    load().then(
      (data) => {
        if (generation.current === mine) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (generation.current === mine) {
          setState((s) => ({ data: s.data, error, loading: false }));
        }
      },
    );
  }, deps);
  // The first load shows "loading"; later ones (new deps, reload) keep the data on screen
  // until the answer replaces it.
  const loadedOnce = useRef(false);
  useEffect(() => {
    run(loadedOnce.current);
    loadedOnce.current = true;
    return () => {
      generation.current++;
    };
  }, [run]);
  return {
    ...state,
    reload: () => run(true),
    setData: (data: T) => setState({ data, error: null, loading: false }),
  };
}

/** Text of a message key, for places that take a key rather than a string. */
export function Msg(props: { k: MessageKey; params?: Record<string, string | number> }) {
  return <>{t(props.k, props.params)}</>;
}
