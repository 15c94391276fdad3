import { parseMarkdown, type Block, type Inline } from '../../../chat/markdown';

/**
 * Renders a message's Markdown as Preact nodes: text is always text (Preact escapes it), links
 * are only those `safeUrl` allowed, and no HTML string is ever injected.
 */
export function Markdown(props: { text: string; nameOf: (id: string) => string; me?: string }) {
  return <>{parseMarkdown(props.text).map((b, i) => block(b, i, props))}</>;
}

type Ctx = { nameOf: (id: string) => string; me?: string };

function block(b: Block, key: number, ctx: Ctx) {
  switch (b.t) {
    case 'p':
      return <p key={key}>{inline(b.c, ctx)}</p>;
    case 'pre':
      return (
        <pre key={key}>
          <code>{b.v}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{b.c.map((c, i) => block(c, i, ctx))}</blockquote>;
    case 'ul':
      return (
        <ul key={key}>
          {b.items.map((item, i) => (
            <li key={i}>{inline(item, ctx)}</li>
          ))}
        </ul>
      );
    case 'ol':
      return (
        <ol key={key} start={b.start}>
          {b.items.map((item, i) => (
            <li key={i}>{inline(item, ctx)}</li>
          ))}
        </ol>
      );
  }
}

function inline(nodes: Inline[], ctx: Ctx) {
  return nodes.map((n, i) => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'br':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{n.v}</code>;
      case 'mention':
        return (
          <span key={i} class={`mention${n.id === ctx.me ? ' mention-me' : ''}`}>
            @{ctx.nameOf(n.id)}
          </span>
        );
      case 'link':
        return (
          <a key={i} href={n.href} rel="noopener noreferrer nofollow" target="_blank">
            {inline(n.c, ctx)}
          </a>
        );
      case 'strong':
        return <strong key={i}>{inline(n.c, ctx)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.c, ctx)}</em>;
      case 'del':
        return <del key={i}>{inline(n.c, ctx)}</del>;
    }
  });
}
