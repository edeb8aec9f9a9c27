/**
 * Invariant: a resource is readable iff it is public, or the scope covers its body in full, or the scope holds a
 * current membership in one of the organizations the resource belongs to (holding a meeting, consulting a paper).
 * Organizations of another body never grant access, even if an id is passed by mistake: the body must match.
 */
import type { AccessScope } from './access-scope.js';

export interface ProtectedResource {
  bodyId: string;
  /** Effective publicity: already the conjunction of the resource's own flag and its container's. */
  public: boolean;
  /** Organizations through which members may read it; they must belong to `bodyId`. */
  organizationIds: readonly string[];
}

export function mayRead(scope: AccessScope, resource: ProtectedResource): boolean {
  if (resource.public) return true;
  if (scope.publicOnly) return false;
  if (scope.fullBodyIds.includes(resource.bodyId)) return true;
  return resource.organizationIds.some((id) => scope.memberOrganizationIds.includes(id));
}

/** True when the scope can read any non-public content of the body at all (used to pick query shapes). */
export function mayReadNonPublicOfBody(scope: AccessScope, bodyId: string): boolean {
  return !scope.publicOnly && scope.fullBodyIds.includes(bodyId);
}
