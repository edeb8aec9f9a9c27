import { describe, expect, it } from 'vitest';
import { unsupportedCharacters } from '../pdf/layout.js';
import { demoProfiles } from './profiles.js';
import { fillTemplate } from './text.js';
import * as vocabulary from './vocabulary.js';

const allStrings = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
};

const publicTopics = [
  ...vocabulary.resolutionTopics,
  ...vocabulary.motionTopics,
  ...vocabulary.questionTopics,
  ...vocabulary.noticeTopics,
];

describe('vocabulary', () => {
  it('only uses characters Helvetica can encode without embedding a font', async () => {
    const text = [...allStrings(vocabulary), ...allStrings(demoProfiles)].join(' ');
    expect(await unsupportedCharacters(text)).toEqual([]);
    expect(text).toMatch(/€/);
    expect(text).toMatch(/„[^“]+“/);
  });

  it('fills every placeholder it uses', () => {
    const values = new Proxy<Record<string, string>>({}, { get: (_, key) => `<${String(key)}>` });
    const known = new Set([
      'ort',
      'ort2',
      'strasse',
      'flur',
      'kita',
      'bach',
      'buero',
      'flst',
      'canary',
      'jahr',
      'jahr+1',
      'jahr+2',
      'jahr+5',
      'jahr-1',
      'jahr-2',
      'halbjahr',
      'datum',
      'summe',
      'rat_nom',
      'bm_dativ',
      'fraktion',
    ]);
    for (const text of allStrings([...publicTopics, ...vocabulary.nonPublicTopics])) {
      for (const [, key] of text.matchAll(/\{([^}]+)\}/g)) expect(known, `{${key}} in "${text}"`).toContain(key);
      expect(() => fillTemplate(text, values)).not.toThrow();
    }
  });

  it('keeps the canary word out of public topics and gives it to every non-public one', () => {
    const canary = new RegExp(`${vocabulary.nonPublicCanaryWord}|\\{canary\\}`, 'i');
    for (const text of allStrings(publicTopics)) expect(text).not.toMatch(canary);
    for (const text of allStrings(vocabulary.procedureParagraphs)) expect(text).not.toMatch(canary);
    for (const topic of vocabulary.nonPublicTopics) {
      expect(topic.title).toContain('{canary}');
      expect(topic.facts.join(' ')).toContain('{canary}');
    }
  });

  it('mentions the PDF-only word in no list that feeds titles or texts', () => {
    const word = vocabulary.pdfOnlySearchWord.toLowerCase();
    const lists = { ...vocabulary, pdfOnlySearchWord: '' };
    for (const text of [...allStrings(lists), ...allStrings(demoProfiles)])
      expect(text.toLowerCase()).not.toContain(word);
  });
});
