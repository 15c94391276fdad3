import type { ChatMessage } from './types';

/** Messages by one person within this long of the previous one share its header. */
export const GROUP_MS = 5 * 60_000;

/**
 * Which messages start a group (show the author, avatar and time) and which continue the one
 * above (by the same person, within `GROUP_MS`, not after a deleted message or the unread
 * divider). Answers the ids of the continuing ones.
 */
export function continuations(
  messages: readonly Pick<ChatMessage, 'id' | 'author' | 'createdAt' | 'deleted'>[],
  breakBefore: string | null = null,
): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < messages.length; i++) {
    const prev = messages[i - 1]!;
    const m = messages[i]!;
    if (m.id === breakBefore || m.deleted || prev.deleted || prev.author !== m.author) continue;
    const gap = Date.parse(m.createdAt) - Date.parse(prev.createdAt);
    if (gap >= 0 && gap < GROUP_MS) out.add(m.id);
  }
  return out;
}

/** Up to two initials for an avatar: "Marie Tremblay" → "MT", "Édith" → "É". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s-]+/)
    .filter((w) => /\p{L}/u.test(w));
  const first = (w: string | undefined) => (w ? ([...w.replace(/^[^\p{L}]+/u, '')][0] ?? '') : '');
  const letters =
    words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase() || '?';
}

/** One of a few colours (all AA with white text), the same for a person everywhere. */
export function avatarHue(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 8;
}
