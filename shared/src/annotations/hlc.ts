/**
 * Hybrid logical clock timestamps as strings that sort like the moments they stand for:
 * `<wall ms, 13 digits>-<counter, 4 digits>-<node>`. Two devices never produce the same timestamp (the node is
 * the device id), a device never goes backwards even when its wall clock does, and a timestamp received from
 * another device moves the local clock past it, so a later edit always carries the larger timestamp.
 */

export interface HlcState {
  wallMs: number;
  counter: number;
  node: string;
}

const pattern = /^(\d{13})-(\d{4})-([0-9a-zA-Z-]{1,64})$/;

export function formatHlc(state: HlcState): string {
  return `${String(state.wallMs).padStart(13, '0')}-${String(state.counter).padStart(4, '0')}-${state.node}`;
}

export function parseHlc(value: string): HlcState {
  const match = pattern.exec(value);
  if (!match) throw new Error(`not a hybrid logical clock timestamp: ${value}`);
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export function isHlc(value: string): boolean {
  return pattern.test(value);
}

/** The next local timestamp: past both the wall clock and everything seen so far. */
export function tickHlc(previous: HlcState, nowMs: number): HlcState {
  if (nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0, node: previous.node };
  if (previous.counter >= 9999) return { wallMs: previous.wallMs + 1, counter: 0, node: previous.node };
  return { wallMs: previous.wallMs, counter: previous.counter + 1, node: previous.node };
}

/** Merges a timestamp seen from another device, so the next local tick is later than it. */
export function receiveHlc(local: HlcState, remote: string, nowMs: number): HlcState {
  const seen = parseHlc(remote);
  const wallMs = Math.max(local.wallMs, seen.wallMs, nowMs);
  let counter = 0;
  if (wallMs === local.wallMs && wallMs === seen.wallMs) counter = Math.max(local.counter, seen.counter) + 1;
  else if (wallMs === local.wallMs) counter = local.counter + 1;
  else if (wallMs === seen.wallMs) counter = seen.counter + 1;
  if (counter > 9999) return { wallMs: wallMs + 1, counter: 0, node: local.node };
  return { wallMs, counter, node: local.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
