/** At most this many files per message (docs/protocol.md, "Files"). */
export const MAX_ATTACHMENTS = 10;

export interface Attached {
  id: string;
  name: string;
}

export interface Composed {
  text: string;
  files: string[];
}

/**
 * What the composer sends, or null when there is nothing. Files sent without a word go with an
 * empty text (the server accepts it when files are attached); the message shows the files.
 */
export function composeMessage(text: string, attached: readonly Attached[]): Composed | null {
  const value = text.trim();
  const files = attached.slice(0, MAX_ATTACHMENTS).map((f) => f.id);
  if (value) return { text: value, files };
  if (files.length === 0) return null;
  return { text: '', files };
}

/**
 * The files of a paste or a drop that still fit in the message (`taken`: already attached or on
 * their way), and how many were left out. A pasted image without a name is called `image.png`.
 */
export function acceptFiles(
  list: ArrayLike<File> | null | undefined,
  taken: number,
): { files: { file: File; name: string }[]; refused: number } {
  const all = Array.from(list ?? []);
  const room = Math.max(0, MAX_ATTACHMENTS - taken);
  const files = all.slice(0, room).map((file) => ({
    file,
    name: file.name || `image.${(file.type.split('/')[1] ?? 'png').replace(/[^a-z0-9]/g, '')}`,
  }));
  return { files, refused: all.length - files.length };
}
