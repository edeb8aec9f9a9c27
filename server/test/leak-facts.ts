/**
 * What each user of a world may see, computed from the world and the oracle: for every token the object it belongs
 * to, and per user whether the oracle lets them read that object. Also checks the world against itself: a token
 * named CANARY must belong to something non-public and an OFFEN one to something public, or the world builder and
 * the oracle disagree about the world (a probe defect, reported as such, not as a leak).
 */
import { isPublic, mayRead, type Owner } from './leak-oracle.js';
import type { TokenInfo, World, WorldUser } from './leak-world.js';

export interface Facts {
  world: World;
  owner(token: string): TokenInfo | undefined;
  mayRead(user: WorldUser, token: string): boolean;
  /** Tokens of the world this user may read (for the coverage check: doors that show nothing prove nothing). */
  readableBy(user: WorldUser): Set<string>;
  canaries: number;
  publicMarkers: number;
  /** CANARY tokens on public objects and OFFEN tokens on non-public ones. */
  inconsistencies: string[];
}

export function describeOwner(world: World, owner: Owner): string {
  const list = {
    meeting: world.meetingIds,
    item: world.itemIds,
    paper: world.paperIds,
    file: world.fileIds,
    annotation: [...world.oracle.annotations.keys()],
  }[owner.kind];
  const bodyId =
    owner.kind === 'meeting'
      ? world.oracle.meetings.get(owner.id)?.bodyId
      : owner.kind === 'item'
        ? world.oracle.items.get(owner.id)?.bodyId
        : owner.kind === 'paper'
          ? world.oracle.papers.get(owner.id)?.bodyId
          : owner.kind === 'file'
            ? world.oracle.files.get(owner.id)?.bodyId
            : world.oracle.annotations.get(owner.id)?.bodyId;
  const annotation = owner.kind === 'annotation' ? world.oracle.annotations.get(owner.id) : undefined;
  const extra = annotation ? ` ${annotation.scope} on ${annotation.target.kind} ${annotation.target.id}` : '';
  return `${owner.kind} #${list.indexOf(owner.id)} ${owner.id} of body ${world.bodyIds.indexOf(bodyId ?? '')}${extra}`;
}

export function factsOf(world: World): Facts {
  const cache = new Map<WorldUser, Map<string, boolean>>();
  const decide = (user: WorldUser, token: string) => {
    let known = cache.get(user);
    if (!known) cache.set(user, (known = new Map<string, boolean>()));
    let answer = known.get(token);
    if (answer === undefined) {
      const info = world.tokens.get(token);
      // A token-shaped string we never made cannot be judged: count it as a leak so someone looks at it.
      answer = info ? mayRead(world.oracle, user.oracle, info.owner) : false;
      known.set(token, answer);
    }
    return answer;
  };
  const inconsistencies: string[] = [];
  let canaries = 0;
  for (const [token, info] of world.tokens) {
    const open = isPublic(world.oracle, info.owner);
    if (token.startsWith('CANARY')) canaries++;
    if (token.startsWith('CANARY') === open) {
      inconsistencies.push(
        `${token} (${info.field}) on ${describeOwner(world, info.owner)}: oracle says public=${open}`,
      );
    }
  }
  return {
    world,
    owner: (token) => world.tokens.get(token),
    mayRead: decide,
    readableBy: (user) => new Set([...world.tokens.keys()].filter((token) => decide(user, token))),
    canaries,
    publicMarkers: world.tokens.size - canaries,
    inconsistencies,
  };
}
