import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '../test/render';
import { translate, useI18n } from './i18n';
import { readStoredLocale } from './locale';

function LanguageProbe() {
  const { locale, setLocale, t } = useI18n();
  return (
    <button type="button" onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}>
      {t('meetings.title')}
    </button>
  );
}

beforeEach(() => {
  localStorage.clear();
  document.documentElement.lang = '';
});
afterEach(cleanup);

describe('i18n', () => {
  it('starts in German and sets <html lang="de">', () => {
    const { container } = render(<LanguageProbe />);
    expect(container.textContent).toBe('Kommende Sitzungen');
    expect(document.documentElement.lang).toBe('de');
  });

  it('switches to English, updates <html lang> and remembers the choice', () => {
    const { container } = render(<LanguageProbe />);
    act(() => container.querySelector('button')?.click());

    expect(container.textContent).toBe('Upcoming meetings');
    expect(document.documentElement.lang).toBe('en');
    expect(readStoredLocale()).toBe('en');
  });

  it('starts in the stored language on the next visit', () => {
    localStorage.setItem('ratsmappe.locale', 'en');
    const { container } = render(<LanguageProbe />);
    expect(container.textContent).toBe('Upcoming meetings');
    expect(document.documentElement.lang).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translate('de', 'meetings.timeRange', { start: '18:00', end: '20:00' })).toBe('18:00 – 20:00 Uhr');
  });
});
