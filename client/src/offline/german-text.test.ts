import { describe, expect, it } from 'vitest';
import { foldText, foldWithOrigin, stemGerman, tokenize } from './german-text';

describe('German text normalisation', () => {
  it('folds umlauts and ß to their two-letter spellings, so both spellings meet', () => {
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('STRASSE')).toBe('strasse');
    expect(foldText('Größe Übung Ärger')).toBe('groesse uebung aerger');
    expect(foldText('Café Señor')).toBe('cafe senor');
  });

  it('folds a decomposed umlaut (u + combining diaeresis) like the composed one', () => {
    expect(foldText('Mu\u0308ller')).toBe(foldText('Müller'));
  });

  it('drops soft hyphens, which PDFs leave inside words', () => {
    expect(foldText('Bebauungs\u00adplan')).toBe('bebauungsplan');
  });

  it('stems plural and case endings but keeps derivational suffixes', () => {
    expect(stemGerman('strassen')).toBe(stemGerman('strasse'));
    expect(stemGerman('planungen')).toBe('planung');
    expect(stemGerman('bebauungsplans')).toBe('bebauungsplan');
    expect(stemGerman('haushaltes')).toBe('haushalt');
    expect(stemGerman('kindern')).toBe('kind');
    expect(stemGerman('2026')).toBe('2026');
    expect(stemGerman('tor')).toBe('tor');
  });

  it('keeps every stem a prefix of its word', () => {
    for (const word of ['strassenbau', 'verkehrsberuhigung', 'gemeinderates', 'kitas', 'fahrradwegen', 'erster']) {
      expect(word.startsWith(stemGerman(word))).toBe(true);
    }
  });

  it('maps folded text back to the original offsets', () => {
    const original = 'Die  Straße,\nam Markt';
    const { text, origin } = foldWithOrigin(original);
    expect(text).toBe('die strasse, am markt');
    const at = text.indexOf('strasse');
    expect(original.slice(origin[at], origin[at + 'strasse'.length - 1]! + 1)).toBe('Straße');
    const markt = text.indexOf('markt');
    expect(original.slice(origin[markt], origin[markt + 4]! + 1)).toBe('Markt');
  });

  it('splits words at punctuation and whitespace and keeps their offsets', () => {
    expect(tokenize('TOP 4.1: Kita „Sonnenschein“').map((t) => [t.folded, t.start, t.end])).toEqual([
      ['top', 0, 3],
      ['4', 4, 5],
      ['1', 6, 7],
      ['kita', 9, 13],
      ['sonnenschein', 15, 27],
    ]);
  });
});
