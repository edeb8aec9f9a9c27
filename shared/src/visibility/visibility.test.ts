import { describe, expect, it } from 'vitest';
import {
  accessScopeFor,
  anonymousViewer,
  isAgendaItemPublic,
  isFilePublic,
  mayRead,
  type BodyAccessSettings,
  type ProtectedResource,
  type Viewer,
  type ViewerMembership,
} from './index.js';

const today = '2026-11-21';
const lindenau = 'body-lindenau';
const auenbach = 'body-auenbach';
const bauausschuss = 'org-lindenau-bau';
const finanzausschuss = 'org-lindenau-finanz';
const rat = 'org-lindenau-rat';
const fraktion = 'org-lindenau-fraktion';
const auenbachBau = 'org-auenbach-bau';

function membership(organizationId: string, overrides: Partial<ViewerMembership> = {}): ViewerMembership {
  const kind = organizationId === rat ? 'council' : organizationId === fraktion ? 'faction' : 'committee';
  return {
    bodyId: organizationId.startsWith('org-auenbach') ? auenbach : lindenau,
    organizationId,
    organizationKind: kind,
    startDate: '2024-06-01',
    endDate: null,
    deputy: false,
    ...overrides,
  };
}

function councillor(...memberships: ViewerMembership[]): Viewer {
  return { accountId: 'acc', active: true, systemAdmin: false, officeStaffBodyIds: [], memberships };
}

const viewers = {
  anonymous: anonymousViewer,
  bauMember: councillor(membership(bauausschuss), membership(rat)),
  bauDeputy: councillor(membership(bauausschuss, { deputy: true })),
  finanzMember: councillor(membership(finanzausschuss), membership(rat)),
  councilOnly: councillor(membership(rat)),
  factionOnly: councillor(membership(fraktion)),
  endedBauMember: councillor(membership(bauausschuss, { endDate: '2026-10-31' })),
  futureBauMember: councillor(membership(bauausschuss, { startDate: '2027-01-01' })),
  lindenauStaff: { ...anonymousViewer, accountId: 'staff', officeStaffBodyIds: [lindenau] } satisfies Viewer,
  auenbachStaff: { ...anonymousViewer, accountId: 'staff2', officeStaffBodyIds: [auenbach] } satisfies Viewer,
  auenbachBauMember: councillor(membership(auenbachBau)),
  systemAdmin: { ...anonymousViewer, accountId: 'admin', systemAdmin: true } satisfies Viewer,
  deactivatedStaff: {
    ...anonymousViewer,
    accountId: 'gone',
    active: false,
    officeStaffBodyIds: [lindenau],
  } satisfies Viewer,
};

const resources = {
  publicItem: { bodyId: lindenau, public: true, organizationIds: [bauausschuss] },
  nonPublicBauItem: { bodyId: lindenau, public: false, organizationIds: [bauausschuss] },
  nonPublicJointItem: { bodyId: lindenau, public: false, organizationIds: [finanzausschuss, bauausschuss] },
  nonPublicAuenbachItem: { bodyId: auenbach, public: false, organizationIds: [auenbachBau] },
  // A resource of Lindenau wrongly labelled with an Auenbach organization must still not open to Auenbach members.
  nonPublicMislabelled: { bodyId: lindenau, public: false, organizationIds: [] },
} satisfies Record<string, ProtectedResource>;

type ViewerName = keyof typeof viewers;
type ResourceName = keyof typeof resources;

const councilSettingOff: BodyAccessSettings[] = [
  { bodyId: lindenau, councilMembersSeeNonPublic: false },
  { bodyId: auenbach, councilMembersSeeNonPublic: false },
];
const councilSettingOn: BodyAccessSettings[] = [
  { bodyId: lindenau, councilMembersSeeNonPublic: true },
  { bodyId: auenbach, councilMembersSeeNonPublic: false },
];

