/**
 * The Markdown of messages, parsed into a small tree that the view renders as Preact nodes
 * (never as HTML). Only a safe subset exists: paragraphs and line breaks, **bold**, *italic*,
 * ~~struck~~, `code`, fenced code blocks, quotes, lists, links to http(s)/mailto/site paths and
 * mentions `<@userId>`. Anything else — raw HTML included — is text, so
 * `<img src=x onerror=alert(1)>` shows as those characters and runs nothing.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'strong' | 'em' | 'del'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'mention'; id: string }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'pre'; v: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; start: number; items: Inline[][] };

const MAX_DEPTH = 8;

/**
 * The URL a link may point to, or null: `http:`, `https:`, `mailto:` and paths of this site.
 * Control characters and spaces are removed first (browsers ignore them inside a scheme, so
 * `java\tscript:` would otherwise slip through).
 */
export function safeUrl(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/^https?:\/\/[^/]/i.test(url)) return url;
  if (/^mailto:[^:]+@[^:]+$/i.test(url)) return url;
  if (/^\/(?![/\\])/.test(url)) return url;
  return null;
}

function pushText(out: Inline[], v: string): void {
  if (!v) return;
  const last = out[out.length - 1];
  if (last && last.t === 'text') last.v += v;
  else out.push({ t: 'text', v });
}

const ESCAPABLE = '\\`*_~[]()<>#+-.!@|';
const BARE_URL = /^https?:\/\/[^\s<>"]+/i;

/** Finds the closing delimiter of an emphasis that starts at `from` (not right after a space). */
function findClose(text: string, delim: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf(delim, i);
    if (at < 0) return -1;
    if (text[at - 1] === '\\') {
      i = at + 1;
      continue;
    }
    if (at > from && !/\s/.test(text[at - 1] ?? '')) return at;
    i = at + 1;
  }
  return -1;
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  if (depth > MAX_DEPTH) {
    pushText(out, text);
    return out;
  }
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const rest = text.slice(i);
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.includes(text[i + 1]!)) {
      pushText(out, text[i + 1]!);
      i += 2;
      continue;
    }
    if (ch === '\n') {
      out.push({ t: 'br' });
      i++;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(rest)![0];
      const close = text.indexOf(run, i + run.length);
      if (close > i + run.length - 1 && close >= 0) {
        out.push({ t: 'code', v: text.slice(i + run.length, close) });
        i = close + run.length;
        continue;
      }
      pushText(out, run);
      i += run.length;
      continue;
    }
    const mention = /^<@([A-Za-z0-9_-]{1,64})>/.exec(rest);
    if (mention) {
      out.push({ t: 'mention', id: mention[1]! });
      i += mention[0].length;
      continue;
    }
    const angle = /^<(https?:\/\/[^\s<>]+)>/i.exec(rest);
    if (angle) {
      const href = safeUrl(angle[1]!);
      if (href) out.push({ t: 'link', href, c: [{ t: 'text', v: angle[1]! }] });
      else pushText(out, angle[0]);
      i += angle[0].length;
      continue;
    }
    if ((ch === 'h' || ch === 'H') && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        let url = bare[0];
        while (/[.,;:!?)\]'*_~]$/.test(url)) url = url.slice(0, -1);
        const href = safeUrl(url);
        if (href) {
          out.push({ t: 'link', href, c: [{ t: 'text', v: url }] });
          i += url.length;
          continue;
        }
      }
    }
    if (ch === '[') {
      const link = /^\[([^\]\n]{1,500})\]\(([^()\s]{1,2000})\)/.exec(rest);
      if (link) {
        const href = safeUrl(link[2]!);
        const label = parseInline(link[1]!, depth + 1).filter((n) => n.t !== 'link');
        if (href) out.push({ t: 'link', href, c: label });
        else for (const node of label) out.push(node);
        i += link[0].length;
        continue;
      }
    }
    const pair = rest.startsWith('**')
      ? '**'
      : rest.startsWith('__')
        ? '__'
        : rest.startsWith('~~')
          ? '~~'
          : ch === '*' || ch === '_'
            ? ch
            : null;
    if (pair && text[i + pair.length] && !/\s/.test(text[i + pair.length]!)) {
      const wordInside = pair === '_' && i > 0 && /\w/.test(text[i - 1]!);
      const close = wordInside ? -1 : findClose(text, pair, i + pair.length);
      if (close > i + pair.length - 1 && close >= 0) {
        const inner = parseInline(text.slice(i + pair.length, close), depth + 1);
        const t = pair === '~~' ? 'del' : pair.length === 2 ? 'strong' : 'em';
        out.push({ t, c: inner });
        i = close + pair.length;
        continue;
      }
    }
    pushText(out, ch);
    i++;
  }
  return out;
}

