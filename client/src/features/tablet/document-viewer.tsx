import { lazy, Suspense } from 'react';
import { LoadingState } from '../../components/resource-state';
import type { RelatedDocument } from '../reader/document-switcher';
import { useTabletT } from './use-tablet-t';

// pdf.js and the reader load with the first opened document, not with the meeting list.
const PdfReader = lazy(() => import('../reader/pdf-reader').then((m) => ({ default: m.PdfReader })));

export interface DocumentViewerProps {
  blob: Blob;
  title: string;
  fileName: string;
  mimeType: string;
  related?: readonly RelatedDocument[];
  currentId?: string;
  onOpen?: (id: string) => void;
  initialPage?: number;
  initialFind?: string;
}

export function isPdf(mimeType: string): boolean {
  return /^application\/(x-)?pdf\b/i.test(mimeType);
}

/** The one component that shows an opened document: PDFs in the reader, anything else offered to the browser. */
export function DocumentViewer(props: DocumentViewerProps) {
  if (isPdf(props.mimeType)) {
    return (
      <Suspense fallback={<LoadingState />}>
        <PdfReader
          source={props.blob}
          title={props.title}
          related={props.related}
          currentId={props.currentId}
          onOpen={props.onOpen}
          initialPage={props.initialPage}
          initialFind={props.initialFind}
        />
      </Suspense>
    );
  }
  return <OtherDocument blob={props.blob} fileName={props.fileName} />;
}

function OtherDocument({ blob, fileName }: { blob: Blob; fileName: string }) {
  const { t } = useTabletT();
  // Object URLs are made on the tap and revoked later, so no URL outlives its use on a device that stays open.
  const withUrl = (act: (url: string) => void) => {
    const url = URL.createObjectURL(blob);
    act(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const open = () => withUrl((url) => window.open(url, '_blank', 'noopener'));
  const download = () =>
    withUrl((url) => {
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
    });
  return (
    <div className="document-viewer button-row">
      <button type="button" className="button" onClick={open}>
        {t('tablet.document.open')}
      </button>
      <button type="button" className="button button--secondary" onClick={download}>
        {t('tablet.document.download')}
      </button>
    </div>
  );
}
