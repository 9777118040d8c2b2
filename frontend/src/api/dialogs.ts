import { Choose } from '../../wailsjs/go/app/Dialogs';
import { call } from './call';

/** What a path is for; each opens the system's dialog it needs (file or folder). */
export type PathPurpose =
  'recoveryKey' | 'backup' | 'restore' | 'restoreInto' | 'export' | 'shareFolder' | 'sessionMd' | 'sessionPdf' | 'reportMd' | 'reportPdf';

export interface DialogsApi {
  /** choose shows the system's dialog, opened where `current` points; '' when cancelled. */
  choose(purpose: PathPurpose, current: string): Promise<string>;
}

export const dialogsApi: DialogsApi = {
  choose: (purpose, current) => call(async () => (await Choose(purpose, current)) ?? ''),
};
