import { profilesApi, type ProfilesApi } from '../api/profiles';
import { shellApi, type ShellApi } from '../api/shell';
import { AppInfoStore } from './appinfo.svelte';
import { NavStore } from './nav.svelte';
import { ProfileStore } from './profile.svelte';
import { StartupStore } from './startup.svelte';

export interface Apis {
  shell: ShellApi;
  profiles: ProfilesApi;
}

export interface Stores {
  startup: StartupStore;
  profile: ProfileStore;
  nav: NavStore;
  appInfo: AppInfoStore;
}

/**
 * createStores builds every store over the given APIs. App calls it with
 * the real bindings; tests pass fakes. No store is a module singleton, so
 * each test starts from a clean state.
 */
export function createStores(apis: Apis = { shell: shellApi, profiles: profilesApi }): Stores {
  return {
    startup: new StartupStore(apis.shell),
    profile: new ProfileStore(apis.profiles),
    nav: new NavStore(),
    appInfo: new AppInfoStore(apis.shell),
  };
}
