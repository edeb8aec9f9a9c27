/**
 * Every door of the server, asked on behalf of one user, with every answer scanned for tokens: the app API (every
 * GET route of the OpenAPI document with the world's ids, unknown ids and lists page by page), sync pull from a new
 * device, blobs (GET, HEAD, Range, neighbouring hashes), file doors (current, versions, attachments, neighbouring
 * ids), search (common words, whole tokens, parts of tokens, filters), OParl (crawled from the System object, also
 * with modified_since), iCal, Atom, the public web pages, PDFs (text layer, annotations and metadata read with
 * pdf.js as the server reads them), headers (Content-Disposition, Location) and the error answers of refused
 * writes. Any token the oracle says the user may not read is a finding.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SyncPullResponse } from '@ratsmappe/shared';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdfText } from '../src/extraction/pdf-text.js';
import type { TestApp } from './harness.js';
import { testPublicUrl } from './harness.js';
import { describeOwner, type Facts } from './leak-facts.js';
import { tokenPattern, type World, type WorldUser } from './leak-world.js';

export interface Finding {
  user: string;
  door: string;
  method: string;
  url: string;
  status: number;
  token: string;
  /** Whose token it is and which text, e.g. "item #3 … of body 0 (agenda item name)". */
  owner: string;
}

export interface DoorOptions {
  /**
   * Every door variant for every user and object. Otherwise (the bounded CI run) the doors rotate over the users:
   * each user asks a quarter of the objects through their main doors and a smaller share of the variants
   * (attachment, HEAD, Range, further versions, query filters, master data, refused writes, whole-token searches),
   * shifted by the user's position, so every pair of object and door is still asked by several users; the lists of
   * meetings and papers and the catch-all searches ("Geheimsache") by everyone. OParl, iCal and Atom never read the
   * session: the public crawls them, and in the thorough run an office account too.
   */
  thorough: boolean;
  debug: boolean;
}

export class Prober {
  readonly findings: Finding[] = [];
  /** A refused write that went through, or an answer the probe could not read. */
  readonly defects: string[] = [];
  readonly requestsByDoor = new Map<string, number>();
  readonly millisByDoor = new Map<string, number>();
  /** Tokens seen by someone allowed to read them: the doors' proof of life. */
  readonly seenAllowed = new Set<string>();
  private readonly pdfTexts = new Map<string, Promise<string>>();
  private readonly findingKeys = new Set<string>();

  constructor(
    private readonly t: TestApp,
    private readonly world: World,
    private readonly facts: Facts,
    private readonly options: DoorOptions,
  ) {}

  get requests(): number {
    let sum = 0;
    for (const n of this.requestsByDoor.values()) sum += n;
    return sum;
  }

  /** One request, its whole answer scanned. Returns the status and the body as text (PDFs: their extracted text). */
  async ask(
    user: WorldUser,
    door: string,
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    this.requestsByDoor.set(door, (this.requestsByDoor.get(door) ?? 0) + 1);
    const method = init.method ?? 'GET';
    const started = performance.now();
    const response = await this.t.request(url, { ...init, cookie: user.cookie || undefined });
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.millisByDoor.set(door, (this.millisByDoor.get(door) ?? 0) + performance.now() - started);
    const type = response.headers.get('content-type') ?? '';
    let text = Buffer.from(bytes).toString('utf8');
    if (door === 'search' && response.status === 200) {
      // The answer names the query it answers; a token the user typed in is not one the server gave away.
      const body = JSON.parse(text) as { query?: string };
      delete body.query;
      text = JSON.stringify(body);
    }
    if (bytes.length > 0 && type.includes('application/pdf') && response.status === 200) {
      text += '\n' + (await this.pdfText(bytes)) + '\n' + Buffer.from(bytes).toString('latin1');
    } else if (type.includes('application/pdf')) {
      text += '\n' + Buffer.from(bytes).toString('latin1');
    }
    const headerText = ['content-disposition', 'location', 'etag', 'link']
      .map((h) => response.headers.get(h) ?? '')
      .join('\n');
    this.scan(user, door, method, url, response.status, `${text}\n${headerText}\n${safeDecode(headerText)}`);
    if (response.status >= 500) this.defects.push(`${user.label}: ${method} ${url} answered ${response.status}`);
    return { status: response.status, text, headers: response.headers };
  }

