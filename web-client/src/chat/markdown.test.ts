import { describe, expect, it } from 'vitest';
import { parseMarkdown, plainText, safeUrl, toHtml } from './markdown';

const html = (text: string) => toHtml(parseMarkdown(text));

describe('message Markdown', () => {
  it('renders the safe subset', () => {
    expect(html('Bonjour **à tous** et *bienvenue* ~~hier~~ `x < y`')).toBe(
      '<p>Bonjour <strong>à tous</strong> et <em>bienvenue</em> <del>hier</del> <code>x &lt; y</code></p>',
    );
    expect(html('a\nb\n\nc')).toBe('<p>a<br>b</p><p>c</p>');
    expect(html('- un\n- deux')).toBe('<ul><li>un</li><li>deux</li></ul>');
    expect(html('3. trois\n4. quatre')).toBe('<ol start="3"><li>trois</li><li>quatre</li></ol>');
    expect(html('> cité\n> encore')).toBe('<blockquote><p>cité<br>encore</p></blockquote>');
    expect(html('```\n<b>code</b>\n```')).toBe('<pre><code>&lt;b&gt;code&lt;/b&gt;</code></pre>');
    expect(html('snake_case_name')).toBe('<p>snake_case_name</p>');
    expect(html('\\*pas italique\\*')).toBe('<p>*pas italique*</p>');
  });

  it('renders links to http(s), mailto and site paths only', () => {
    expect(html('[site](https://cctt.example/a?b=1)')).toBe(
      '<p><a href="https://cctt.example/a?b=1" rel="noopener noreferrer nofollow">site</a></p>',
    );
    expect(html('voir https://cctt.example/x.')).toBe(
      '<p>voir <a href="https://cctt.example/x" rel="noopener noreferrer nofollow">https://cctt.example/x</a>.</p>',
    );
    expect(safeUrl('mailto:marie@cctt.example')).toBe('mailto:marie@cctt.example');
    expect(safeUrl('/spaces/abc')).toBe('/spaces/abc');
    expect(safeUrl('//evil.example')).toBeNull();
  });

  it('shows raw HTML as text', () => {
    const out = html('<img src=x onerror=alert(1)>');
    expect(out).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html('<script>alert(1)</script>')).not.toContain('<script');
    expect(html('<a href="javascript:alert(1)">x</a>')).not.toMatch(/<a /);
    expect(html('<svg onload=alert(1)>')).not.toContain('<svg');
    expect(html('" onmouseover="alert(1)')).toBe('<p>&quot; onmouseover=&quot;alert(1)</p>');
  });

  it('never makes a link of javascript:, data: or vbscript: URLs, however disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'javascript&#58;alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      '\u0001javascript:alert(1)',
    ]) {
      expect(safeUrl(url)).toBeNull();
      expect(html(`[clic](${url.replace(/\s/g, '')})`)).not.toMatch(/<a /);
    }
    expect(html('<javascript:alert(1)>')).not.toMatch(/<a /);
  });

  it('keeps link labels and attributes escaped', () => {
    const out = html('[<b onclick=x>](https://a.example/"onclick="x)');
    expect(out).not.toContain('<b');
    // markdown-it percent-encodes the quotes of a destination: no attribute can be closed.
    expect(out).toContain('href="https://a.example/%22onclick=%22x"');
  });

  it('reads mentions', () => {
    expect(parseMarkdown('Merci <@u7> !')).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Merci ' },
          { t: 'mention', id: 'u7' },
          { t: 'text', v: ' !' },
        ],
      },
    ]);
    expect(html('`<@u7>`')).toBe('<p><code>&lt;@u7&gt;</code></p>');
    expect(toHtml(parseMarkdown('<@u7>'), () => '<Marie>')).toBe(
      '<p><span class="mention">@&lt;Marie&gt;</span></p>',
    );
  });

  it('follows CommonMark: headings, a numbered list after a bulleted one, rules, code', () => {
    expect(html('# Titre\n## Sous-titre')).toBe('<h1>Titre</h1><h2>Sous-titre</h2>');
    expect(html('- a\n- b\n\n1. un\n2. deux')).toBe(
      '<ul><li>a</li><li>b</li></ul><ol start="1"><li>un</li><li>deux</li></ol>',
    );
    expect(html('- a\n\n  suite\n- b')).toBe(
      '<ul><li><p>a</p><p>suite</p></li><li><p>b</p></li></ul>',
    );
    expect(html('a\n\n---\n\nb')).toBe('<p>a</p><hr><p>b</p>');
    expect(html('```ts\nconst x = 1;\n```')).toBe('<pre><code>const x = 1;</code></pre>');
    expect(html('    indenté')).toBe('<pre><code>indenté</code></pre>');
    expect(html('- [lien](https://a.example) et **gras**')).toBe(
      '<ul><li><a href="https://a.example" rel="noopener noreferrer nofollow">lien</a> et <strong>gras</strong></li></ul>',
    );
  });

  it('reads GFM tables and strikethrough', () => {
    expect(html('| a | b |\n|:--|--:|\n| 1 | **2** |')).toBe(
      '<table><thead><tr><th align="left">a</th><th align="right">b</th></tr></thead>' +
        '<tbody><tr><td align="left">1</td><td align="right"><strong>2</strong></td></tr></tbody></table>',
    );
    expect(html('~~barré~~')).toBe('<p><del>barré</del></p>');
  });

  it('turns images into links and loads nothing', () => {
    expect(html('![schéma](https://a.example/s.png)')).toBe(
      '<p><a href="https://a.example/s.png" rel="noopener noreferrer nofollow">schéma</a></p>',
    );
    expect(html('![x](javascript:alert(1))')).not.toMatch(/<a |<img/);
  });

  it('gives the text without Markdown marks, for screen readers', () => {
    expect(
      plainText('**Bonjour** <@u7>, voir [le plan](https://a.example)\n- un\n- deux', () => 'Luc'),
    ).toBe('Bonjour @Luc, voir le plan\nun\ndeux');
    expect(plainText('# Titre\n\n`code` et ~~non~~')).toBe('Titre\ncode et non');
  });

  it('survives deep nesting and long input', () => {
    expect(() => html('>'.repeat(500) + ' x')).not.toThrow();
    expect(() => html('**'.repeat(3000))).not.toThrow();
    expect(() => html('['.repeat(5000))).not.toThrow();
    expect(() => html('- '.repeat(500) + 'x')).not.toThrow();
    expect(html('>'.repeat(500) + ' x')).toContain('x');
  });
});
