/**
 * The official OParl 1.1 JSON schemas (../shared/oparl/schema, CC BY-SA 4.0, OParl contributors,
 * https://github.com/OParl/spec, tag v1.1.1), rewritten in memory so that ajv can check our output against them.
 * The changes follow shared/oparl/DIGEST.md §7 and SOURCE.md; the originals stay untouched on disk:
 *   - `"schema": "X.json"` (an embedded object) becomes `"$ref": "X.json"`;
 *   - the custom annotations `references`, `backreference` and `cardinality` are dropped (and read into `links`);
 *   - `created` and `modified` join every `required`, the six OParl 1.1 list URLs join Body's;
 *   - an object with `deleted: true` needs only `id`, `type`, `created` and `modified`;
 *   - `url`, `date` and `date-time` are registered as formats, the latter two in OParl's strict spelling
 *     (no `Z`, no fractions); `Location.geojson` must be a GeoJSON Feature with [lon, lat] coordinates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

export const oparlSchemaDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/oparl/schema',
);

export const oparlTypes = [
  'System',
  'Body',
  'LegislativeTerm',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'Consultation',
  'File',
  'Location',
] as const;
export type OparlTypeName = (typeof oparlTypes)[number];

/** How a property relates to other objects, read from the annotations of the official schema. */
export type Link =
  | { kind: 'list'; target: OparlTypeName }
  | { kind: 'reference'; target: OparlTypeName }
  | { kind: 'references'; target: OparlTypeName }
  | { kind: 'embedded'; target: OparlTypeName }
  | { kind: 'embeddedArray'; target: OparlTypeName };

export interface OparlSchemas {
  /** ajv's error messages for `object` as a `type`, or [] when it is valid. */
  validate(type: OparlTypeName, object: unknown): string[];
  /** Property names the schema of `type` defines. */
  properties(type: OparlTypeName): ReadonlySet<string>;
  /** `required` of the rewritten schema (for non-deleted objects). */
  required(type: OparlTypeName): readonly string[];
  links(type: OparlTypeName): ReadonlyMap<string, Link>;
}

const bodyLists11 = ['agendaItem', 'consultation', 'file', 'locationList', 'legislativeTermList', 'membership'];
const customKeys = new Set(['references', 'backreference', 'cardinality']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function typeOfFile(file: string): OparlTypeName {
  const name = file.replace(/\.json$/, '');
  if (!(oparlTypes as readonly string[]).includes(name)) throw new Error(`unknown OParl schema ${file}`);
  return name as OparlTypeName;
}

/** `schema` → `$ref`, custom keys dropped, recursively. */
function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (customKeys.has(key)) continue;
    if (key === 'schema' && typeof value === 'string') out.$ref = value;
    else if (key === 'description' && typeof value === 'string' && value.startsWith('{{')) continue;
    else out[key] = rewrite(value);
  }
  return out;
}