  private scan(user: WorldUser, door: string, method: string, url: string, status: number, text: string) {
    for (const match of text.matchAll(tokenPattern)) {
      const token = match[0];
      if (this.facts.mayRead(user, token)) {
        this.seenAllowed.add(token);
        continue;
      }
      const key = `${user.label}|${door}|${method} ${url}|${token}`;
      if (this.findingKeys.has(key)) continue;
      this.findingKeys.add(key);
      const info = this.facts.owner(token);
      this.findings.push({
        user: user.label,
        door,
        method,
        url,
        status,
        token,
        owner: info ? `${describeOwner(this.world, info.owner)} (${info.field})` : 'unknown token',
      });
    }
  }

  /** Text layer, annotation contents and metadata of a PDF, as pdf.js reads them; once per distinct content. */
  private pdfText(bytes: Uint8Array): Promise<string> {
    const key = createHash('sha256').update(bytes).digest('hex');
    let text = this.pdfTexts.get(key);
    if (!text) {
      text = readPdf(bytes);
      this.pdfTexts.set(key, text);
    }
    return text;
  }

  // ---------------------------------------------------------------------------------------------------------------

  async askEveryDoor(user: WorldUser, apiOperations: ApiGet[], sessionFreeDoors: boolean): Promise<void> {
    await this.apiDoor(user, apiOperations);
    await this.syncDoor(user);
    await this.fileDoors(user);
    await this.blobDoor(user);
    await this.searchDoor(user);
    await this.publicPages(user);
    await this.refusedWrites(user);
    if (sessionFreeDoors || this.options.thorough) {
      await this.feedDoors(user);
      await this.oparlDoor(user);
    }
  }

  /** In the bounded run: does this user ask variant `i` (of an object, a query, …)? Rotates over the users. */
  private share(user: WorldUser, i: number, of = 3): boolean {
    return this.options.thorough || (this.world.users.indexOf(user) + i) % of === 0;
  }

  private idsFor(template: string): string[] {
    const w = this.world;
    const byPrefix: [string, string[]][] = [
      ['/api/meetings/{id}', w.meetingIds],
      ['/api/papers/{id}', w.paperIds],
      ['/api/files/{id}', w.fileIds],
      ['/api/organizations/{id}', w.organizationIds],
      ['/api/persons/{id}', w.personIds],
      ['/api/agenda-items/{id}', w.itemIds],
      ['/api/consultations/{id}', w.consultationIds],
      ['/api/accounts/{id}', w.accountIds],
    ];
    for (const [prefix, ids] of byPrefix)
      if (template.startsWith(prefix)) return [...ids, ...neighbours(ids, this.options.thorough ? 3 : 1)];
    throw new Error(`leak probe: no ids for ${template}; teach leak-doors.ts which objects this route takes`);
  }

  private queriesFor(template: string, bodyIndex: number | null): string[] {
    const w = this.world;
    switch (template) {
      case '/api/bodies/{bodyRef}/papers':
        return ['', '?q=Geheimsache', '?public=false', '?q=CANARY', '?limit=200'];
      case '/api/bodies/{bodyRef}/meetings': {
        const bodyId = bodyIndex === null ? undefined : w.bodyIds[bodyIndex];
        const orgs = w.organizationIds.filter((id) => w.oracle.organizations.get(id)?.bodyId === bodyId);
        return ['', '?order=desc&limit=200', ...orgs.slice(0, 3).map((id) => `?organization=${id}`)];
      }
      case '/api/search':
        return ['?q=Geheimsache', '?q=Notiz'];
      case '/api/organizations/{id}/memberships':
        return ['?status=all'];
      case '/api/bodies/{bodyRef}/organizations':
        return ['', '?q=committee'];
      default:
        return [''];
    }
  }

