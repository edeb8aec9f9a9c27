/**
 * Councillors' annotations and how copies from several devices merge without losing anything.
 *
 * Every editable field is a set of writes `{value, hlc, supersedes}`. A write names the writes it replaces (what
 * its author saw). The merged set keeps every write that no other received write replaces; its newest write (by
 * hybrid logical clock) is the field's value, the others are concurrent edits that lost and stay visible as the
 * field's history. The result depends only on which writes were received, not on their order or on repeats, so
 * devices that have seen the same writes hold the same annotation. A write is only ever dropped because a later
 * write explicitly replaced it: sequential edits do not pile up, concurrent ones are never lost.
 *
 * Deleting is a write of `deleted: true` (a tombstone), so a concurrent edit of another field does not revive it.
 */
import { z } from 'zod';
import { uuidSchema } from '../schemas/common.js';
import { compareHlc, isHlc } from './hlc.js';

export const annotationKinds = ['highlight', 'ink', 'note', 'bookmark', 'itemNote'] as const;
export type AnnotationKind = (typeof annotationKinds)[number];

export const annotationScopeKinds = ['private', 'faction', 'committee'] as const;
export type AnnotationScopeKind = (typeof annotationScopeKinds)[number];

export const annotationColors = ['yellow', 'green', 'blue', 'pink', 'orange'] as const;
export const votingIntentions = ['yes', 'no', 'abstain'] as const;

const unit = z.number().min(0).max(1);

/** Where an annotation sits, in the W3C Web Annotation spirit: the version it was made on and several selectors. */
export const annotationTargetSchema = z.object({
  /** The file version (content) the annotation was made on. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 1-based page number. */
  page: z.number().int().min(1).max(100_000),
  /** TextQuoteSelector: the marked text and some context on both sides. */
  quote: z.object({ exact: z.string().max(5000), prefix: z.string().max(200), suffix: z.string().max(200) }).optional(),
  /** TextPositionSelector over the document's extracted text (pages joined by "\n"). */
  position: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
  /** Page-normalised rectangles [x, y, width, height], origin top left (a highlight's lines). */
  rects: z
    .array(z.tuple([unit, unit, unit, unit]))
    .max(500)
    .optional(),
  /** Page-normalised point (a sticky note's place). */
  point: z.tuple([unit, unit]).optional(),
});
export type AnnotationTarget = z.infer<typeof annotationTargetSchema>;

export const inkStrokeSchema = z.object({
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** Line width relative to the page width. */
  width: z.number().min(0.0005).max(0.05),
  /** Page-normalised [x, y, pressure]. */
  points: z
    .array(z.tuple([unit, unit, unit]))
    .min(1)
    .max(20_000),
});
export type InkStroke = z.infer<typeof inkStrokeSchema>;

export const annotationScopeSchema = z.object({
  kind: z.enum(annotationScopeKinds),
  /** The faction or committee the annotation is shared with; null when private. */
  organizationId: uuidSchema.nullable(),
});
export type AnnotationScope = z.infer<typeof annotationScopeSchema>;

/** The value schema of every editable field. */
export const annotationFieldSchemas = {
  scope: annotationScopeSchema,
  color: z.enum(annotationColors).nullable(),
  text: z.string().max(20_000).nullable(),
  votingIntention: z.enum(votingIntentions).nullable(),
  target: annotationTargetSchema.nullable(),
  strokes: z.array(inkStrokeSchema).max(2000).nullable(),
  deleted: z.boolean(),
} as const;
export type AnnotationFieldName = keyof typeof annotationFieldSchemas;
export const annotationFieldNames = Object.keys(annotationFieldSchemas) as AnnotationFieldName[];
export type AnnotationValues = { [K in AnnotationFieldName]: z.infer<(typeof annotationFieldSchemas)[K]> };

export const hlcSchema = z.string().refine(isHlc, { message: 'not a hybrid logical clock timestamp' });

export interface FieldWrite<T = unknown> {
  value: T;
  hlc: string;
  /** The writes (by hlc) this one replaces: what its author saw as the field's current value and history. */
  supersedes: string[];
}

const fieldWriteSchema = <T extends z.ZodType>(value: T) =>
  z.object({ value, hlc: hlcSchema, supersedes: z.array(hlcSchema).max(100) });

export const annotationWritesSchema = z
  .object({
    scope: fieldWriteSchema(annotationFieldSchemas.scope).optional(),
    color: fieldWriteSchema(annotationFieldSchemas.color).optional(),
    text: fieldWriteSchema(annotationFieldSchemas.text).optional(),
    votingIntention: fieldWriteSchema(annotationFieldSchemas.votingIntention).optional(),
    target: fieldWriteSchema(annotationFieldSchemas.target).optional(),
    strokes: fieldWriteSchema(annotationFieldSchemas.strokes).optional(),
    deleted: fieldWriteSchema(annotationFieldSchemas.deleted).optional(),
  })
  .strict();
export type AnnotationWrites = { [K in AnnotationFieldName]?: FieldWrite<AnnotationValues[K]> };

