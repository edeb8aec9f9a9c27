import { useCallback } from 'react';
import { useI18n, type TranslateParams } from './i18n';
import type { Locale } from './locale';

/**
 * Messages that belong to one lazily loaded area (sign-in, office) live next to it, so their text never weighs on
 * the public pages' main chunk. German defines the keys, as in messages.ts.
 */
export function useLocalCatalog<K extends string>(catalogs: Record<Locale, Record<K, string>>) {
  const { locale } = useI18n();
  const t = useCallback(
    (key: K, params?: TranslateParams) => {
      const template = catalogs[locale][key];
      if (!params) return template;
      return template.replace(/\{(\w+)\}/g, (match, name: string) => {
        const value = params[name];
        return value === undefined ? match : String(value);
      });
    },
    [catalogs, locale],
  );
  return { t, locale };
}
