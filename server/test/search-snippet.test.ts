import { describe, expect, it } from 'vitest';
import { hitStart, hitStop } from '../src/modules/search/search.repository.js';
import { snippetHtml } from '../src/modules/search/snippet.js';

const hit = (text: string) => `${hitStart}${text}${hitStop}`;

describe('snippetHtml', () => {
  it('escapes the text and turns only the hit markers into <mark>', () => {
    expect(snippetHtml(`Kosten < 5.000 € & ${hit('Bebauungsplan')} "Nord" <img src=x>`, hitStart, hitStop)).toBe(
      'Kosten &lt; 5.000 € &amp; <mark>Bebauungsplan</mark> &quot;Nord&quot; &lt;img src=x&gt;',
    );
  });

  it('keeps <mark> balanced whatever the markers do', () => {
    expect(snippetHtml(`${hitStart}a${hitStart}b`, hitStart, hitStop)).toBe('<mark>ab</mark>');
    expect(snippetHtml(`a${hitStop}b${hitStop}`, hitStart, hitStop)).toBe('ab');
  });

  it('folds line breaks and runs of spaces into single spaces', () => {
    expect(snippetHtml(`  Zeile eins\n\n  ${hit('Zeile')}\tzwei `, hitStart, hitStop)).toBe(
      'Zeile eins <mark>Zeile</mark> zwei',
    );
  });
});
