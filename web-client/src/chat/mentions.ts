/**
 * @mention completion in the composer. The text the person edits says `@Marie Tremblay`; what
 * is sent says `<@userId>` (docs/protocol.md), so the server records the mention.
 */

export interface MentionCandidate {
  id: string;
  name: string;
}

/** Lower case without accents, for matching "eloise" with "Éloïse". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The `@query` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/[\s(]/.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@<>]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query)) {
    return null;
  }
  return { start: at, query };
}

/**
 * The members whose name matches: the whole name starting with the query first, then a word of
 * the name starting with it, then containing it; alphabetical within each group.
 */
export function matchMembers<T extends MentionCandidate>(
  members: readonly T[],
  query: string,
  limit = 6,
): T[] {
  const q = fold(query.trim());
  const scored: { m: T; rank: number }[] = [];
  for (const m of members) {
    const name = fold(m.name);
    let rank = -1;
    if (q === '' || name.startsWith(q)) rank = 0;
    else if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) rank = 1;
    else if (name.includes(q)) rank = 2;
    if (rank >= 0) scored.push({ m, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.m.name.localeCompare(b.m.name));
  return scored.slice(0, limit).map((s) => s.m);
}

/** Replaces the `@query` at `start..caret` by `@Name ` and answers the new text and caret. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  member: MentionCandidate,
): { text: string; caret: number } {
  const inserted = `@${member.name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** `@Name` of a known member → `<@id>` (longest names first, so "Marie Tremblay" wins). */
export function encodeMentions(text: string, members: readonly MentionCandidate[]): string {
  const sorted = [...members].sort((a, b) => b.name.length - a.name.length);
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '@' && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      const rest = text.slice(i + 1);
      const hit = sorted.find(
        (m) => rest.startsWith(m.name) && !/[\p{L}\p{N}]/u.test(rest[m.name.length] ?? ''),
      );
      if (hit) {
        out += `<@${hit.id}>`;
        i += 1 + hit.name.length;
        continue;
      }
    }
    out += text[i];
    i++;
  }
  return out;
}

/** `<@id>` → `@Name` (for editing a message); unknown ids stay as they are. */
export function decodeMentions(text: string, members: readonly MentionCandidate[]): string {
  return text.replace(/<@([A-Za-z0-9_-]{1,64})>/g, (whole, id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? `@${m.name}` : whole;
  });
}
