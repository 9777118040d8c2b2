import { Get, Save } from '../../wailsjs/go/app/Profiles';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';

/** The member using this laptop; times are RFC 3339. */
export type Profile = Plain<peerplaypay.Profile>;
/** What the member types. */
export type ProfileInput = Plain<peerplaypay.ProfileInput>;

export interface ProfilesApi {
  /** The profile, or null before onboarding. */
  get(): Promise<Profile | null>;
  save(input: ProfileInput): Promise<Profile>;
}

export function toProfile(p: peerplaypay.Profile): Profile {
  return {
    memberId: p.memberId ?? '',
    name: p.name ?? '',
    role: p.role ?? '',
    teamName: p.teamName ?? '',
    createdAt: p.createdAt == null ? '' : String(p.createdAt),
    updatedAt: p.updatedAt == null ? '' : String(p.updatedAt),
  };
}

export const profilesApi: ProfilesApi = {
  get: () =>
    call(async () => {
      // Go returns a nil *Profile before onboarding; the generated type does
      // not say so, hence the widening.
      const p: peerplaypay.Profile | null | undefined = await Get();
      return p ? toProfile(p) : null;
    }),
  save: (input) =>
    call(async () => {
      const p = await Save({
        name: input.name,
        role: input.role,
        teamName: input.teamName,
      } as peerplaypay.ProfileInput);
      return toProfile(p);
    }),
};
