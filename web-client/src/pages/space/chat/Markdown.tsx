import type { ComponentChildren } from 'preact';
import { parseMarkdown, type MdNode } from '../../../chat/markdown';

/**
 * Renders a message's Markdown as Preact nodes: text is always text (Preact escapes it), links
 * are only those `safeUrl` allowed, and no HTML string is ever injected. Headings inside a
 * message are shown as headings but start at level 3, below the page's and the channel's.
 */
export function Markdown(props: { text: string; nameOf: (id: string) => string; me?: string }) {
  return <>{render(parseMarkdown(props.text), props)}</>;
}

type Ctx = { nameOf: (id: string) => string; me?: string };

function render(nodes: readonly MdNode[], ctx: Ctx): ComponentChildren[] {
  return nodes.map((n, key) => node(n, key, ctx));
}

function node(n: MdNode, key: number, ctx: Ctx): ComponentChildren {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'br':
      return <br key={key} />;
    case 'hr':
      return <hr key={key} />;
    case 'code':
      return <code key={key}>{n.v}</code>;
    case 'pre':
      return (
        <pre key={key}>
          <code>{n.v}</code>
        </pre>
      );
    case 'mention':
      return (
        <span key={key} class={`mention${n.id === ctx.me ? ' mention-me' : ''}`}>
          @{ctx.nameOf(n.id)}
        </span>
      );
    case 'link':
      return (
        <a key={key} href={n.href} rel="noopener noreferrer nofollow" target="_blank">
          {render(n.c, ctx)}
        </a>
      );
    case 'h': {
      const Tag = `h${Math.min(6, n.level + 2)}` as 'h3' | 'h4' | 'h5' | 'h6';
      return (
        <Tag key={key} class={`md-h md-h${n.level}`}>
          {render(n.c, ctx)}
        </Tag>
      );
    }
    case 'ol':
      return (
        <ol key={key} start={n.start}>
          {render(n.c, ctx)}
        </ol>
      );
    case 'cell': {
      const Tag = n.head ? 'th' : 'td';
      return (
        <Tag
          key={key}
          class={n.align ? `align-${n.align}` : undefined}
          scope={n.head ? 'col' : undefined}
        >
          {render(n.c, ctx)}
        </Tag>
      );
    }
    case 'table':
      return (
        <div key={key} class="md-table">
          <table>{render(n.c, ctx)}</table>
        </div>
      );
    default: {
      const Tag = n.t;
      return <Tag key={key}>{render(n.c, ctx)}</Tag>;
    }
  }
}
