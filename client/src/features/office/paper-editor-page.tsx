import { useCallback, useEffect, useState } from 'react';
import type { EditedPaper, PaperDetail } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { ApiError, getJson } from '../../data/api';
import { sendJson } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import { formatDay } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ConsultationPath } from './consultation-path';
import { FilesPanel } from './files-panel';
import { OfficeGate, useOfficeT } from './office-shell';
import { PaperForm, paperFormValues, type PaperPayload } from './paper-form';
import { isPaperType } from './paper-types';

/** `/verwaltung/:bodySlug/vorlagen/:id`: one paper in the office, with its files and its consultation path. */
export function PaperEditorPage({ slug, id }: { slug: string; id: string }) {
  return <OfficeGate slug={slug}>{({ body }) => <PaperEditor slug={slug} id={id} bodyId={body.id} />}</OfficeGate>;
}

function PaperEditor({ slug, id, bodyId }: { slug: string; id: string; bodyId: string }) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const [paper, setPaper] = useState<PaperDetail | null>(null);
  const [loadError, setLoadError] = useState<{ text: string; notFound: boolean } | null>(null);
  const [saved, setSaved] = useState('');
  const [filesKey, setFilesKey] = useState(0);
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(() => {
    getJson<PaperDetail>(`/api/papers/${id}`, { locale }).then(
      (loaded) => {
        setPaper(loaded);
        setLoadError(null);
      },
      (error: unknown) =>
        setLoadError({
          text: errorMessage(error, tApp),
          notFound: error instanceof ApiError && error.code === 'not_found',
        }),
    );
  }, [id, locale, tApp]);
  useEffect(load, [load]);
  // Files and steps move the paper's version (the server bumps it): follow it, so the next save is not refused as
  // stale. The form keeps what is being typed.
  const follow = useCallback(() => {
    getJson<PaperDetail>(`/api/papers/${id}`, { locale }).then(setPaper, () => undefined);
  }, [id, locale]);

  const back = (
    <p>
      <Link to={paths.officePapers(slug)}>{t('paperPage.back')}</Link>
    </p>
  );
  // A paper of another body is not this office's, even when the account is office staff there too.
  if (loadError?.notFound || (paper && paper.bodyId !== bodyId)) {
    return (
      <section className="staff-page" aria-labelledby="paper-missing">
        {back}
        <h1 id="paper-missing">{t('paperPage.notFound')}</h1>
      </section>
    );
  }
  if (loadError) return <ErrorState message={loadError.text} onRetry={load} />;
  if (!paper) return <LoadingState />;

  const save = (payload: PaperPayload) =>
    sendJson<EditedPaper>('PATCH', `/api/papers/${id}`, { ...payload, version: paper.version }, locale).then(
      (updated) => {
        setPaper({ ...paper, ...updated });
        setFormKey((n) => n + 1);
        setSaved(t('paperPage.saved'));
        // Going non-public hides the paper's files too: show them as they are now.
        setFilesKey((n) => n + 1);
      },
    );

  return (
    <section aria-labelledby="paper-title" className="staff-page">
      {back}
      <h1 id="paper-title">{paper.name}</h1>
      <dl className="facts" aria-label={t('paperPage.facts')}>
        <div>
          <dt>{t('papers.reference')}</dt>
          <dd className="paper-reference">{paper.reference ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('papers.type')}</dt>
          <dd>{isPaperType(paper.paperType) ? t(`paperType.${paper.paperType}`) : paper.paperType}</dd>
        </div>
        <div>
          <dt>{t('papers.date')}</dt>
          <dd>{paper.date ? formatDay(paper.date, locale) : '–'}</dd>
        </div>
        <div>
          <dt>{t('papers.visibility')}</dt>
          <dd>
            <span className={paper.public ? 'badge' : 'badge badge--cancelled'}>
              {paper.public ? t('files.public') : t('files.nonPublic')}
            </span>
          </dd>
        </div>
      </dl>
      {paper.deleted ? (
        <p className="notice">{t('paperPage.deleted')}</p>
      ) : (
        <>
          {paper.public && (
            <p>
              <Link to={paths.paper(slug, paper.id)}>{t('paperPage.publicPage')}</Link>
            </p>
          )}
          <details className="office-panel">
            <summary>
              <h2 className="office-panel__title">{t('paperPage.edit')}</h2>
            </summary>
            <PaperForm
              key={formKey}
              idPrefix="paper"
              initial={paperFormValues(paper)}
              editing
              submitLabel={t('paperPage.save')}
              onSubmit={save}
            />
          </details>
          <p role="status" className="hint">
            {saved}
          </p>
          <FilesPanel
            owner={{ type: 'paper', id: paper.id }}
            label={t('files.paper')}
            ownerPublic={paper.public}
            defaultRole="main"
            headingLevel={2}
            reloadKey={filesKey}
            onChanged={follow}
          />
          <ConsultationPath slug={slug} paperId={paper.id} onChanged={follow} />
        </>
      )}
    </section>
  );
}