const cases: [ViewerName, ResourceName, BodyAccessSettings[], boolean][] = [
  ['anonymous', 'publicItem', councilSettingOff, true],
  ['anonymous', 'nonPublicBauItem', councilSettingOff, false],
  ['anonymous', 'nonPublicBauItem', councilSettingOn, false],
  ['bauMember', 'publicItem', councilSettingOff, true],
  ['bauMember', 'nonPublicBauItem', councilSettingOff, true],
  ['bauMember', 'nonPublicJointItem', councilSettingOff, true],
  ['bauDeputy', 'nonPublicBauItem', councilSettingOff, true],
  ['finanzMember', 'nonPublicBauItem', councilSettingOff, false],
  ['finanzMember', 'nonPublicJointItem', councilSettingOff, true],
  ['finanzMember', 'nonPublicBauItem', councilSettingOn, true],
  ['councilOnly', 'nonPublicBauItem', councilSettingOff, false],
  ['councilOnly', 'nonPublicBauItem', councilSettingOn, true],
  ['councilOnly', 'nonPublicAuenbachItem', councilSettingOn, false],
  ['factionOnly', 'nonPublicBauItem', councilSettingOn, false],
  ['endedBauMember', 'nonPublicBauItem', councilSettingOff, false],
  ['endedBauMember', 'publicItem', councilSettingOff, true],
  ['futureBauMember', 'nonPublicBauItem', councilSettingOff, false],
  ['lindenauStaff', 'nonPublicBauItem', councilSettingOff, true],
  ['lindenauStaff', 'nonPublicAuenbachItem', councilSettingOff, false],
  ['auenbachStaff', 'nonPublicBauItem', councilSettingOff, false],
  ['auenbachStaff', 'nonPublicAuenbachItem', councilSettingOff, true],
  ['auenbachBauMember', 'nonPublicBauItem', councilSettingOn, false],
  ['auenbachBauMember', 'nonPublicAuenbachItem', councilSettingOff, true],
  ['auenbachBauMember', 'nonPublicMislabelled', councilSettingOff, false],
  ['systemAdmin', 'publicItem', councilSettingOff, true],
  ['systemAdmin', 'nonPublicBauItem', councilSettingOn, false],
  ['systemAdmin', 'nonPublicAuenbachItem', councilSettingOff, false],
  ['deactivatedStaff', 'nonPublicBauItem', councilSettingOff, false],
  ['deactivatedStaff', 'publicItem', councilSettingOff, true],
];

describe('mayRead over accessScopeFor', () => {
  it.each(cases)('%s reading %s (council setting as given) → %s', (viewerName, resourceName, settings, expected) => {
    const scope = accessScopeFor(viewers[viewerName], today, settings);
    expect(mayRead(scope, resources[resourceName])).toBe(expected);
  });

  it('counts a membership as current on its first and its last day', () => {
    const first = councillor(membership(bauausschuss, { startDate: today }));
    const last = councillor(membership(bauausschuss, { endDate: today }));
    for (const viewer of [first, last]) {
      expect(mayRead(accessScopeFor(viewer, today, councilSettingOff), resources.nonPublicBauItem)).toBe(true);
    }
  });

  it('gives a system admin staff rights only through an explicit office-staff grant', () => {
    const adminAndStaff: Viewer = { ...viewers.systemAdmin, officeStaffBodyIds: [lindenau] };
    expect(mayRead(accessScopeFor(adminAndStaff, today, councilSettingOff), resources.nonPublicBauItem)).toBe(true);
    expect(mayRead(accessScopeFor(adminAndStaff, today, councilSettingOff), resources.nonPublicAuenbachItem)).toBe(
      false,
    );
  });

  it('marks the scope of anonymous, deactivated and right-less accounts as public-only', () => {
    expect(accessScopeFor(viewers.anonymous, today, councilSettingOn).publicOnly).toBe(true);
    expect(accessScopeFor(viewers.deactivatedStaff, today, councilSettingOn).publicOnly).toBe(true);
    expect(accessScopeFor(viewers.systemAdmin, today, councilSettingOn).publicOnly).toBe(true);
    expect(accessScopeFor(viewers.endedBauMember, today, councilSettingOn).publicOnly).toBe(true);
    expect(accessScopeFor(viewers.bauMember, today, councilSettingOff).publicOnly).toBe(false);
  });
});

describe('effective publicity', () => {
  it('never makes a file public when its agenda item is non-public', () => {
    const itemPublic = isAgendaItemPublic({ public: false });
    expect(isFilePublic({ public: true, ownerPublic: itemPublic })).toBe(false);
  });

  it('makes a sub-item of a non-public item non-public', () => {
    expect(isAgendaItemPublic({ public: true, parentPublic: false })).toBe(false);
    expect(isAgendaItemPublic({ public: true, parentPublic: true })).toBe(true);
    expect(isAgendaItemPublic({ public: true })).toBe(true);
  });

  it('keeps an unconfirmed file non-public even on a public item', () => {
    expect(isFilePublic({ public: false, ownerPublic: true })).toBe(false);
    expect(isFilePublic({ public: true, ownerPublic: true })).toBe(true);
  });
});
