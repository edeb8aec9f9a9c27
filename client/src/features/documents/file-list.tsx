import type { FileRef, FileRole } from '@ratsmappe/shared';
import { paths } from '../../app/router';
import { formatFileSize } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export const fileRoleLabel: Record<FileRole, MessageKey> = {
  invitation: 'fileRole.invitation',
  results_protocol: 'fileRole.results_protocol',
  verbatim_protocol: 'fileRole.verbatim_protocol',
  auxiliary: 'fileRole.auxiliary',
  main: 'fileRole.main',
  resolution: 'fileRole.resolution',
};

/**
 * Documents with two plain links each: `/files/:id` opens the PDF in the browser's own viewer, and
 * `/files/:id/download` saves it. No viewer code ships with the public pages. A non-public document (listed only
 * to a signed-in reader who may see it) carries a badge.
 */
export function FileList({ files, label }: { files: FileRef[]; label?: string }) {
  const { locale, t } = useI18n();
  return (
    <ul className="file-list" aria-label={label ?? t('file.listLabel')}>
      {files.map((file) => {
        const size = formatFileSize(file.size, locale);
        return (
          <li key={file.id} className="file">
            <span className="file__name">
              <a href={paths.file(file.id)} aria-label={t('file.viewLabel', { name: file.name, size })}>
                {file.name}
              </a>
              {!file.public && (
                <>
                  {' '}
                  <span className="badge badge--non-public file__badge">{t('meeting.nonPublicBadge')}</span>
                </>
              )}
            </span>
            <span className="file__meta">
              {t(fileRoleLabel[file.role])} · {t('file.meta', { size })}
            </span>
            <a
              className="file__download"
              href={paths.fileDownload(file.id)}
              download={file.fileName}
              aria-label={t('file.downloadLabel', { name: file.name, size })}
            >
              {t('file.download')}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
