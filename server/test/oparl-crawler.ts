/**
 * A validating OParl crawler for tests, after DIGEST §7 (and konstin/oparl-validator-rs in spirit). From the
 * System object it follows every list URL and every `links.next` to the end and checks, collecting problems
 * rather than stopping at the first:
 *   - every list page (`data`/`pagination`/`links`, item types, filters kept in every link, no `next` loop),
 *   - every object, embedded ones included, against the rewritten official schema,
 *   - no null, "" or [] on optional properties, no unknown property without a vendor prefix,
 *   - embedded objects without back-references, retrievable standalone with them and otherwise equal,
 *   - every referenced URL answers 200 with an object of that id and the expected type,
 *   - every object appears in its Body's list (System.body for bodies),
 *   - AgendaItem.order equals the index in Meeting.agendaItem,
 *   - CORS and content type on every answer.
 */
import type { TestApp } from './harness.js';
import type { OparlSchemas, OparlTypeName } from './oparl-schema.js';

export type OparlJson = { id: string; type: string; deleted?: boolean } & Record<string, unknown>;

export interface CrawlResult {
  problems: string[];
  /** Every object as served standalone or in a list, by id. */
  objects: Map<string, OparlJson>;
  /** Ids listed per list URL (without query). */
  listed: Map<string, Set<string>>;
  /** How many objects ajv checked (list items, embedded copies and standalone fetches each count). */
  validations: number;
  listPages: number;
  requests: number;
  /** Every response body, for leak checks. */
  bodies: string[];
}

export interface CrawlOptions {
  schemas: OparlSchemas;
  /**
   * Query appended to every list URL but System.body (e.g. `modified_since=…`), as a mirror asks for changes of
   * the bodies it knows; pages must keep it. Then only listed objects are expected in lists.
   */
  listQuery?: string;
  concurrency?: number;
  maxPages?: number;
}

/** Properties an embedded copy must leave out and a standalone object must carry (DIGEST §1.3). */
export const backReferences: Partial<Record<OparlTypeName, Partial<Record<OparlTypeName, string>>>> = {
  LegislativeTerm: { Body: 'body' },
  Membership: { Person: 'person' },
  AgendaItem: { Meeting: 'meeting' },
  Consultation: { Paper: 'paper' },
  File: { Meeting: 'meeting', AgendaItem: 'agendaItem', Paper: 'paper' },
  Location: {
    Body: 'bodies',
    Organization: 'organizations',
    Person: 'persons',
    Meeting: 'meetings',
    Paper: 'papers',
  },
};
const allBackReferenceNames: Partial<Record<OparlTypeName, string[]>> = Object.fromEntries(
  Object.entries(backReferences).map(([type, byParent]) => [type, Object.values(byParent)]),
);

const typePrefix = 'https://schema.oparl.org/1.1/';
export const typeName = (uri: string) => uri.slice(typePrefix.length) as OparlTypeName;

export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Filter values compare by meaning: the server may spell a date-time in its own canonical form. */
function sameParameter(a: string | null, b: string): boolean {
  if (a === b) return true;
  if (a === null) return false;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && x === y;
}

function sameUrl(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  if (x.origin !== y.origin || x.pathname !== y.pathname) return false;
  const keys = new Set([...x.searchParams.keys(), ...y.searchParams.keys()]);
  return [...keys].every((key) => sameParameter(x.searchParams.get(key), y.searchParams.get(key) ?? ''));
}

interface Embedded {
  object: OparlJson;
  type: OparlTypeName;
  parentId: string;
  parentType: OparlTypeName;
}

