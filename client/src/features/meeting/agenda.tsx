import type { AgendaItemDetail, FileRef } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { FileList } from '../documents/file-list';

interface AgendaNode {
  item: AgendaItemDetail;
  children: AgendaItemDetail[];
}

/** Top-level items with their sub-items, in agenda order. */
function agendaTree(items: AgendaItemDetail[]): AgendaNode[] {
  const ids = new Set(items.map((i) => i.id));
  return items
    .filter((i) => i.parentId === null || !ids.has(i.parentId))
    .map((item) => ({ item, children: items.filter((c) => c.parentId === item.id) }));
}

/** The printed numbering decides the part ("Ö 1" / "N 1"); sub-items share their parent's. */
function isNonPublicPart(item: AgendaItemDetail): boolean {
  return item.number ? item.number.startsWith('N') : !item.public;
}

export function agendaItemAnchor(id: string): string {
  return `top-${id}`;
}

/**
 * The agenda in its two parts. A non-public item the visitor may not read is announced as "N 1 – nicht
 * öffentlich" and nothing more: the server sends neither its title nor its paper or documents.
 */
export function Agenda({ items, slug }: { items: AgendaItemDetail[]; slug: string }) {
  const { t } = useI18n();
  const tree = agendaTree(items);
  const parts = [
    { key: 'public', heading: t('meeting.publicPart'), nodes: tree.filter((n) => !isNonPublicPart(n.item)) },
    { key: 'non-public', heading: t('meeting.nonPublicPart'), nodes: tree.filter((n) => isNonPublicPart(n.item)) },
  ].filter((part) => part.nodes.length > 0);

  return (
    <>
      {parts.map((part) => (
        <section key={part.key} aria-labelledby={`agenda-${part.key}`} className="agenda-part">
          <h3 id={`agenda-${part.key}`}>{part.heading}</h3>
          <ol className="agenda" aria-labelledby={`agenda-${part.key}`}>
            {part.nodes.map(({ item, children }) => (
              <li key={item.id}>
                <AgendaEntry item={item} slug={slug} />
                {children.length > 0 && (
                  <ol className="agenda agenda--sub">
                    {children.map((child) => (
                      <li key={child.id}>
                        <AgendaEntry item={child} slug={slug} />
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** Marks content a signed-in reader sees only because of their rights (the server sends it to no one else). */
export function NonPublicBadge({ className = '' }: { className?: string }) {
  const { t } = useI18n();
  return <span className={`badge badge--non-public ${className}`.trim()}>{t('meeting.nonPublicBadge')}</span>;
}

/** True when the viewer was given anything non-public: the page then says so once, above the content. */
export function showsNonPublic(items: readonly AgendaItemDetail[], files: readonly FileRef[] = []): boolean {
  return (
    files.some((f) => !f.public) ||
    items.some((i) => i.readable && (isNonPublicPart(i) || i.files.some((f) => !f.public)))
  );
}

function AgendaEntry({ item, slug }: { item: AgendaItemDetail; slug: string }) {
  const { t } = useI18n();
  if (!item.readable || item.name === null) {
    return (
      <p className="agenda-item agenda-item--hidden" id={agendaItemAnchor(item.id)}>
        <span className="agenda-item__number">{item.number}</span> – {t('meeting.nonPublicItem')}
      </p>
    );
  }
  const headingId = `${agendaItemAnchor(item.id)}-title`;
  return (
    <div className="agenda-item" id={agendaItemAnchor(item.id)}>
      <h4 className="agenda-item__title" id={headingId}>
        {item.number && <span className="agenda-item__number">{item.number}</span>} {item.name}
        {isNonPublicPart(item) && (
          <>
            {' '}
            <NonPublicBadge className="agenda-item__badge" />
          </>
        )}
        {item.supplementAt && <span className="badge agenda-item__badge">{t('meeting.supplement')}</span>}
      </h4>
      {(item.paper || item.result) && (
        <dl className="facts facts--compact">
          {item.paper && (
            <div>
              <dt>{t('meeting.paper')}</dt>
              <dd>
                <Link to={paths.paper(slug, item.paper.id)}>
                  {item.paper.reference ? `${item.paper.reference}: ` : ''}
                  {item.paper.name}
                </Link>{' '}
                <span className="muted">({item.paper.paperType})</span>
              </dd>
            </div>
          )}
          {item.result && (
            <div>
              <dt>{t('meeting.result')}</dt>
              <dd>{item.result}</dd>
            </div>
          )}
        </dl>
      )}
      {item.files.length > 0 && (
        <FileList files={item.files} label={`${t('file.listLabel')}: ${item.number ?? ''} ${item.name}`.trim()} />
      )}
    </div>
  );
}
