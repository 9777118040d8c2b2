import { Export, Mine, Rules, SetWords, Share, Team, Unshare } from '../../wailsjs/go/app/Report';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

export interface Period {
  from: string;
  to: string;
}

export interface ReportSection {
  title: string;
  paragraphs: string[];
}

/** A contribution report as written: sentences, and the member's own words. */
export interface ReportText {
  name: string;
  period: Period;
  sections: ReportSection[];
  words: string;
}

/** The member's own report, or one a teammate shared. */
export interface SharedReport {
  id: number;
  uid: string;
  author: string;
  authorName: string;
  mine: boolean;
  shared: boolean;
  sharedAt?: string;
  report: ReportText;
}

export interface ReportRules {
  wordsMax: number;
  periodDays: number;
  /** The last full calendar quarter. */
  default: Period;
}

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

// Go sends JSON whose shape these interfaces spell out.
const as = <T>(v: unknown): T => v as T;

export const reportApi: ReportApi = {
  rules: () => call(async () => as<ReportRules>(await Rules())),
  mine: (p) => call(async () => as<SharedReport>(await Mine(p.from, p.to))),
  setWords: (p, words) => call(async () => as<SharedReport>(await SetWords(p.from, p.to, words))),
  share: (id) => call(async () => as<SharedReport>(await Share(id))),
  unshare: (id) => call(async () => as<SharedReport>(await Unshare(id))),
  team: () => call(async () => as<SharedReport[]>((await Team()) ?? [])),
  exportTo: (p, teammate, format, path) => call(() => Export(p.from, p.to, teammate, format, path)),
  onChanged: (fn) => subscribe('report:changed', () => fn()),
};
