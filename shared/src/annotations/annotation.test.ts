import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annotationHistory,
  currentValue,
  emptyAnnotation,
  mergeAnnotation,
  mergeAnnotationStates,
  writeField,
  type AnnotationFieldName,
  type AnnotationState,
  type AnnotationWrites,
} from './annotation.js';
import { formatHlc, receiveHlc, tickHlc, type HlcState } from './hlc.js';

const header = {
  id: '0195f1a2-7c4e-7d2a-9b1e-3f4a5b6c7d8e',
  kind: 'note' as const,
  fileId: '2b9d1c6e-4f3a-4e2b-8c1d-9e8f7a6b5c4d',
  agendaItemId: null,
  createdAt: '2026-11-20T08:00:00.000Z',
};

/** A device: its copy of the annotation, its clock, and every write it made (for the "nothing lost" check). */
interface Device {
  state: AnnotationState;
  clock: HlcState;
  made: { field: AnnotationFieldName; hlc: string; value: unknown }[];
  log: AnnotationWrites[];
}

const fields = ['text', 'color', 'deleted', 'votingIntention'] as const;
const valueFor = (field: (typeof fields)[number], n: number) =>
  field === 'text'
    ? `Rückfrage ${n}: Kosten der Sanierung?`
    : field === 'color'
      ? (['yellow', 'green', 'blue'] as const)[n % 3]!
      : field === 'deleted'
        ? n % 2 === 0
        : (['yes', 'no', 'abstain'] as const)[n % 3]!;

type Step =
  | { type: 'edit'; device: number; field: (typeof fields)[number]; n: number; advanceMs: number }
  | { type: 'sync'; from: number; to: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('edit' as const),
    device: fc.integer({ min: 0, max: 2 }),
    field: fc.constantFrom(...fields),
    n: fc.integer({ min: 0, max: 1000 }),
    // Wall clocks of different devices disagree and may stand still: the HLC must cope.
    advanceMs: fc.integer({ min: -5000, max: 5000 }),
  }),
  fc.record({
    type: fc.constant('sync' as const),
    from: fc.integer({ min: 0, max: 2 }),
    to: fc.integer({ min: 0, max: 2 }),
  }),
);

function run(steps: Step[]): Device[] {
  const devices: Device[] = [0, 1, 2].map((i) => ({
    state: emptyAnnotation(header),
    clock: { wallMs: 1_790_000_000_000, counter: 0, node: `geraet-${i}` },
    made: [],
    log: [],
  }));
  let wall = 1_790_000_000_000;
  for (const step of steps) {
    if (step.type === 'edit') {
      wall += step.advanceMs;
      const device = devices[step.device]!;
      device.clock = tickHlc(device.clock, wall);
      const hlc = formatHlc(device.clock);
      const value = valueFor(step.field, step.n);
      const write = { [step.field]: writeField(device.state, step.field, value as never, hlc) } as AnnotationWrites;
      device.state = mergeAnnotation(device.state, write);
      device.made.push({ field: step.field, hlc, value });
      device.log.push(write);
    } else {
      const from = devices[step.from]!;
      const to = devices[step.to]!;
      to.state = mergeAnnotationStates(to.state, from.state);
      for (const field of fields) {
        const last = from.state.fields[field]?.writes.at(-1);
        if (last) to.clock = receiveHlc(to.clock, last.hlc, wall);
      }
    }
  }
  return devices;
}

describe('annotation merge', () => {
  it('converges: after everyone has everything, all three devices hold the same annotation', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const devices = run(steps);
        // Final exchange in a fixed ring, twice, so every write reaches every device.
        for (let round = 0; round < 2; round++) {
          for (const [from, to] of [
            [0, 1],
            [1, 2],
            [2, 0],
          ] as const) {
            devices[to]!.state = mergeAnnotationStates(devices[to]!.state, devices[from]!.state);
          }
        }
        expect(devices[1]!.state).toEqual(devices[0]!.state);
        expect(devices[2]!.state).toEqual(devices[0]!.state);
      }),
      { numRuns: 300 },
    );
  });

  it('loses no edit: every write is the value, in the history, or replaced by a write whose author saw it', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const devices = run(steps);
        let merged = emptyAnnotation(header);
        for (const device of devices) merged = mergeAnnotationStates(merged, device.state);
        const explicitlyReplaced = new Set(
          devices.flatMap((d) => d.log.flatMap((w) => Object.values(w).flatMap((fw) => fw?.supersedes ?? []))),
        );
        for (const made of devices.flatMap((d) => d.made)) {
          const surviving = merged.fields[made.field]?.writes.some((w) => w.hlc === made.hlc) ?? false;
          expect(surviving || explicitlyReplaced.has(made.hlc)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result for any order and any repetition of the same writes', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 80 }), (steps, picks) => {
        const devices = run(steps);
        const all = devices.flatMap((d) => d.log);
        if (all.length === 0) return;
        const inOrder = all.reduce(mergeAnnotation, emptyAnnotation(header));
        // A shuffled sequence with repeats, then everything once more so each write arrives at least once.
        const shuffled = [...picks.map((p) => all[p % all.length]!), ...[...all].reverse()];
        const anyOrder = shuffled.reduce(mergeAnnotation, emptyAnnotation(header));
        expect(anyOrder).toEqual(inOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the losing text of a concurrent edit in the history; a delete elsewhere stays a delete', () => {
    const base = mergeAnnotation(emptyAnnotation(header), {
      text: { value: 'Frage an die Verwaltung', hlc: '1790000000000-0000-a', supersedes: [] },
    });
    const onA = mergeAnnotation(base, {
      text: writeField(base, 'text', 'Frage an die Verwaltung: Folgekosten?', '1790000001000-0000-a'),
    });
    const onB1 = mergeAnnotation(base, { deleted: writeField(base, 'deleted', true, '1790000002000-0000-b') });
    const onB = mergeAnnotation(onB1, {
      text: writeField(onB1, 'text', 'Frage zurückgezogen', '1790000003000-0000-b'),
    });
    const merged = mergeAnnotationStates(onA, onB);
    expect(mergeAnnotationStates(onB, onA)).toEqual(merged);
    expect(currentValue(merged, 'text')).toBe('Frage zurückgezogen');
    expect(currentValue(merged, 'deleted')).toBe(true);
    expect(annotationHistory(merged)).toEqual([
      { field: 'text', value: 'Frage an die Verwaltung: Folgekosten?', hlc: '1790000001000-0000-a' },
    ]);
    // A sequential edit replaces without adding history.
    const edited = mergeAnnotation(merged, {
      text: writeField(merged, 'text', 'Frage erledigt', '1790000004000-0000-a', { resolveHistory: true }),
    });
    expect(annotationHistory(edited)).toEqual([]);
  });
});
