import { Fragment, type ReactNode } from 'react';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** Turns the server's escaped text back into plain text; React escapes it again when rendering. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => entities[name] ?? '');
}

/**
 * Renders a search snippet: escaped text with `<mark>…</mark>` around hits (see `searchResultSchema`). It is split
 * on exactly those two tags into text and <mark> elements, never inserted as HTML: anything else that looks like
 * markup (even if the server ever sent it unescaped) ends up as visible text, not as elements.
 */
export function Snippet({ html }: { html: string }): ReactNode {
  const parts: ReactNode[] = [];
  let inMark = false;
  html.split(/(<mark>|<\/mark>)/).forEach((part, index) => {
    if (part === '<mark>') inMark = true;
    else if (part === '</mark>') inMark = false;
    else if (part !== '') {
      const text = unescapeHtml(part);
      parts.push(inMark ? <mark key={index}>{text}</mark> : <Fragment key={index}>{text}</Fragment>);
    }
  });
  return <>{parts}</>;
}
