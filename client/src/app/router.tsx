import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A dozen lines of History API instead of a router dependency: the public site has two routes so far, and the
// tablet app's routes will come with their own data loading, which is the point to choose a router for real.
const navigationEvent = 'ratsmappe:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigationEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigationEvent, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(navigationEvent));
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real <a href> (open in new tab, copy link and crawlers keep working) that navigates in place on plain clicks. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

export type Route = { name: 'bodies' } | { name: 'body'; slug: string } | { name: 'not-found' };

const slugPattern = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'bodies' };
  const slug = slugPattern.exec(pathname)?.[1];
  return slug ? { name: 'body', slug } : { name: 'not-found' };
}
