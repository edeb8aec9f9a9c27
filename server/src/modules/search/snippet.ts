const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Turns ts_headline output into HTML-safe text: every character of the document is escaped, and only the hit
 * markers become `<mark>`/`</mark>`, always balanced, so a snippet can be inserted as HTML without sanitizing.
 */
export function snippetHtml(headline: string, hitStart: string, hitStop: string): string {
  let html = '';
  let open = false;
  for (const char of headline.replace(/\s+/g, ' ').trim()) {
    if (char === hitStart) {
      if (!open) html += '<mark>';
      open = true;
    } else if (char === hitStop) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapes[char] ?? char;
    }
  }
  return open ? `${html}</mark>` : html;
}