/** The parts of an annotation that never change after it was made. */
export const annotationHeaderSchema = z.object({
  id: uuidSchema,
  kind: z.enum(annotationKinds),
  /** The document it is on (highlight, ink, note, bookmark), or the agenda item (itemNote). */
  fileId: uuidSchema.nullable(),
  agendaItemId: uuidSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type AnnotationHeader = z.infer<typeof annotationHeaderSchema>;

/** The push mutation `annotation.write`: create, edit or delete (a write of `deleted: true`). */
export const annotationWriteArgsSchema = annotationHeaderSchema
  .extend({ writes: annotationWritesSchema })
  .refine(
    (a) => (a.kind === 'itemNote') === (a.agendaItemId !== null) && (a.fileId === null) === (a.kind === 'itemNote'),
    {
      message: 'an item note names an agenda item and no file; every other annotation names a file',
    },
  );
export type AnnotationWriteArgs = z.infer<typeof annotationWriteArgsSchema>;

export interface FieldState<T = unknown> {
  /** The surviving writes, oldest first; the last is the value, the others lost to it concurrently. */
  writes: FieldWrite<T>[];
  /** Every write (by hlc) that a received write replaced, sorted: it never comes back, whatever arrives later. */
  replaced: string[];
}

export interface AnnotationState extends AnnotationHeader {
  fields: { [K in AnnotationFieldName]?: FieldState<AnnotationValues[K]> };
}

export function emptyAnnotation(header: AnnotationHeader): AnnotationState {
  return { ...header, fields: {} };
}

function mergeField<T>(field: FieldState<T> | undefined, incoming: FieldWrite<T>): FieldState<T> {
  const replaced = [...new Set([...(field?.replaced ?? []), ...incoming.supersedes])].sort(compareHlc);
  const known = field?.writes ?? [];
  const candidates = known.some((w) => w.hlc === incoming.hlc)
    ? known
    : [...known, { value: incoming.value, hlc: incoming.hlc, supersedes: [...incoming.supersedes].sort(compareHlc) }];
  const gone = new Set(replaced);
  return {
    writes: candidates.filter((w) => !gone.has(w.hlc)).sort((a, b) => compareHlc(a.hlc, b.hlc)),
    replaced,
  };
}

/** Adds writes to an annotation. Commutative, associative and idempotent over the set of writes received. */
export function mergeAnnotation(state: AnnotationState, writes: AnnotationWrites): AnnotationState {
  const fields = { ...state.fields } as Record<AnnotationFieldName, FieldState | undefined>;
  for (const name of annotationFieldNames) {
    const incoming = writes[name] as FieldWrite | undefined;
    if (incoming) fields[name] = mergeField(fields[name], incoming);
  }
  return { ...state, fields: fields as AnnotationState['fields'] };
}

/** Merges everything one copy has into another (e.g. the server's state into a device's). */
export function mergeAnnotationStates(a: AnnotationState, b: AnnotationState): AnnotationState {
  let merged = a;
  for (const name of annotationFieldNames) {
    const field = b.fields[name];
    if (!field) continue;
    // Its replaced set travels as a write that replaces those and is itself already gone.
    for (const write of field.writes) merged = mergeAnnotation(merged, { [name]: write });
    const current = merged.fields[name];
    if (current) {
      const replaced = [...new Set([...current.replaced, ...field.replaced])].sort(compareHlc);
      const gone = new Set(replaced);
      merged = {
        ...merged,
        fields: { ...merged.fields, [name]: { writes: current.writes.filter((w) => !gone.has(w.hlc)), replaced } },
      };
    }
  }
  return merged;
}

export const annotationDefaults: AnnotationValues = {
  scope: { kind: 'private', organizationId: null },
  color: null,
  text: null,
  votingIntention: null,
  target: null,
  strokes: null,
  deleted: false,
};

/** The current value of a field: its newest surviving write. */
export function currentValue<K extends AnnotationFieldName>(state: AnnotationState, name: K): AnnotationValues[K] {
  const writes = state.fields[name]?.writes;
  const last = writes?.[writes.length - 1];
  return last ? last.value : annotationDefaults[name];
}

export function currentValues(state: AnnotationState): AnnotationValues {
  return Object.fromEntries(annotationFieldNames.map((name) => [name, currentValue(state, name)])) as AnnotationValues;
}

export interface HistoryEntry {
  field: AnnotationFieldName;
  value: unknown;
  hlc: string;
}

/** Concurrent edits that lost, per field, for the "edited on another device" list. */
export function annotationHistory(state: AnnotationState): HistoryEntry[] {
  return annotationFieldNames.flatMap((field) =>
    (state.fields[field]?.writes ?? []).slice(0, -1).map((w) => ({ field, value: w.value, hlc: w.hlc })),
  );
}

/** The write a device makes to set a field: it replaces what the device sees now (value and history). */
export function writeField<K extends AnnotationFieldName>(
  state: AnnotationState,
  name: K,
  value: AnnotationValues[K],
  hlc: string,
  options: { resolveHistory?: boolean } = {},
): FieldWrite<AnnotationValues[K]> {
  const writes = state.fields[name]?.writes ?? [];
  const supersedes = options.resolveHistory ? writes.map((w) => w.hlc) : writes.slice(-1).map((w) => w.hlc);
  return { value, hlc, supersedes };
}
