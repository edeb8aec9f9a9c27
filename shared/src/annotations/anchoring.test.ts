import { describe, expect, it } from 'vitest';
import { anchorQuote, quoteAt } from './anchoring.js';

const v1 = [
  'Beschlussvorlage 0042/2026 Bebauungsplan „Müllerstraße Süd“ Der Bauausschuss empfiehlt dem Gemeinderat, die Änderung zu beschließen.',
  'Begründung: Lärmschutz und Verkehrsberuhigung sind Ziele der Planung. Die Straßenbäume bleiben erhalten. Haushaltsansatz: 125.000 €.',
  'Anlagen: Lageplan, Stellungnahme der Unteren Naturschutzbehörde.',
].join('\n');

const v2 = [
  'Beschlussvorlage 0042/2026 (2. Fassung) Bebauungsplan „Müllerstraße-Süd“ Der Bauausschuss empfiehlt dem Gemeinderat, die Änderung zu beschließen.',
  'Ergänzung: Die Anregungen aus der Bürgerversammlung vom 3. November wurden geprüft und teilweise übernommen.',
  'Begründung: Lärmschutz und Verkehrsberuhigung sind Ziele der Planung. Die Straßenbäume bleiben vollständig erhalten. Haushaltsansatz: 135.000 €.',
  'Anlagen: Lageplan, Stellungnahme der Unteren Naturschutzbehörde.',
].join('\n');

function quoteOf(text: string, words: string) {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" not in text`);
  return { quote: quoteAt(text, start, start + words.length), start };
}

describe('anchorQuote', () => {
  it('places an unchanged sentence exactly, on the page it moved to', () => {
    const { quote, start } = quoteOf(v1, 'Lärmschutz und Verkehrsberuhigung sind Ziele der Planung.');
    const anchor = anchorQuote(v2, quote, 2, start);
    expect(anchor.status).toBe('exact');
    expect(anchor.page).toBe(3);
    expect(v2.slice(anchor.start!, anchor.end!)).toBe('Lärmschutz und Verkehrsberuhigung sind Ziele der Planung.');
  });

  it('moves a changed sentence and flags it, keeping what is there now', () => {
    const { quote, start } = quoteOf(v1, 'Haushaltsansatz: 125.000 €.');
    const anchor = anchorQuote(v2, quote, 2, start);
    expect(anchor.status).toBe('changed');
    expect(anchor.exact).toBe('Haushaltsansatz: 135.000 €.');
  });

  it('orphans a quote that is gone, and never throws on an empty text', () => {
    const gone = { exact: 'Die Kreisumlage steigt auf 38 Prozent.', prefix: '', suffix: '' };
    expect(anchorQuote(v2, gone, 1).status).toBe('orphaned');
    expect(anchorQuote('', gone, 1).status).toBe('orphaned');
  });

  it('uses the context to choose between two occurrences of the same words', () => {
    const text = 'Der Ausschuss stimmt zu. Erste Lesung.\nNeue Seite. Der Ausschuss stimmt zu. Zweite Lesung.';
    const second = text.lastIndexOf('Der Ausschuss stimmt zu.');
    const quote = quoteAt(text, second, second + 'Der Ausschuss stimmt zu.'.length);
    const anchor = anchorQuote(text, quote, 1);
    expect(anchor.start).toBe(second);
    expect(anchor.page).toBe(2);
  });
});
