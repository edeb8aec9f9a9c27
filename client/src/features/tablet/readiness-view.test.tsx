import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '../../test/render';
import type { Readiness } from '../../offline/readiness';
import { tabletMessages, type TabletMessageKey } from './tablet-messages';
import { readinessPercent, readinessText, ReadinessView } from './readiness-view';

const t = (locale: 'de' | 'en') => (key: TabletMessageKey, params?: Record<string, string | number>) =>
  tabletMessages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name]));

const partial: Readiness = {
  total: 40,
  present: 12,
  totalBytes: 120_000_000,
  receivedBytes: 35_000_000,
  missingBytes: 85_000_000,
};
const ready: Readiness = { total: 3, present: 3, totalBytes: 10, receivedBytes: 10, missingBytes: 0 };

afterEach(cleanup);

describe('readiness texts', () => {
  it('says how many documents and how many megabytes are missing', () => {
    expect(readinessText(partial, t('de'), 'de')).toBe('12 von 40 Dokumenten, 85 MB fehlen');
    expect(readinessText(partial, t('en'), 'en')).toBe('12 of 40 documents, 85 MB missing');
    expect(readinessText({ ...partial, missingBytes: 1_450_000 }, t('de'), 'de')).toBe(
      '12 von 40 Dokumenten, 1,5 MB fehlen',
    );
  });

  it('says ready only when every document is on the device', () => {
    expect(readinessText(ready, t('de'), 'de')).toBe('Bereit – alles auf diesem Gerät');
    expect(readinessText(ready, t('en'), 'en')).toBe('Ready – everything on this device');
    expect(readinessText({ ...ready, present: 2 }, t('de'), 'de')).not.toContain('Bereit');
    expect(readinessText({ ...ready, total: 0, present: 0 }, t('de'), 'de')).toBe('Keine Dokumente');
  });

  it('shows a progress bar with the share of bytes while documents are missing', () => {
    expect(readinessPercent(partial)).toBe(29);
    expect(readinessPercent({ ...partial, receivedBytes: partial.totalBytes })).toBe(99);
    const { container } = render(<ReadinessView readiness={partial} label="Unterlagen" />, { locale: 'de' });
    const bar = container.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('29');
    expect(bar?.getAttribute('aria-label')).toBe('Unterlagen');
    expect(bar?.getAttribute('aria-valuetext')).toBe('12 von 40 Dokumenten, 85 MB fehlen');
  });

  it('shows no progress bar once everything is there', () => {
    const { container } = render(<ReadinessView readiness={ready} label="Unterlagen" />, { locale: 'en' });
    expect(container.querySelector('[role="progressbar"]')).toBeNull();
    expect(container.textContent).toContain('Ready – everything on this device');
  });
});
