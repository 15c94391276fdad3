import MarkdownIt, { type StateInline, type Token } from 'markdown-it';

/**
 * The Markdown of messages: CommonMark with GFM tables and strikethrough, parsed by markdown-it
 * into its token stream and folded here into a small tree of allowed nodes, which the view
 * renders as Preact nodes. No HTML string is ever produced for the page: markdown-it runs with
 * `html: false` (raw HTML stays text, so `<img src=x onerror=alert(1)>` shows as those
 * characters), links are kept only when `safeUrl` allows them, images become links (nothing is
 * loaded from elsewhere), and `<@userId>` is a mention.
 */

export type MdNode =
  | { t: 'text'; v: string }
  | { t: 'br' }
  | { t: 'hr' }
  | { t: 'code'; v: string }
  | { t: 'pre'; v: string; lang?: string }
  | { t: 'mention'; id: string }
  | { t: 'link'; href: string; c: MdNode[] }
  | { t: 'h'; level: number; c: MdNode[] }
  | { t: 'ol'; start: number; c: MdNode[] }
  | { t: 'cell'; head: boolean; align?: 'left' | 'center' | 'right'; c: MdNode[] }
  | { t: Container; c: MdNode[] };

/** Elements that hold other nodes and carry nothing else. */
export type Container =
  'p' | 'strong' | 'em' | 'del' | 'blockquote' | 'ul' | 'li' | 'table' | 'thead' | 'tbody' | 'tr';

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

const MENTION = /^<@([A-Za-z0-9_-]{1,64})>/;

/** `<@id>` is a mention (before markdown-it's autolinks, which would not take it anyway). */
function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  const match = MENTION.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.meta = { id: match[1] };
  }
  state.pos += match[0].length;
  return true;
}

const md = new MarkdownIt('default', {
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  maxNesting: 20,
});
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
md.validateLink = (url) => safeUrl(url) !== null;
md.inline.ruler.before('autolink', 'mention', mentionRule);

const CONTAINERS: Record<string, Container> = {
  paragraph: 'p',
  strong: 'strong',
  em: 'em',
  s: 'del',
  blockquote: 'blockquote',
  bullet_list: 'ul',
  list_item: 'li',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
};

interface Frame {
  node: MdNode & { c: MdNode[] };
  /** A tight list's paragraph: its children go straight into the list item. */
  hidden: boolean;
}

function alignOf(token: Token): 'left' | 'center' | 'right' | undefined {
  const style = String(token.attrGet('style') ?? '');
  const match = /text-align:(left|center|right)/.exec(style);
  return match ? (match[1] as 'left' | 'center' | 'right') : undefined;
}

function pushText(out: MdNode[], v: string): void {
  if (!v) return;
  const last = out[out.length - 1];
  if (last && last.t === 'text') out[out.length - 1] = { t: 'text', v: last.v + v };
  else out.push({ t: 'text', v });
}

