import type { ComponentChildren } from 'preact';
import { signal } from '@preact/signals';

/**
 * The header's search slot. The search feature mounts its box here by setting `searchBox`
 * (e.g. `searchBox.value = <GlobalSearch />` at start); until then the region stays empty.
 * Kept apart from the quick switcher (Ctrl/⌘+K), which jumps to spaces and channels by name.
 */
export const searchBox = signal<ComponentChildren>(null);

export function SearchBox() {
  const content = searchBox.value;
  return (
    <div class="header-search" data-slot="search">
      {content}
    </div>
  );
}
