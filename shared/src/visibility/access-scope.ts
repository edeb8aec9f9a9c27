/**
 * Invariant: non-public content of a body is readable only by that body's office staff, by current members
 * (deputies included) of an organization holding the meeting or consulting the paper, and, where the body allows
 * it, by its current council members. Public content is readable by everyone. Nothing else grants access: not
 * being a system admin, not membership in another body, not a membership that has ended or not yet begun.
 *
 * The decision is split in two pure steps so that the server can push it into SQL:
 *   1. `accessScopeFor(viewer, today)` says *who* the viewer is for visibility purposes (an AccessScope);
 *   2. `mayRead(scope, resource)` says whether that scope covers a resource.
 * Repositories translate the same AccessScope into WHERE clauses; tests check both agree.
 */

/** An ISO calendar date `yyyy-mm-dd`, compared as a string (lexical order equals date order). */
export type IsoDate = string;

export type OrganizationKindForAccess =
  'council' | 'committee' | 'faction' | 'advisory_board' | 'administration' | 'other';

export interface ViewerMembership {
  bodyId: string;
  organizationId: string;
  organizationKind: OrganizationKindForAccess;
  startDate: IsoDate;
  endDate: IsoDate | null;
  deputy: boolean;
}

/** Everything visibility needs to know about who is asking. `null` account = anonymous visitor. */
export interface Viewer {
  accountId: string | null;
  active: boolean;
  systemAdmin: boolean;
  officeStaffBodyIds: readonly string[];
  memberships: readonly ViewerMembership[];
}

/** Per-body settings that change who may read non-public content. */
export interface BodyAccessSettings {
  bodyId: string;
  /** Many municipal codes give every council member the right to read all non-public papers of the body. */
  councilMembersSeeNonPublic: boolean;
}

export interface AccessScope {
  /** True when the scope grants nothing beyond public content (anonymous, deactivated, or no rights). */
  publicOnly: boolean;
  /** Bodies whose entire non-public content is readable (office staff; council members where allowed). */
  fullBodyIds: readonly string[];
  /** Organizations whose non-public content is readable because the viewer is a current member. */
  memberOrganizationIds: readonly string[];
}

export const anonymousViewer: Viewer = {
  accountId: null,
  active: true,
  systemAdmin: false,
  officeStaffBodyIds: [],
  memberships: [],
};

export const publicScope: AccessScope = { publicOnly: true, fullBodyIds: [], memberOrganizationIds: [] };

export function isMembershipCurrent(membership: Pick<ViewerMembership, 'startDate' | 'endDate'>, today: IsoDate) {
  return membership.startDate <= today && (membership.endDate === null || membership.endDate >= today);
}

export function accessScopeFor(
  viewer: Viewer,
  today: IsoDate,
  bodySettings: readonly BodyAccessSettings[],
): AccessScope {
  if (viewer.accountId === null || !viewer.active) return publicScope;

  const fullBodyIds = new Set(viewer.officeStaffBodyIds);
  const memberOrganizationIds = new Set<string>();
  const councilAllowed = new Set(bodySettings.filter((s) => s.councilMembersSeeNonPublic).map((s) => s.bodyId));

  for (const membership of viewer.memberships) {
    if (!isMembershipCurrent(membership, today)) continue;
    memberOrganizationIds.add(membership.organizationId);
    if (membership.organizationKind === 'council' && councilAllowed.has(membership.bodyId)) {
      fullBodyIds.add(membership.bodyId);
    }
  }

  const scope: AccessScope = {
    publicOnly: fullBodyIds.size === 0 && memberOrganizationIds.size === 0,
    fullBodyIds: [...fullBodyIds].sort(),
    memberOrganizationIds: [...memberOrganizationIds].sort(),
  };
  return scope;
}