  private async apiDoor(user: WorldUser, operations: ApiGet[]) {
    for (const op of operations) {
      if (op.path === '/api/sync/pull' || op.path === '/api/blobs/{sha256}' || op.path === '/api/openapi.json')
        continue;
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      let urls: { url: string; bodyIndex: number | null }[];
      if (params.length === 0) urls = [{ url: op.path, bodyIndex: null }];
      else if (params.length === 1 && params[0] === 'bodyRef') {
        const content = /\/(meetings|papers)$/.test(op.path);
        urls = [
          ...this.world.bodyIds
            .map((id, i) => ({ url: op.path.replace('{bodyRef}', id), bodyIndex: i }))
            .filter((_, i) => content || this.share(user, i + op.path.length, 2)),
          ...(this.share(user, op.path.length, 4)
            ? [
                { url: op.path.replace('{bodyRef}', this.world.bodySlugs[0]!), bodyIndex: 0 },
                { url: op.path.replace('{bodyRef}', randomUUID()), bodyIndex: null },
              ]
            : []),
        ];
      } else if (params.length === 1 && params[0] === 'id') {
        // Master data and accounts hold no non-public text: in the bounded run a rotating share of them.
        // Master data, accounts and the exports of one's own annotations: a smaller share in the bounded run.
        const rare = /^\/api\/(persons|organizations|accounts)\/|annotat/.test(op.path);
        urls = this.idsFor(op.path)
          .filter((_, i) => this.share(user, i + op.path.length, rare ? 8 : 4))
          .map((id) => ({ url: op.path.replace('{id}', id), bodyIndex: null }));
      } else {
        throw new Error(`leak probe: cannot fill ${op.path}; teach leak-doors.ts its parameters`);
      }
      for (const { url, bodyIndex } of urls) {
        const queries = this.queriesFor(op.path, bodyIndex).filter((_, i) => i === 0 || this.share(user, i, 4));
        for (const query of queries) {
          let next: string | null = `${url}${query}`;
          for (let pages = 0; next && pages < 20; pages++) {
            const answer = await this.ask(user, 'api', next);
            next = null;
            if (answer.status !== 200) break;
            const cursor = nextCursorOf(answer.text);
            if (cursor) next = `${url}${query}${query ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
          }
        }
      }
    }
  }

  private async syncDoor(user: WorldUser) {
    const registered = await this.ask(user, 'sync', '/api/sync/devices', {
      method: 'POST',
      body: JSON.stringify({ name: 'Leak probe' }),
    });
    await this.ask(user, 'sync', '/api/sync/pull?cursor=0');
    if (registered.status !== 201) return;
    const device = (JSON.parse(registered.text) as { id: string }).id;
    let cursor = '0';
    for (let pages = 0; pages < 200; pages++) {
      const answer = await this.ask(user, 'sync', `/api/sync/pull?cursor=${cursor}&limit=200`, {
        headers: { 'x-ratsmappe-device': device },
      });
      if (answer.status !== 200) {
        this.defects.push(`${user.label}: sync pull answered ${answer.status}`);
        return;
      }
      const page = JSON.parse(answer.text) as SyncPullResponse;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    await this.ask(user, 'sync', '/api/sync/devices', { headers: { 'x-ratsmappe-device': device } });
  }

  private async fileDoors(user: WorldUser) {
    const ids = this.world.fileIds;
    for (const [i, id] of [...ids, ...neighbours(ids, this.options.thorough ? 3 : 1)].entries()) {
      if (this.share(user, i, 4)) await this.ask(user, 'file', `/files/${id}`);
      const versions = this.world.versionsOf.get(id) ?? 1;
      if (this.share(user, i + 1, 5)) {
        for (let v = 1; v <= versions; v++) await this.ask(user, 'file', `/files/${id}/versions/${v}`);
      }
      if (this.share(user, i, 10)) {
        await this.ask(user, 'file', `/files/${id}/download`);
        await this.ask(user, 'file', `/files/${id}`, { method: 'HEAD' });
        await this.ask(user, 'file', `/files/${id}`, { headers: { range: 'bytes=0-199' } });
        await this.ask(user, 'file', `/files/${id}/versions/${versions + 1}`);
        for (let v = 1; v <= versions; v++) await this.ask(user, 'file', `/files/${id}/versions/${v}/download`);
      }
    }
  }

  private async blobDoor(user: WorldUser) {
    const hashes = this.world.sha256s;
    const guessed = hashes
      .filter((_, i) => this.share(user, i, 16))
      .flatMap((sha) => [flipLast(sha), sha.toUpperCase(), sha.slice(0, 63)]);
    for (const sha of guessed) await this.ask(user, 'blob', `/api/blobs/${sha}`);
    for (const [i, sha] of hashes.entries()) {
      if (this.share(user, i, 6)) await this.ask(user, 'blob', `/api/blobs/${sha}`);
      if (!this.share(user, i, 10)) continue;
      await this.ask(user, 'blob', `/api/blobs/${sha}`, { method: 'HEAD' });
      await this.ask(user, 'blob', `/api/blobs/${sha}`, { headers: { range: 'bytes=0-99' } });
      await this.ask(user, 'blob', `/api/blobs/${sha}`, { headers: { range: 'bytes=100-' } });
    }
  }

  private async searchDoor(user: WorldUser) {
    const search = async (query: string) => {
      for (let page = 1; page <= 20; page++) {
        const answer = await this.ask(user, 'search', `/api/search?${query}&limit=50&page=${page}`);
        if (answer.status !== 200) return;
        const body = JSON.parse(answer.text) as { total: number; results: unknown[] };
        if (body.results.length < 50 || page * 50 >= body.total) return;
      }
    };
    // "Geheimsache" is in every non-public text, "Offenlage" in every public one: one query finds them all.
    for (const q of ['Geheimsache', 'Offenlage or Notiz']) await search(`q=${encodeURIComponent(q)}`);
    const variants = [
      ...['Notiz', 'Anlage', 'Beschluss', 'Vorlage', 'TOP'].map((q) => `q=${q}`),
      ...this.world.bodySlugs.map((slug) => `q=Geheimsache&body=${slug}`),
      ...['meeting', 'agendaItem', 'paper', 'file'].map((type) => `q=Geheimsache&type=${type}`),
      ...this.world.organizationIds.map((org) => `q=Geheimsache&organization=${org}`),
    ];
    for (const [i, query] of variants.entries()) if (this.share(user, i, 12)) await search(query);
    // Whole tokens and parts of them: every canary by every user in the thorough run, else a rotating share.
    const tokens = [...this.world.tokens.keys()].filter((token) => token.startsWith('CANARY'));
    for (const [i, token] of tokens.entries()) {
      if (!this.share(user, i, 20)) continue;
      await search(`q=${token}`);
      if (this.share(user, i, 24)) {
        await search(`q=${token.slice(0, 12)}`);
        await search(`q=${token.slice(6)}`);
        await search(`q=${encodeURIComponent(`"${token}" OR Offenlage`)}`);
      }
    }
  }

  private async feedDoors(user: WorldUser) {
    for (const id of this.world.bodyIds) {
      await this.ask(user, 'ical', `/ical/body/${id}.ics`);
      await this.ask(user, 'atom', `/feeds/body/${id}.atom`);
    }
    for (const id of this.world.organizationIds) await this.ask(user, 'ical', `/ical/organization/${id}.ics`);
    for (const id of this.world.meetingIds) await this.ask(user, 'ical', `/ical/meeting/${id}.ics`);
    await this.ask(user, 'ical', `/ical/meeting/${randomUUID()}.ics`);
  }

  private async publicPages(user: WorldUser) {
    const w = this.world;
    for (const [i, slug] of w.bodySlugs.entries()) {
      const bodyId = w.bodyIds[i]!;
      await this.ask(user, 'web page', `/${slug}`);
      await this.ask(user, 'web page', `/${slug}/sitzungen`);
      const pages = [
        ...[...w.oracle.meetings].filter(([, m]) => m.bodyId === bodyId).map(([id]) => `/${slug}/sitzungen/${id}`),
        ...[...w.oracle.papers].filter(([, p]) => p.bodyId === bodyId).map(([id]) => `/${slug}/vorlagen/${id}`),
      ];
      for (const [n, page] of pages.entries()) if (this.share(user, n, 4)) await this.ask(user, 'web page', page);
    }
  }

  /** Writes the user may not make: each must be refused, and the refusal must not quote what it refused. */
  private async refusedWrites(user: WorldUser) {
    const w = this.world;
    const foreign = (bodyId: string) => !user.staffOfIds.includes(bodyId) || !user.oracle.active;
    const attempts: [string, string, unknown][] = [];
    for (const [id, item] of w.oracle.items) {
      if (foreign(item.bodyId)) attempts.push(['PATCH', `/api/agenda-items/${id}`, { name: 'Probe' }]);
    }
    for (const [id, paper] of w.oracle.papers) {
      if (!foreign(paper.bodyId)) continue;
      attempts.push(['PATCH', `/api/papers/${id}`, { name: 'Probe' }]);
      attempts.push(['POST', `/api/papers/${id}/consultations`, { organizationId: w.organizationIds[0] }]);
    }
    for (const [id, file] of w.oracle.files) {
      if (foreign(file.bodyId)) attempts.push(['POST', `/api/files/${id}/confirm-visibility`, { public: true }]);
    }
    for (const [id, meeting] of w.oracle.meetings) {
      if (foreign(meeting.bodyId)) attempts.push(['POST', `/api/meetings/${id}/invitation`, {}]);
    }
    for (const [method, url, body] of attempts.filter((_, i) => this.share(user, i, 6))) {
      const answer = await this.ask(user, 'refused write', url, { method, body: JSON.stringify(body) });
      if (answer.status < 400) this.defects.push(`${user.label}: ${method} ${url} was accepted (${answer.status})`);
    }
  }

  private async oparlDoor(user: WorldUser) {
    const seen = new Set<string>();
    const w = this.world;
    // The crawl from the System object, and every object of the world asked for by its id, linked or not.
    const queue = [
      '/oparl/v1/system',
      ...w.meetingIds.map((id) => `/oparl/v1/meeting/${id}`),
      ...w.itemIds.map((id) => `/oparl/v1/agendaItem/${id}`),
      ...w.paperIds.map((id) => `/oparl/v1/paper/${id}`),
      ...w.consultationIds.map((id) => `/oparl/v1/consultation/${id}`),
      ...w.fileIds.map((id) => `/oparl/v1/file/${id}`),
    ];
    const prefix = `${testPublicUrl}`;
    while (queue.length > 0 && seen.size < 3000) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const door = path.startsWith('/files/') ? 'oparl file' : 'oparl';
      const answer = await this.ask(user, door, path);
      if (answer.status !== 200 || door !== 'oparl') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        this.defects.push(`${user.label}: OParl ${path} is not JSON`);
        continue;
      }
      for (const link of linksIn(parsed)) {
        if (!link.startsWith(prefix)) continue;
        const next = link.slice(prefix.length);
        if (next.startsWith('/oparl/v1/') || next.startsWith('/files/')) queue.push(next);
      }
      // Every list also as a mirror asks for it: changes since a date, deleted objects included.
      if (isList(parsed) && !path.includes('?')) {
        queue.push(`${path}?modified_since=${encodeURIComponent('2000-01-01T00:00:00+01:00')}`);
        if (this.options.thorough)
          queue.push(`${path}?created_since=${encodeURIComponent('2000-01-01T00:00:00+01:00')}`);
      }
    }
  }
}

export interface ApiGet {
  path: string;
}

export async function apiGets(t: TestApp): Promise<ApiGet[]> {
  const response = await t.request('/api/openapi.json');
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths)
    .filter(([, methods]) => 'get' in methods)
    .map(([path]) => ({ path }));
}

async function readPdf(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [];
  try {
    parts.push((await extractPdfText(bytes.slice())).text);
  } catch (error) {
    parts.push(`[pdf text unreadable: ${String(error)}]`);
  }
  try {
    const document = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
    const meta = await document.getMetadata();
    parts.push(JSON.stringify(meta.info ?? {}));
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      for (const a of (await page.getAnnotations()) as {
        contentsObj?: { str?: string };
        titleObj?: { str?: string };
      }[]) {
        parts.push(a.contentsObj?.str ?? '', a.titleObj?.str ?? '');
      }
    }
    await document.destroy();
  } catch (error) {
    parts.push(`[pdf annotations unreadable: ${String(error)}]`);
  }
  return parts.join('\n');
}

function nextCursorOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { nextCursor?: unknown };
    return typeof body.nextCursor === 'string' ? body.nextCursor : null;
  } catch {
    return null;
  }
}

function isList(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data);
}

function linksIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.startsWith('http')) found.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) linksIn(v, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) linksIn(v, found);
  }
  return found;
}

/** Ids a visitor might guess: the last hex digit of a few real ids changed. */
function neighbours(ids: readonly string[], count: number): string[] {
  return ids.slice(0, count).map(flipLast);
}

function flipLast(id: string): string {
  const last = id.at(-1)!;
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
