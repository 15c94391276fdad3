import { signal } from '@preact/signals';
import { navigationCount } from '../router';

/**
 * A confirmation that outlives one navigation ("Proposal sent" shown on the page the person
 * is taken to), and disappears at the next one.
 */
const flash = signal<{ text: string; at: number } | null>(null);

/** Call just before `navigate(...)`. */
export function flashOnNextPage(text: string): void {
  flash.value = { text, at: navigationCount.value + 1 };
}

export function Flash() {
  const current = flash.value;
  if (!current || current.at !== navigationCount.value) return null;
  return (
    <div class="notice notice-success flash" role="status">
      {current.text}
    </div>
  );
}
