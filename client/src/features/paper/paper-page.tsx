import type { ConsultationView } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { Breadcrumb } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useBody } from '../../data/calendar';
import { usePaper } from '../../data/public';
import { formatDay, formatMeetingDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { agendaItemAnchor, NonPublicBadge } from '../meeting/agenda';
import { FileList } from '../documents/file-list';

/** `/:bodySlug/vorlagen/:paperId`: a paper with its text, documents and way through the committees. */
export function PaperPage({ slug, id }: { slug: string; id: string }) {
  const { locale, t } = useI18n();
  const body = useBody(slug);
  const paper = usePaper(id);
  const bodyName = body.status === 'success' ? body.data.name : null;
  const crumbs = [{ to: paths.body(slug), label: bodyName ?? t('nav.start') }];

  const foreign = paper.status === 'success' && body.status === 'success' && paper.data.bodyId !== body.data.id;
  if ((paper.status === 'error' && paper.notFound) || foreign) return <NotFound backTo={paths.body(slug)} />;
  if (paper.status !== 'success') {
    return (
      <>
        <Breadcrumb items={crumbs} />
        <h1>{t('meeting.paper')}</h1>
        {paper.status === 'loading' && <LoadingState />}
        {paper.status === 'error' && <ErrorState message={paper.message} onRetry={paper.retry} />}
      </>
    );
  }

  const p = paper.data;
  const paragraphs = (p.bodyText ?? '')
    .split(/\n\s*\n/)
    .map((text) => text.trim())
    .filter(Boolean);
  return (
    <>
      <title>{`${p.reference ? `${p.reference}: ` : ''}${p.name} – ${bodyName ?? t('app.name')}`}</title>
      <Breadcrumb items={crumbs} />
      <h1>{p.name}</h1>
      {!p.public && (
        <p className="notice notice--non-public">
          <NonPublicBadge /> {t('meeting.nonPublicNote')}
        </p>
      )}
      {p.deleted && <p className="notice">{t('paper.deleted')}</p>}
      <dl className="facts" aria-label={t('paper.facts')}>
        {p.reference && (
          <div>
            <dt>{t('paper.reference')}</dt>
            <dd>{p.reference}</dd>
          </div>
        )}
        <div>
          <dt>{t('paper.type')}</dt>
          <dd>{p.paperType}</dd>
        </div>
        {p.date && (
          <div>
            <dt>{t('paper.date')}</dt>
            <dd>
              <time dateTime={p.date}>{formatDay(p.date, locale)}</time>
            </dd>
          </div>
        )}
      </dl>

      {paragraphs.length > 0 && (
        <section aria-labelledby="paper-text" className="paper-text">
          <h2 id="paper-text">{t('paper.text')}</h2>
          {paragraphs.map((text, index) => (
            <p key={index}>{text}</p>
          ))}
        </section>
      )}

      <section aria-labelledby="paper-files">
        <h2 id="paper-files">{t('paper.files')}</h2>
        {p.files.length === 0 ? <p>{t('paper.noFiles')}</p> : <FileList files={p.files} label={t('paper.files')} />}
      </section>

      <section aria-labelledby="paper-consultations">
        <h2 id="paper-consultations">{t('paper.consultations')}</h2>
        {p.consultations.length === 0 ? (
          <p>{t('paper.noConsultations')}</p>
        ) : (
          <ol className="consultations" aria-labelledby="paper-consultations">
            {p.consultations.map((c) => (
              <Consultation key={c.id} consultation={c} slug={slug} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function Consultation({ consultation: c, slug }: { consultation: ConsultationView; slug: string }) {
  const { locale, t } = useI18n();
  const title = c.organization?.name ?? c.meeting?.name ?? '';
  return (
    <li className="consultation">
      <h3 className="consultation__title">
        {c.organization ? <Link to={paths.organization(slug, c.organization.id)}>{title}</Link> : title}
      </h3>
      <dl className="facts facts--compact">
        {(c.role || c.authoritative) && (
          <div>
            <dt className="visually-hidden">{t('paper.step')}</dt>
            <dd>{[c.role, c.authoritative ? t('paper.authoritative') : null].filter(Boolean).join(', ')}</dd>
          </div>
        )}
        {c.meeting && (
          <div>
            <dt>{t('paper.meeting')}</dt>
            <dd>
              <Link to={paths.meeting(slug, c.meeting.id)}>
                <time dateTime={c.meeting.start}>{formatMeetingDate(c.meeting.start, locale)}</time>
              </Link>
              {c.meeting.cancelled && <span className="badge badge--cancelled">{t('meetings.cancelled')}</span>}
            </dd>
          </div>
        )}
        {c.agendaItem && c.meeting && (
          <div>
            <dt>{t('paper.agendaItem')}</dt>
            <dd>
              <a href={`${paths.meeting(slug, c.meeting.id)}#${agendaItemAnchor(c.agendaItem.id)}`}>
                {c.agendaItem.number ?? c.agendaItem.name}
              </a>
            </dd>
          </div>
        )}
        {c.agendaItem?.result && (
          <div>
            <dt>{t('paper.result')}</dt>
            <dd>{c.agendaItem.result}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
