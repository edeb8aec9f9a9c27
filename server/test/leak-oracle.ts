/**
 * The leak probe's oracle: who may read what, written from the rules as the issues and the security research state
 * them, on purpose without `@ratsmappe/shared`'s visibility module or the server's SQL form of it. If both sides made
 * the same mistake the probe would not see it; two independent readings of the rules make that unlikely.
 *
 * The rules:
 *   - Meetings (name, date, holding organizations) and master data are public.
 *   - An agenda item is public when it and its parent are marked public. A non-public item is readable by the
 *     office staff of its body and by members of an organization holding its meeting whose membership runs today
 *     (start <= today <= end). Where a body lets its council read everything, current council members too.
 *   - A paper is public by its own flag; otherwise readable as above through the organizations consulting it (a
 *     consultation step, or an agenda item of a meeting they hold that lists the paper).
 *   - A file inherits: public only if marked public, confirmed by the office (a late addition waits), and its owner
 *     (meeting, agenda item, paper) is public; otherwise readable by whoever may read its owner's non-public part.
 *   - Annotations: private ones by their author only, faction ones by fellow current members of that faction,
 *     committee ones by current members of that committee, and always only while the reader may read what the
 *     annotation is on. Office staff, the public and system admins never read an annotation as such.
 *   - A deactivated account reads what the public reads. Nothing of one body opens through another body.
 */

export interface OracleMembership {
  organizationId: string;
  bodyId: string;
  start: string;
  end: string | null;
}

export interface OracleUser {
  accountId: string | null;
  active: boolean;
  officeStaffOf: readonly string[];
  memberships: readonly OracleMembership[];
}

export interface OracleWorld {
  /** Berlin calendar date of every request. */
  today: string;
  bodies: Map<string, { councilMembersSeeNonPublic: boolean }>;
  organizations: Map<string, { bodyId: string; kind: string }>;
  meetings: Map<string, { bodyId: string; organizationIds: readonly string[] }>;
  items: Map<string, { bodyId: string; meetingId: string; parentId: string | null; public: boolean }>;
  papers: Map<
    string,
    { bodyId: string; public: boolean; consultingOrganizationIds: readonly string[]; agendaItemIds: readonly string[] }
  >;
  files: Map<
    string,
    {
      bodyId: string;
      owner: { kind: 'meeting' | 'item' | 'paper'; id: string };
      public: boolean;
      /** False while a file added after the invitation waits for the office's decision. */
      confirmed: boolean;
    }
  >;
  annotations: Map<
    string,
    {
      bodyId: string;
      authorAccountId: string;
      target: { kind: 'file' | 'item'; id: string };
      scope: 'private' | 'faction' | 'committee';
      scopeOrganizationId: string | null;
    }
  >;
}

export type OwnerKind = 'meeting' | 'item' | 'paper' | 'file' | 'annotation';
export interface Owner {
  kind: OwnerKind;
  id: string;
}

function signedIn(user: OracleUser): boolean {
  return user.accountId !== null && user.active;
}

/** Organizations of `bodyId` the user belongs to today. */
function currentOrganizations(world: OracleWorld, user: OracleUser, bodyId: string): Set<string> {
  const found = new Set<string>();
  if (!signedIn(user)) return found;
  for (const m of user.memberships) {
    const organization = world.organizations.get(m.organizationId);
    if (!organization || organization.bodyId !== bodyId || m.bodyId !== bodyId) continue;
    if (m.start <= world.today && (m.end === null || world.today <= m.end)) found.add(m.organizationId);
  }
  return found;
}

/** May the user read the non-public part of something of `bodyId` that belongs to `organizationIds`? */
function entitled(world: OracleWorld, user: OracleUser, bodyId: string, organizationIds: Iterable<string>): boolean {
  if (!signedIn(user)) return false;
  if (user.officeStaffOf.includes(bodyId)) return true;
  const mine = currentOrganizations(world, user, bodyId);
  if (world.bodies.get(bodyId)?.councilMembersSeeNonPublic) {
    for (const id of mine) if (world.organizations.get(id)?.kind === 'council') return true;
  }
  for (const id of organizationIds) if (mine.has(id)) return true;
  return false;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`oracle: unknown ${what}`);
  return value;
}

export function itemIsPublic(world: OracleWorld, itemId: string): boolean {
  const item = must(world.items.get(itemId), `item ${itemId}`);
  if (!item.public) return false;
  return item.parentId === null || must(world.items.get(item.parentId), 'parent item').public;
}

function paperOrganizations(world: OracleWorld, paperId: string): string[] {
  const paper = must(world.papers.get(paperId), `paper ${paperId}`);
  const ids = new Set(paper.consultingOrganizationIds);
  for (const itemId of paper.agendaItemIds) {
    const item = must(world.items.get(itemId), 'linked item');
    for (const id of must(world.meetings.get(item.meetingId), 'meeting').organizationIds) ids.add(id);
  }
  return [...ids];
}

function fileOwnerPublicAndOrganizations(world: OracleWorld, fileId: string): [boolean, string[]] {
  const file = must(world.files.get(fileId), `file ${fileId}`);
  switch (file.owner.kind) {
    case 'meeting':
      return [true, [...must(world.meetings.get(file.owner.id), 'meeting').organizationIds]];
    case 'item': {
      const item = must(world.items.get(file.owner.id), 'item');
      return [
        itemIsPublic(world, file.owner.id),
        [...must(world.meetings.get(item.meetingId), 'meeting').organizationIds],
      ];
    }
    case 'paper':
      return [must(world.papers.get(file.owner.id), 'paper').public, paperOrganizations(world, file.owner.id)];
  }
}

export function fileIsPublic(world: OracleWorld, fileId: string): boolean {
  const file = must(world.files.get(fileId), `file ${fileId}`);
  return file.public && file.confirmed && fileOwnerPublicAndOrganizations(world, fileId)[0];
}

/** Is `owner` public, i.e. readable by an anonymous visitor? */
export function isPublic(world: OracleWorld, owner: Owner): boolean {
  return mayRead(world, { accountId: null, active: false, officeStaffOf: [], memberships: [] }, owner);
}

export function mayRead(world: OracleWorld, user: OracleUser, owner: Owner): boolean {
  switch (owner.kind) {
    case 'meeting':
      return true;
    case 'item': {
      if (itemIsPublic(world, owner.id)) return true;
      const item = must(world.items.get(owner.id), 'item');
      return entitled(world, user, item.bodyId, must(world.meetings.get(item.meetingId), 'meeting').organizationIds);
    }
    case 'paper': {
      const paper = must(world.papers.get(owner.id), `paper ${owner.id}`);
      return paper.public || entitled(world, user, paper.bodyId, paperOrganizations(world, owner.id));
    }
    case 'file': {
      if (fileIsPublic(world, owner.id)) return true;
      const file = must(world.files.get(owner.id), 'file');
      return entitled(world, user, file.bodyId, fileOwnerPublicAndOrganizations(world, owner.id)[1]);
    }
    case 'annotation': {
      const annotation = must(world.annotations.get(owner.id), `annotation ${owner.id}`);
      if (!signedIn(user)) return false;
      if (!mayRead(world, user, annotation.target)) return false;
      if (annotation.authorAccountId === user.accountId) return true;
      if (annotation.scope === 'private' || annotation.scopeOrganizationId === null) return false;
      return currentOrganizations(world, user, annotation.bodyId).has(annotation.scopeOrganizationId);
    }
  }
}
