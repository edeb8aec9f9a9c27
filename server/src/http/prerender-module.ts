import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logger.js';

/** client/src/prerender.tsx: the first view of a page as HTML, from the API answers gathered for it. */
export type PrerenderFirstView = (
  pathname: string,
  search: string,
  answers: Readonly<Record<string, unknown>>,
  today: string,
) => string | null;

/**
 * Loads the client's server-side first view once, from `dist-ssr/prerender.js` beside the built client (`pnpm build`
 * writes both). Without it (a server run without a client build, the server's own tests) index.html goes out with
 * the answers only, as before; the page then paints once the app has run.
 */
export function prerenderLoader(clientDist: string, logger: Logger): () => Promise<PrerenderFirstView | null> {
  let loading: Promise<PrerenderFirstView | null> | undefined;
  const load = async (): Promise<PrerenderFirstView | null> => {
    const file = path.join(path.dirname(path.resolve(clientDist)), 'dist-ssr', 'prerender.js');
    try {
      await access(file);
    } catch {
      logger.info({ file }, 'no server-side first view built; pages paint once the app has run');
      return null;
    }
    try {
      const module = (await import(pathToFileURL(file).href)) as { prerenderFirstView?: unknown };
      return typeof module.prerenderFirstView === 'function' ? (module.prerenderFirstView as PrerenderFirstView) : null;
    } catch (error) {
      logger.warn({ err: error, file }, 'the server-side first view could not be loaded');
      return null;
    }
  };
  return () => (loading ??= load());
}
