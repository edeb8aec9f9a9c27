import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '../../test/render';
import { Snippet, unescapeHtml } from './snippet';

afterEach(cleanup);

describe('Snippet', () => {
  it('marks the hits and shows the escaped text as plain text', () => {
    const { container } = render(
      <p>
        <Snippet html='Neubau der &lt;Kita&gt; &amp; <mark>Amphibienleitanlage</mark> am "Mühlbach" &#39;Nord&#39;' />
      </p>,
    );
    expect(container.textContent).toBe('Neubau der <Kita> & Amphibienleitanlage am "Mühlbach" \'Nord\'');
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Amphibienleitanlage']);
  });

  it('never turns escaped markup into elements', () => {
    const { container } = render(
      <p>
        <Snippet html="&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt; <mark>Kita</mark>" />
      </p>,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)><script>alert(2)</script> Kita');
  });

  it('shows even unescaped markup other than <mark> as text, not as elements', () => {
    const { container } = render(
      <p>
        <Snippet html='<img src="x" onerror="alert(1)"><mark>Treffer</mark><b>fett</b>' />
      </p>,
    );
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.textContent).toBe('<img src="x" onerror="alert(1)">Treffer<b>fett</b>');
  });

  it('decodes only the entities the server writes', () => {
    expect(unescapeHtml('&amp;lt; &lt; &gt; &quot; &#39; &nbsp;')).toBe('&lt; < > " \' &nbsp;');
  });
});