export async function crawlOparl(t: TestApp, options: CrawlOptions): Promise<CrawlResult> {
  const { schemas } = options;
  const concurrency = options.concurrency ?? 6;
  const maxPages = options.maxPages ?? 5000;
  const base = new URL(t.ctx.config.publicUrl);
  const result: CrawlResult = {
    problems: [],
    objects: new Map(),
    listed: new Map(),
    validations: 0,
    listPages: 0,
    requests: 0,
    bodies: [],
  };
  const problem = (message: string) => result.problems.push(message);
  const embedded: Embedded[] = [];
  const references = new Map<string, { expected: OparlTypeName; from: string }>();
  const lists = new Map<string, OparlTypeName>();
  /** The object whose property named each list URL (without query). */
  const listOwners = new Map<string, { type: OparlTypeName; id: string }>();

  async function fetchJson(url: string): Promise<{ status: number; json: unknown }> {
    if (!url.startsWith(base.origin + '/')) {
      problem(`${url}: not under the public URL ${base.origin}`);
      return { status: 0, json: null };
    }
    const target = new URL(url);
    const response = await t.request(target.pathname + target.search);
    result.requests++;
    const text = await response.text();
    result.bodies.push(text);
    if (response.headers.get('access-control-allow-origin') !== '*') problem(`${url}: no CORS header`);
    if (response.headers.get('content-type') !== 'application/json; charset=utf-8') {
      problem(`${url}: content type ${response.headers.get('content-type')}`);
    }
    if (text.charCodeAt(0) === 0xfeff) problem(`${url}: BOM`);
    try {
      return { status: response.status, json: JSON.parse(text) as unknown };
    } catch {
      problem(`${url}: not JSON`);
      return { status: response.status, json: null };
    }
  }

  function validate(type: OparlTypeName, object: OparlJson, where: string) {
    result.validations++;
    for (const error of schemas.validate(type, object)) problem(`${where} (${type} ${object.id}): ${error}`);
  }

  /** Checks one object's own properties and walks into what it embeds; records references and lists. */
  function inspect(type: OparlTypeName, object: OparlJson, where: string, embeddedIn?: OparlTypeName) {
    if (typeName(object.type) !== type) problem(`${where}: ${object.id} has type ${object.type}, expected ${type}`);
    if (object.deleted === true) {
      if (embeddedIn) problem(`${where}: deleted ${type} ${object.id} embedded in a ${embeddedIn}`);
      return;
    }
    const properties = schemas.properties(type);
    const mandatory = schemas.required(type);
    const links = schemas.links(type);
    for (const [key, value] of Object.entries(object)) {
      if (!properties.has(key) && !key.includes(':')) problem(`${where}: ${type}.${key} is not an OParl property`);
      if (value === null || value === '') problem(`${where}: ${type}.${key} is ${JSON.stringify(value)}`);
      if (Array.isArray(value) && value.length === 0 && !mandatory.includes(key)) {
        problem(`${where}: optional ${type}.${key} is []`);
      }
      if (key.includes(':') && typeof value === 'string' && !value.startsWith(base.origin + '/')) {
        problem(`${where}: vendor field ${key} is not one of our URLs`);
      }
    }
    if (embeddedIn) {
      for (const name of allBackReferenceNames[type] ?? []) {
        if (name in object) problem(`${where}: embedded ${type} ${object.id} carries back-reference ${name}`);
      }
    }
    for (const [key, link] of links) {
      const value = object[key];
      if (value === undefined) continue;
      const context = `${where} > ${type}.${key}`;
      switch (link.kind) {
        case 'list':
          if (typeof value === 'string') {
            lists.set(value, link.target);
            listOwners.set(value, { type, id: object.id });
          }
          break;
        case 'reference':
          if (typeof value === 'string') references.set(value, { expected: link.target, from: context });
          break;
        case 'references':
          for (const url of Array.isArray(value) ? value : []) {
            references.set(String(url), { expected: link.target, from: context });
          }
          break;
        case 'embedded':
        case 'embeddedArray': {
          const children = (link.kind === 'embedded' ? [value] : Array.isArray(value) ? value : []) as OparlJson[];
          children.forEach((child, index) => {
            validate(link.target, child, context);
            inspect(link.target, child, `${context}[${index}]`, type);
            embedded.push({ object: child, type: link.target, parentId: object.id, parentType: type });
          });
          break;
        }
      }
    }
    if (type === 'Meeting' && Array.isArray(object.agendaItem)) {
      (object.agendaItem as OparlJson[]).forEach((item, index) => {
        if (item.order !== index)
          problem(`${where}: AgendaItem ${item.id} has order ${String(item.order)} at ${index}`);
      });
    }
  }

  function withListQuery(url: string): string {
    if (!options.listQuery || url === systemObject.body) return url;
    return url + (url.includes('?') ? '&' : '?') + options.listQuery;
  }

  let systemObject: OparlJson = { id: '', type: '' };
  const seenPages = new Set<string>();
  async function crawlList(listUrl: string, itemType: OparlTypeName) {
    const key = listUrl.split('?')[0]!;
    const listed = result.listed.get(key) ?? new Set<string>();
    result.listed.set(key, listed);
    const requested = withListQuery(listUrl);
    const filters = new URL(requested).searchParams;
    let url: string | undefined = requested;
    while (url) {
      if (seenPages.has(url)) {
        problem(`${url}: page visited twice (next loop)`);
        return;
      }
      if (seenPages.size >= maxPages) {
        problem(`more than ${maxPages} list pages`);
        return;
      }
      seenPages.add(url);
      result.listPages++;
      const { status, json } = await fetchJson(url);
      const page = json as { data?: unknown; pagination?: unknown; links?: Record<string, unknown> } | null;
      if (status !== 200 || !page || !Array.isArray(page.data)) {
        problem(`${url}: list answered ${status} ${JSON.stringify(json)?.slice(0, 200)}`);
        return;
      }
      if (typeof page.pagination !== 'object' || page.pagination === null) problem(`${url}: no pagination object`);
      if (typeof page.links !== 'object' || page.links === null) {
        problem(`${url}: no links object`);
        return;
      }
      for (const [name, link] of Object.entries(page.links)) {
        if (typeof link !== 'string') {
          problem(`${url}: links.${name} is not a URL`);
          continue;
        }
        if (name === 'web') continue;
        const params = new URL(link).searchParams;
        for (const [param, value] of filters) {
          if (param !== 'after' && !sameParameter(params.get(param), value)) {
            problem(`${url}: links.${name} lost or changed ${param} (${link})`);
          }
        }
      }
      if (typeof page.links.self !== 'string' || !sameUrl(page.links.self, url)) {
        problem(`${url}: links.self is ${String(page.links.self)}`);
      }
      for (const item of page.data as OparlJson[]) {
        validate(itemType, item, url);
        inspect(itemType, item, url);
        if (listed.has(item.id)) problem(`${url}: ${item.id} listed twice`);
        listed.add(item.id);
        if (!item.deleted) result.objects.set(item.id, item);
      }
      url = typeof page.links.next === 'string' ? page.links.next : undefined;
      if (url && page.data.length === 0) problem(`${url}: empty page with a next link`);
    }
  }

  // System, then lists breadth-first: lists found in list items (Body, Organization) join the queue.
  const system = await fetchJson(new URL('/oparl/v1/system', base).href);
  if (system.status !== 200) {
    problem(`system answered ${system.status}`);
    return result;
  }
  systemObject = system.json as OparlJson;
  validate('System', systemObject, 'system');
  inspect('System', systemObject, 'system');
  const crawled = new Set<string>();
  for (;;) {
    const pending = [...lists].filter(([url]) => !crawled.has(url));
    if (pending.length === 0) break;
    for (const [url] of pending) crawled.add(url);
    await mapLimit(pending, concurrency, ([url, type]) => crawlList(url, type));
  }

  // Every referenced, embedded and listed object answers by its id with that id, the expected type, and the same
  // content as its list entry.
  const expectations = new Map<string, { expected: OparlTypeName; from: string }>();
  for (const [id, object] of result.objects) expectations.set(id, { expected: typeName(object.type), from: 'list' });
  for (const { object, type, parentId } of embedded) expectations.set(object.id, { expected: type, from: parentId });
  for (const [url, expectation] of references) expectations.set(url, expectation);
  expectations.delete(systemObject.id);
  const standalone = new Map<string, OparlJson>();
  await mapLimit([...expectations], concurrency, async ([url, { expected, from }]) => {
    const { status, json } = await fetchJson(url);
    const object = json as OparlJson | null;
    if (status !== 200 || !object) return problem(`${from}: ${url} answered ${status}`);
    if (object.id !== url) problem(`${from}: ${url} answered with id ${object.id}`);
    if (typeName(object.type) !== expected) problem(`${from}: ${url} is a ${object.type}, expected ${expected}`);
    validate(expected, object, url);
    const listed = result.objects.get(url);
    if (listed && JSON.stringify(listed) !== JSON.stringify(object)) problem(`${url}: differs from its list entry`);
    standalone.set(url, object);
  });

  // Embedded copies leave out only their back-references and otherwise say what the standalone object says.
  for (const { object, type, parentId, parentType } of embedded) {
    const alone = standalone.get(object.id);
    if (!alone) continue;
    const name = backReferences[type]?.[parentType];
    if (name) {
      const value = alone[name];
      const ok = Array.isArray(value) ? value.includes(parentId) : value === parentId;
      if (!ok) problem(`${type} ${object.id}: standalone ${name} does not point back to ${parentType} ${parentId}`);
    }
    for (const [key, value] of Object.entries(object)) {
      if (type === 'Location' && key === 'modified') continue; // standalone adds its back-references' changes
      if (JSON.stringify(alone[key]) !== JSON.stringify(value)) {
        problem(`${type} ${object.id}: embedded ${key} differs from standalone`);
      }
    }
  }

  // Every live object appears in a list of its Body (System.body for bodies); one with `body` in that Body's.
  const listedBy = new Map<string, Set<string>>();
  for (const [listUrl, ids] of result.listed) {
    const owner = listOwners.get(listUrl);
    if (!owner || (owner.type !== 'Body' && owner.type !== 'System')) continue;
    for (const id of ids) listedBy.set(id, (listedBy.get(id) ?? new Set()).add(owner.id));
  }
  for (const [id, object] of standalone) {
    if (object.deleted || options.listQuery) continue;
    const owners = listedBy.get(id);
    const type = typeName(object.type);
    if (!owners) problem(`${type} ${id} is in no list of its body`);
    else if (typeof object.body === 'string' && type !== 'Body' && !owners.has(object.body)) {
      problem(`${type} ${id} is not in the lists of its body ${object.body}`);
    }
  }
  return result;
}
