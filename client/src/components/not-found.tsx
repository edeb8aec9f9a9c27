import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';

/** What a missing page and an object the visitor may not see look like: the same, so nothing is given away. */
export function NotFound({ text, backTo = '/' }: { text?: string; backTo?: string }) {
  const { t } = useI18n();
  return (
    <>
      <title>{`${t('app.notFoundTitle')} – ${t('app.name')}`}</title>
      <h1>{t('app.notFoundTitle')}</h1>
      <p>{text ?? t('app.notFoundText')}</p>
      <p>
        <Link to={backTo}>{t('app.backToStart')}</Link>
      </p>
    </>
  );
}
