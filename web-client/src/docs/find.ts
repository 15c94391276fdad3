/**
 * Where a search result's matched word sits in a document, so that opening the document from
 * the search (`?find=word`) selects it. Case and accents aside, as the search matched it
 * ("erable" finds « Érable »); answers UTF-16 offsets of the text, or null.
 */
export function findInText(text: string, term: string): [number, number] | null {
  const wanted = fold(term.trim());
  if (!wanted) return null;
  // The folded text, one folded unit per code unit of the original, so offsets map back.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = fold(text[i]!);
    for (let k = 0; k < f.length; k++) {
      folded += f[k];
      origin.push(i);
    }
  }
  const at = folded.indexOf(wanted);
  if (at < 0) return null;
  const end = at + wanted.length - 1;
  return [origin[at]!, origin[end]! + 1];
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The `find` parameter of an address (a search result opened on a document). */
export function findFromAddress(search: string): string | null {
  const term = new URLSearchParams(search).get('find');
  return term && term.trim() ? term.slice(0, 200) : null;
}
