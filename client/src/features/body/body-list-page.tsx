import { Link } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBodies } from '../../data/calendar';
import { useI18n } from '../../i18n/i18n';

export function BodyListPage() {
  const { t } = useI18n();
  const bodies = useBodies();

  return (
    <>
      <title>{`${t('bodies.title')} – ${t('app.name')}`}</title>
      <h1>{t('bodies.title')}</h1>
      <p className="lead">{t('bodies.intro')}</p>
      {bodies.status === 'loading' && <LoadingState />}
      {bodies.status === 'error' && <ErrorState message={bodies.message} onRetry={bodies.retry} />}
      {bodies.status === 'success' &&
        (bodies.data.length === 0 ? (
          <p>{t('bodies.empty')}</p>
        ) : (
          <ul className="body-list" aria-label={t('bodies.listLabel')}>
            {bodies.data.map((body) => (
              <li key={body.id}>
                <Link to={`/${body.slug}`} className="body-list__link">
                  <span className="body-list__name">{body.name}</span>
                  {body.classification && <span className="body-list__meta">{body.classification}</span>}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