/** Folds markdown-it's flat token stream (with nested inline children) into a tree. */
function fold(tokens: readonly Token[]): MdNode[] {
  const root: Frame = { node: { t: 'p', c: [] }, hidden: true };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1]!;
  const open = (node: MdNode & { c: MdNode[] }, hidden = false) => {
    if (!hidden) top().node.c.push(node);
    stack.push({ node: hidden ? top().node : node, hidden });
  };
  const close = () => {
    if (stack.length > 1) stack.pop();
  };
  const walk = (list: readonly Token[]) => {
    for (const token of list) {
      const type = token.type;
      if (type === 'inline') {
        walk(token.children ?? []);
      } else if (type.endsWith('_close')) {
        close();
      } else if (type === 'heading_open') {
        open({ t: 'h', level: Number(token.tag.slice(1)) || 1, c: [] });
      } else if (type === 'ordered_list_open') {
        open({ t: 'ol', start: Number(token.attrGet('start') ?? 1) || 1, c: [] });
      } else if (type === 'th_open' || type === 'td_open') {
        const align = alignOf(token);
        open({ t: 'cell', head: type === 'th_open', ...(align ? { align } : {}), c: [] });
      } else if (type === 'link_open') {
        // markdown-it already refused links that `validateLink` (safeUrl) does not allow.
        const href = safeUrl(String(token.attrGet('href') ?? ''));
        if (href) open({ t: 'link', href, c: [] });
        else open({ t: 'em', c: [] }, true);
      } else if (type.endsWith('_open')) {
        const container = CONTAINERS[type.slice(0, -'_open'.length)];
        open({ t: container ?? 'p', c: [] }, token.hidden || !container);
      } else if (type === 'text') {
        pushText(top().node.c, token.content);
      } else if (type === 'softbreak' || type === 'hardbreak') {
        top().node.c.push({ t: 'br' });
      } else if (type === 'code_inline') {
        top().node.c.push({ t: 'code', v: token.content });
      } else if (type === 'fence' || type === 'code_block') {
        const lang = token.info.trim().split(/\s+/)[0];
        top().node.c.push({
          t: 'pre',
          v: token.content.replace(/\n$/, ''),
          ...(lang ? { lang } : {}),
        });
      } else if (type === 'hr') {
        top().node.c.push({ t: 'hr' });
      } else if (type === 'mention') {
        top().node.c.push({ t: 'mention', id: (token.meta as { id: string }).id });
      } else if (type === 'image') {
        // Never loaded from elsewhere: an image is a link to it, named by its description.
        const href = safeUrl(String(token.attrGet('src') ?? ''));
        const label = token.content || href || '';
        if (href) top().node.c.push({ t: 'link', href, c: [{ t: 'text', v: label }] });
        else pushText(top().node.c, label);
      } else if (token.content) {
        pushText(top().node.c, token.content);
      }
    }
  };
  walk(tokens);
  return root.node.c;
}

function hasContent(nodes: readonly MdNode[]): boolean {
  return nodes.some((n) => ('c' in n ? hasContent(n.c) : n.t !== 'br'));
}

export function parseMarkdown(source: string): MdNode[] {
  let nodes: MdNode[] | null = null;
  try {
    nodes = fold(md.parse(source, {}));
  } catch {
    nodes = null;
  }
  // Past `maxNesting` markdown-it drops what is deeper: then the text is shown as it was typed.
  if (!nodes || (!hasContent(nodes) && source.trim() !== '')) {
    return [{ t: 'p', c: [{ t: 'text', v: source }] }];
  }
  return nodes;
}

// --- text and an HTML serialisation (tests; the app renders Preact nodes) ----------------------

/**
 * What a message says, as a screen reader or a notification should say it: the text without
 * Markdown marks, mentions as `@Name`, blocks on their own lines.
 */
export function plainText(source: string, name: (id: string) => string = (id) => id): string {
  const out: string[] = [];
  const walk = (nodes: readonly MdNode[]) => {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
        case 'code':
          out.push(n.v);
          break;
        case 'pre':
          out.push(n.v, '\n');
          break;
        case 'br':
          out.push('\n');
          break;
        case 'hr':
          out.push('\n');
          break;
        case 'mention':
          out.push(`@${name(n.id)}`);
          break;
        case 'cell':
          walk(n.c);
          out.push(' ');
          break;
        default:
          walk(n.c);
          if (['p', 'h', 'li', 'tr', 'blockquote'].includes(n.t)) out.push('\n');
      }
    }
  };
  walk(parseMarkdown(source));
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function toHtml(
  nodes: readonly MdNode[],
  name: (id: string) => string = (id) => id,
): string {
  return nodes
    .map((n): string => {
      switch (n.t) {
        case 'text':
          return escapeHtml(n.v);
        case 'br':
          return '<br>';
        case 'hr':
          return '<hr>';
        case 'code':
          return `<code>${escapeHtml(n.v)}</code>`;
        case 'pre':
          return `<pre><code>${escapeHtml(n.v)}</code></pre>`;
        case 'mention':
          return `<span class="mention">@${escapeHtml(name(n.id))}</span>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}" rel="noopener noreferrer nofollow">${toHtml(n.c, name)}</a>`;
        case 'h':
          return `<h${n.level}>${toHtml(n.c, name)}</h${n.level}>`;
        case 'ol':
          return `<ol start="${n.start}">${toHtml(n.c, name)}</ol>`;
        case 'cell': {
          const tag = n.head ? 'th' : 'td';
          const align = n.align ? ` align="${n.align}"` : '';
          return `<${tag}${align}>${toHtml(n.c, name)}</${tag}>`;
        }
        default:
          return `<${n.t}>${toHtml(n.c, name)}</${n.t}>`;
      }
    })
    .join('');
}
