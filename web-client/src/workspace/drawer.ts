import { signal } from '@preact/signals';

/** Whether the sidebar is open as a drawer (phones); on wide screens it is always shown. */
export const sidebarOpen = signal(false);
