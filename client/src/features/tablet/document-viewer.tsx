import { useTabletT } from './use-tablet-t';

/**
 * The seam for the reader: this is the one component that shows an opened document. Until the pdf.js reader
 * (features/reader, `<PdfReader blob>`) lands, it offers the assembled Blob to the browser's own viewer and as a
 * download; replace its body with `<PdfReader blob={blob} />` and nothing else changes.
 */
export function DocumentViewer({ blob, fileName }: { blob: Blob; fileName: string }) {
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
