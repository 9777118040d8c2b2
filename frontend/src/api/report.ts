import { Export, Mine, Rules, SetWords, Share, Team, Unshare } from '../../wailsjs/go/app/Report';
// Types only: the generated classes' module is large, and the first screen
// would parse it for nothing.
import type { app, peerplaypay, report } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';
import { subscribe, type Unsubscribe } from './events';

export type Period = Plain<report.Period>;
export type ReportSection = Plain<report.Section>;
/** A contribution report as written: sentences, and the member's own words. */
export type ReportText = Plain<report.Report>;
/** The member's own report, or one a teammate shared. */
export type SharedReport = Plain<peerplaypay.SharedReport>;
/** The last full calendar quarter is the default period. */
export type ReportRules = Plain<app.ReportRules>;

export interface ReportApi {
  rules(): Promise<ReportRules>;
  mine(p: Period): Promise<SharedReport>;
  setWords(p: Period, words: string): Promise<SharedReport>;
  share(id: number): Promise<SharedReport>;
  unshare(id: number): Promise<SharedReport>;
  team(): Promise<SharedReport[]>;
  /** Writes the member's report of p, or with teammate > 0 that teammate's report. */
  exportTo(p: Period, teammate: number, format: 'md' | 'pdf', path: string): Promise<void>;
  /** Calls back when reports change here, by the CLI or by a sync. */
  onChanged(fn: () => void): Unsubscribe;
}

// The bindings' classes are these types with methods, so Go's answers pass
// as they are, checked against the generated models.
export const reportApi: ReportApi = {
  rules: () => call(() => Rules()),
  mine: (p) => call(() => Mine(p.from, p.to)),
  setWords: (p, words) => call(() => SetWords(p.from, p.to, words)),
  share: (id) => call(() => Share(id)),
  unshare: (id) => call(() => Unshare(id)),
  team: () => call(async () => (await Team()) ?? []),
  exportTo: (p, teammate, format, path) => call(() => Export(p.from, p.to, teammate, format, path)),
  onChanged: (fn) => subscribe('report:changed', () => fn()),
};
