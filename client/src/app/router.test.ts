import { describe, expect, it } from 'vitest';
import { matchFirstViewRoute } from '@ratsmappe/shared/api/public-pages';
import { matchRoute, paths } from './router';

const id = '0b6f6a8e-5a40-4c39-9f0e-3c1f8e2b7a11';

describe('matchRoute', () => {
  it('maps the root to the list of bodies and one slug segment to a body', () => {
    expect(matchRoute('/')).toEqual({ name: 'bodies' });
    expect(matchRoute('/musterstadt')).toEqual({ name: 'body', slug: 'musterstadt' });
    expect(matchRoute('/vg-musterland/')).toEqual({ name: 'body', slug: 'vg-musterland' });
  });

  it('maps the public page routes of the conventions', () => {
    expect(matchRoute('/vg-lindenau/sitzungen')).toEqual({ name: 'calendar', slug: 'vg-lindenau' });
    expect(matchRoute(`/vg-lindenau/sitzungen/${id}`)).toEqual({ name: 'meeting', slug: 'vg-lindenau', id });
    expect(matchRoute(`/vg-lindenau/vorlagen/${id}`)).toEqual({ name: 'paper', slug: 'vg-lindenau', id });
    expect(matchRoute('/vg-lindenau/gremien/')).toEqual({ name: 'organizations', slug: 'vg-lindenau' });
    expect(matchRoute(`/vg-lindenau/gremien/${id}`)).toEqual({ name: 'organization', slug: 'vg-lindenau', id });
    expect(matchRoute(`/vg-lindenau/personen/${id}`)).toEqual({ name: 'person', slug: 'vg-lindenau', id });
    expect(matchRoute('/vg-lindenau/suche')).toEqual({ name: 'search', slug: 'vg-lindenau' });
  });

  it('treats anything that is not a slug or a known page as not found', () => {
    expect(matchRoute('/Musterstadt')).toEqual({ name: 'not-found' });
    expect(matchRoute('/a/b')).toEqual({ name: 'not-found' });
    expect(matchRoute('/-x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/vg-lindenau//sitzungen')).toEqual({ name: 'not-found' });
    expect(matchRoute('/vg-lindenau/sitzungen/42')).toEqual({ name: 'not-found' });
    expect(matchRoute(`/vg-lindenau/personen/${id}/x`)).toEqual({ name: 'not-found' });
    expect(matchRoute('/vg-lindenau/personen')).toEqual({ name: 'not-found' });
  });

  it('maps the sign-in, account set-up and office routes before any body slug', () => {
    expect(matchRoute('/anmelden')).toEqual({ name: 'sign-in' });
    expect(matchRoute('/konto/einrichten')).toEqual({ name: 'account-setup' });
    expect(matchRoute('/verwaltung/vg-lindenau')).toEqual({ name: 'office', bodySlug: 'vg-lindenau' });
    expect(matchRoute(`/verwaltung/vg-lindenau/sitzungen/${id}`)).toEqual({
      name: 'office-meeting',
      bodySlug: 'vg-lindenau',
      id,
    });
    expect(matchRoute('/verwaltung/vg-lindenau/protokoll')).toEqual({ name: 'office-audit', bodySlug: 'vg-lindenau' });
    expect(matchRoute('/verwaltung/vg-lindenau/vorlagen')).toEqual({ name: 'office-papers', bodySlug: 'vg-lindenau' });
    expect(matchRoute(`/verwaltung/vg-lindenau/vorlagen/${id}`)).toEqual({
      name: 'office-paper',
      bodySlug: 'vg-lindenau',
      id,
    });
    expect(matchRoute('/verwaltung/vg-lindenau/vorlagen/neu')).toEqual({ name: 'not-found' });
    expect(matchRoute('/verwaltung')).toEqual({ name: 'not-found' });
    expect(matchRoute('/verwaltung/vg-lindenau/sitzungen/42')).toEqual({ name: 'not-found' });
    expect(matchRoute('/konto')).toEqual({ name: 'not-found' });
    expect(matchRoute('/anmelden/x')).toEqual({ name: 'not-found' });
  });

  it('maps the tablet app under /app, objects by uuid', () => {
    expect(matchRoute('/app')).toEqual({ name: 'tablet-home' });
    expect(matchRoute('/app/')).toEqual({ name: 'tablet-home' });
    expect(matchRoute(`/app/sitzungen/${id}`)).toEqual({ name: 'tablet-meeting', id });
    expect(matchRoute(`/app/dokumente/${id}`)).toEqual({ name: 'tablet-document', fileId: id });
    expect(matchRoute('/app/speicher')).toEqual({ name: 'tablet-storage' });
    expect(matchRoute('/app/geraete')).toEqual({ name: 'tablet-devices' });
    expect(matchRoute('/app/suche')).toEqual({ name: 'tablet-search' });
    expect(paths.tabletDocument(id, { page: 3, beside: id, find: 'Lärm schutz' })).toBe(
      `/app/dokumente/${id}?seite=3&neben=${id}&suche=L%C3%A4rm+schutz`,
    );
    expect(paths.tabletDocument(id, { page: 1 })).toBe(`/app/dokumente/${id}`);
    expect(matchRoute('/app/sitzungen')).toEqual({ name: 'not-found' });
    expect(matchRoute('/app/sitzungen/42')).toEqual({ name: 'not-found' });
    expect(matchRoute(`/app/dokumente/${id}/x`)).toEqual({ name: 'not-found' });
  });

  it('maps the office master data sections, objects of organizations and persons, and the account page', () => {
    const office = { name: 'office-master-data', bodySlug: 'vg-lindenau' };
    expect(matchRoute('/verwaltung/vg-lindenau/stammdaten')).toEqual({ ...office, section: null, id: null });
    expect(matchRoute('/verwaltung/vg-lindenau/stammdaten/orte/')).toEqual({ ...office, section: 'orte', id: null });
    expect(matchRoute(`/verwaltung/vg-lindenau/stammdaten/personen/${id}`)).toEqual({
      ...office,
      section: 'personen',
      id,
    });
    expect(matchRoute('/verwaltung/vg-lindenau/konto')).toEqual({ name: 'office-account', bodySlug: 'vg-lindenau' });
    expect(matchRoute('/verwaltung/vg-lindenau/konten')).toEqual({ name: 'office-accounts', bodySlug: 'vg-lindenau' });
    expect(matchRoute(`/verwaltung/vg-lindenau/konten/${id}`)).toEqual({
      name: 'office-account-devices',
      bodySlug: 'vg-lindenau',
      id,
    });
    expect(matchRoute('/verwaltung/vg-lindenau/konten/42')).toEqual({ name: 'not-found' });
    expect(matchRoute(`/verwaltung/vg-lindenau/stammdaten/orte/${id}`)).toEqual({ name: 'not-found' });
    expect(matchRoute('/verwaltung/vg-lindenau/stammdaten/gremien/42')).toEqual({ name: 'not-found' });
    expect(matchRoute(`/verwaltung/vg-lindenau/stammdaten/gremien/${id}/x`)).toEqual({ name: 'not-found' });
    expect(matchRoute('/verwaltung/vg-lindenau/stammdaten/vereine')).toEqual({ name: 'not-found' });
    expect(matchRoute('/verwaltung/vg-lindenau/konto/x')).toEqual({ name: 'not-found' });
  });
});

describe('matchFirstViewRoute (the server’s reading, shared)', () => {
  it('finds exactly the router’s start pages and calendars, so the server answers ahead for no other page', () => {
    const addresses = [
      '/',
      '/musterstadt',
      '/vg-musterland/',
      '/vg-lindenau/sitzungen',
      '/vg-lindenau/sitzungen/',
      `/vg-lindenau/sitzungen/${id}`,
      '/vg-lindenau/gremien',
      '/vg-lindenau/suche',
      '/vg-lindenau/sitzungen/x',
      '/vg-lindenau//sitzungen',
      '/musterstadt//',
      '//musterstadt',
      '/Musterstadt',
      '/anmelden',
      '/konto/einrichten',
      '/verwaltung/musterstadt',
      '/verwaltung/sitzungen',
    ];
    for (const address of addresses) {
      const route = matchRoute(address);
      const expected =
        route.name === 'body' || route.name === 'calendar' ? { name: route.name, slug: route.slug } : null;
      expect(matchFirstViewRoute(address), address).toEqual(expected);
    }
  });
});
