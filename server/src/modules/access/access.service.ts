import {
  accessScopeFor,
  anonymousViewer,
  berlinDate,
  publicScope,
  type AccessScope,
  type Viewer,
} from '@ratsmappe/shared';
import type { Clock } from '../../clock.js';
import { forbidden, unauthenticated } from '../../errors.js';
import type { ViewerRepository } from './viewer.repository.js';

export interface Principal {
  viewer: Viewer;
  scope: AccessScope;
}

export const anonymousPrincipal: Principal = { viewer: anonymousViewer, scope: publicScope };

/** Turns an account into a Principal (viewer + access scope) and answers role questions for write paths. */
export class AccessService {
  constructor(
    private readonly viewers: ViewerRepository,
    private readonly clock: Clock,
  ) {}

  async principalFor(accountId: string): Promise<Principal> {
    const viewer = await this.viewers.loadViewer(accountId);
    if (!viewer?.active) return anonymousPrincipal;
    const bodyIds = [...new Set(viewer.memberships.map((m) => m.bodyId))];
    const settings = await this.viewers.bodySettings(bodyIds);
    return { viewer, scope: accessScopeFor(viewer, berlinDate(this.clock.now()), settings) };
  }

  /** Write paths of a body's master data and meetings: office staff of that body only. */
  requireOfficeStaff(principal: Principal, bodyId: string): void {
    if (principal.viewer.accountId === null) throw unauthenticated();
    if (!principal.viewer.officeStaffBodyIds.includes(bodyId)) throw forbidden();
  }

  requireSystemAdmin(principal: Principal): void {
    if (principal.viewer.accountId === null) throw unauthenticated();
    if (!principal.viewer.systemAdmin) throw forbidden();
  }
}
