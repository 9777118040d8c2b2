import { Info, Ready, Status } from '../../wailsjs/go/app/Shell';
import { call } from './call';

/** What Go found when it opened the data folder and the database. */
export interface StartupStatus {
  ok: boolean;
  code: string;
  message: string;
  dataDir: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
}

export interface ShellApi {
  status(): Promise<StartupStatus>;
  info(): Promise<AppInfo>;
  /** ready tells Go the first screen is up (it logs the start-up time). */
  ready(): Promise<void>;
}

// Plain copies rather than the generated classes: the rest of the frontend
// depends on these interfaces, not on the generator's output.
export const shellApi: ShellApi = {
  status: () =>
    call(async () => {
      const s = await Status();
      return {
        ok: s.ok === true,
        code: s.code ?? '',
        message: s.message ?? '',
        dataDir: s.dataDir ?? '',
      };
    }),
  info: () =>
    call(async () => {
      const i = await Info();
      return { version: i.version ?? '', dataDir: i.dataDir ?? '' };
    }),
  ready: () => call(() => Ready()),
};
