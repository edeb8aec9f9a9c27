/**
 * A page that mounts the reader outside the app, for the e2e spec and the reader benchmark only
 * (vite.reader-harness.config.ts builds it; the production build does not contain it).
 *
 *   /harness/reader.html?docs=/docs/a.pdf|Vorlage,/docs/b.pdf|Anlage 1[&layout=side][&page=3]
 *
 * With layout=side the first two documents open side by side; otherwise the first opens and the switcher offers all.
 * `window.readerHarness` records when each document was in hand and when each page was first drawn.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../app/app.css';
import './harness.css';
import { I18nProvider } from '../../../i18n/i18n';
import { PdfReader, type RelatedDocument } from '../pdf-reader';
import { SideBySide } from '../side-by-side';

interface HarnessDocument extends RelatedDocument {
  url: string;
}

interface HarnessLog {
  /** performance.now() when this module started, and when each document's fetch started. */
  started: number;
  fetchStarted: Record<string, number>;
  /** performance.now() when a document's Blob was in hand, by document id. */
  sourceReady: Record<string, number>;
  /** performance.now() of the first draw of each page, by document id and page. */
  firstDraw: Record<string, Record<number, number>>;
  opened: string[];
}

declare global {
  interface Window {
    readerHarness: HarnessLog;
  }
}

window.readerHarness = { started: performance.now(), fetchStarted: {}, sourceReady: {}, firstDraw: {}, opened: [] };

const params = new URLSearchParams(window.location.search);
const documents: HarnessDocument[] = (params.get('docs') ?? '')
  .split(',')
  .filter(Boolean)
  .map((entry, index) => {
    const [url, title] = entry.split('|');
    return { id: `doc-${index + 1}`, url: url!, title: title ?? url! };
  });
const initialPage = Number(params.get('page') ?? 1);

function useBlob(doc: HarnessDocument | undefined): Blob | null {
  const [blob, setBlob] = useState<{ id: string; blob: Blob } | null>(null);
  useEffect(() => {
    if (!doc) return;
    let cancelled = false;
    window.readerHarness.fetchStarted[doc.id] ??= performance.now();
    void fetch(doc.url)
      .then((response) => response.blob())
      .then((fetched) => {
        if (cancelled) return;
        window.readerHarness.sourceReady[doc.id] ??= performance.now();
        window.readerHarness.opened.push(doc.id);
        setBlob({ id: doc.id, blob: fetched });
      });
    return () => {
      cancelled = true;
    };
  }, [doc]);
  return blob && blob.id === doc?.id ? blob.blob : null;
}

function HarnessReader({ start }: { start: number }) {
  const [currentId, setCurrentId] = useState(documents[start]?.id);
  const doc = documents.find((d) => d.id === currentId);
  const blob = useBlob(doc);
  if (!doc) return <p>Keine Dokumente angegeben (?docs=…).</p>;
  if (!blob) return <p role="status">Dokument wird geladen …</p>;
  return (
    <PdfReader
      source={blob}
      title={doc.title}
      related={documents}
      currentId={doc.id}
      onOpen={setCurrentId}
      initialPage={initialPage}
      onPageRendered={(page) => {
        const draws = (window.readerHarness.firstDraw[doc.id] ??= {});
        draws[page] ??= performance.now();
      }}
    />
  );
}

function Harness() {
  const side = params.get('layout') === 'side' && documents.length >= 2;
  return (
    <main className="reader-harness">
      <h1 className="visually-hidden">Dokumentleser</h1>
      {side ? (
        <SideBySide
          left={{ title: documents[0]!.title, content: <HarnessReader start={0} /> }}
          right={{ title: documents[1]!.title, content: <HarnessReader start={1} /> }}
        />
      ) : (
        <HarnessReader start={0} />
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Harness />
    </I18nProvider>
  </StrictMode>,
);
