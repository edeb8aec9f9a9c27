import { Link } from '../app/router';
import { useI18n } from '../i18n/i18n';

export interface Crumb {
  to: string;
  label: string;
}

/** The way back up: links to the pages above this one. The current page is the <h1>, not repeated here. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t('app.breadcrumb')}>
      <ol>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
