/** A document made from a chat message: its title (the message's first words) and its text, with a link back. */
export function documentFromMessage(
  text: string,
  authorName: string,
  messageHref: string,
  origin: string,
): { title: string; text: string } {
  const firstLine =
    text
      .split('\n')
      .map((l) =>
        l
          .replace(/^[#>*\-\s]+/, '')
          .replace(/[*_`~]/g, '')
          .trim(),
      )
      .find((l) => l !== '') ?? '';
  const title = firstLine.length > 80 ? `${firstLine.slice(0, 79).trimEnd()}…` : firstLine;
  const link = `${origin}${messageHref}`;
  return {
    title: title || 'Document',
    text: `${text}\n\n---\n\n_D’après [un message de ${authorName}](${link})._\n`,
  };
}

/**
 * Whether a message is offered as a document: several lines, or a long one. A one-line remark
 * makes a poor document, and one action fewer keeps the message toolbar small.
 */
export function worthADocument(text: string): boolean {
  return text.trim().includes('\n') || text.length >= 200;
}