const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}> ?/;
const BULLET = /^\s{0,3}[-*+]\s+/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+/;
const HEADING = /^\s{0,3}#{1,6}\s+/;

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!))
        body.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ t: 'pre', v: body.join('\n') });
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(lines[i++]!.replace(QUOTE, ''));
      blocks.push({ t: 'quote', c: parseMarkdown(body.join('\n'), depth + 1) });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = !BULLET.test(line);
      const marker = ordered ? ORDERED : BULLET;
      const start = ordered ? Number(ORDERED.exec(line)![1]) : 1;
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        const current = lines[i]!;
        if (marker.test(current)) items.push(current.replace(marker, ''));
        else if (items.length > 0 && !FENCE.test(current) && !QUOTE.test(current)) {
          items[items.length - 1] += '\n' + current.trim();
        } else break;
        i++;
      }
      const parsed = items.map((item) => parseInline(item, depth + 1));
      blocks.push(ordered ? { t: 'ol', start, items: parsed } : { t: 'ul', items: parsed });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !FENCE.test(lines[i]!) &&
      !(para.length > 0 && (QUOTE.test(lines[i]!) || BULLET.test(lines[i]!)))
    ) {
      para.push(lines[i++]!);
    }
    const text = para.join('\n');
    if (HEADING.test(text) && para.length === 1) {
      blocks.push({ t: 'p', c: [{ t: 'strong', c: parseInline(text.replace(HEADING, ''), 1) }] });
    } else {
      blocks.push({ t: 'p', c: parseInline(text, depth) });
    }
  }
  return blocks;
}

// --- an HTML serialisation (tests and previews of the tree; the app renders Preact nodes) -----

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function inlineHtml(nodes: Inline[], name: (id: string) => string): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
          return escapeHtml(n.v);
        case 'br':
          return '<br>';
        case 'code':
          return `<code>${escapeHtml(n.v)}</code>`;
        case 'mention':
          return `<span class="mention">@${escapeHtml(name(n.id))}</span>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer nofollow">${inlineHtml(n.c, name)}</a>`;
        default:
          return `<${n.t}>${inlineHtml(n.c, name)}</${n.t}>`;
      }
    })
    .join('');
}

export function toHtml(blocks: Block[], name: (id: string) => string = (id) => id): string {
  return blocks
    .map((b) => {
      switch (b.t) {
        case 'p':
          return `<p>${inlineHtml(b.c, name)}</p>`;
        case 'pre':
          return `<pre><code>${escapeHtml(b.v)}</code></pre>`;
        case 'quote':
          return `<blockquote>${toHtml(b.c, name)}</blockquote>`;
        case 'ul':
          return `<ul>${b.items.map((i) => `<li>${inlineHtml(i, name)}</li>`).join('')}</ul>`;
        case 'ol':
          return `<ol start="${b.start}">${b.items.map((i) => `<li>${inlineHtml(i, name)}</li>`).join('')}</ol>`;
      }
    })
    .join('');
}

/** Plain text of a message (notifications, the live region, excerpts). */
export function plainText(source: string, name: (id: string) => string = (id) => id): string {
  return source.replace(/<@([A-Za-z0-9_-]{1,64})>/g, (_, id: string) => `@${name(id)}`);
}