function readLinks(schema: { properties: Record<string, Record<string, Json>> }): Map<string, Link> {
  const links = new Map<string, Link>();
  for (const [name, property] of Object.entries(schema.properties)) {
    const items = (property.items ?? {}) as Record<string, Json>;
    const references = (property.references ?? items.references) as string | undefined;
    if (references === 'externalList') {
      links.set(name, { kind: 'list', target: typeOfFile(typeof items.schema === 'string' ? items.schema : '') });
    } else if (typeof property.schema === 'string') {
      links.set(name, { kind: 'embedded', target: typeOfFile(property.schema) });
    } else if (typeof items.schema === 'string') {
      links.set(name, { kind: 'embeddedArray', target: typeOfFile(items.schema) });
    } else if (references) {
      const target = references as OparlTypeName;
      links.set(name, property.type === 'array' ? { kind: 'references', target } : { kind: 'reference', target });
    }
  }
  return links;
}

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})[+-](\d{2}):(\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function oparlDate(value: string): boolean {
  const m = datePattern.exec(value);
  return m !== null && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function oparlDateTime(value: string): boolean {
  const m = dateTimePattern.exec(value);
  if (!m) return false;
  const [h, min, s, oh, om] = [m[4], m[5], m[6], m[7], m[8]].map(Number) as [number, number, number, number, number];
  return (
    validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && h < 24 && min < 60 && s < 60 && oh <= 14 && om < 60
  );
}

/** A complete GeoJSON Feature whose positions are plausible [lon, lat] pairs. */
function geoJsonFeature(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const feature = value as {
    type?: unknown;
    geometry?: { type?: unknown; coordinates?: unknown };
    properties?: unknown;
  };
  if (feature.type !== 'Feature' || typeof feature.geometry !== 'object' || feature.geometry === null) return false;
  if (!('properties' in feature)) return false;
  const positions: unknown[] = [];
  const collect = (node: unknown): boolean => {
    if (!Array.isArray(node)) return false;
    if (node.length >= 2 && node.every((n) => typeof n === 'number')) {
      positions.push(node);
      return true;
    }
    return node.length > 0 && node.every(collect);
  };
  if (typeof feature.geometry.type !== 'string' || !collect(feature.geometry.coordinates)) return false;
  return positions.every((p) => {
    const [lon, lat] = p as number[];
    return lon! >= -180 && lon! <= 180 && lat! >= -90 && lat! <= 90;
  });
}

function requiredFor(type: OparlTypeName, original: string[], options: LoadOptions): string[] {
  let required = [...new Set([...original, 'created', 'modified'])];
  if (type === 'Body') required = [...new Set([...required, ...bodyLists11])];
  if (type === 'Body' && options.omitInternal) required = required.filter((r) => r !== 'legislativeTerm');
  return required;
}

export interface LoadOptions {
  /** Lists asked with `omit_internal=true` leave out Body.legislativeTerm although the schema requires it. */
  omitInternal?: boolean;
}

export function loadOparlSchemas(options: LoadOptions = {}): OparlSchemas {
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  // A CommonJS module: under NodeNext the default import types as the module object; at run time both work.
  const addFormats = formatsPlugin.default;
  addFormats(ajv, ['uri', 'email']);
  const uri = addFormats.get('uri');
  const isUri = typeof uri === 'function' ? uri : uri instanceof RegExp ? (s: string) => uri.test(s) : () => true;
  ajv.addFormat('url', { type: 'string', validate: (s: string) => /^https?:\/\/\S+$/.test(s) && isUri(s) });
  ajv.addFormat('date', { type: 'string', validate: oparlDate });
  ajv.addFormat('date-time', { type: 'string', validate: oparlDateTime });
  ajv.addKeyword({
    keyword: 'oparlGeoJsonFeature',
    type: 'object',
    validate: (_schema: unknown, data: unknown) => geoJsonFeature(data),
  });

  const linkMap = new Map<OparlTypeName, Map<string, Link>>();
  const propertyMap = new Map<OparlTypeName, Set<string>>();
  const requiredMap = new Map<OparlTypeName, string[]>();
  for (const file of readdirSync(oparlSchemaDir).filter((f) => f.endsWith('.json'))) {
    const type = typeOfFile(file);
    const original = JSON.parse(readFileSync(path.join(oparlSchemaDir, file), 'utf8')) as {
      required: string[];
      properties: Record<string, Record<string, Json>>;
    };
    linkMap.set(type, readLinks(original));
    propertyMap.set(type, new Set(Object.keys(original.properties)));
    const schema = rewrite(original) as { [key: string]: Json };
    const required = requiredFor(type, original.required, options);
    requiredMap.set(type, required);
    delete schema.required;
    if (type === 'Location') {
      const properties = schema.properties as { [key: string]: { [key: string]: Json } };
      properties.geojson = { ...properties.geojson, oparlGeoJsonFeature: true };
    }
    schema.$id = file;
    schema.if = { properties: { deleted: { const: true } }, required: ['deleted'] };
    schema.then = { required: ['id', 'type', 'created', 'modified'] };
    schema.else = { required };
    ajv.addSchema(schema, file);
  }
  const validators = new Map<OparlTypeName, ValidateFunction>();
  for (const type of oparlTypes) validators.set(type, ajv.getSchema(`${type}.json`)!);

  return {
    validate(type, object) {
      const validator = validators.get(type)!;
      if (validator(object)) return [];
      return (validator.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'invalid'}`);
    },
    properties: (type) => propertyMap.get(type)!,
    required: (type) => requiredMap.get(type)!,
    links: (type) => linkMap.get(type)!,
  };
}
