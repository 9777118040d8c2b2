import { devicesApi, type DevicesApi } from '../api/devices';
import { logsApi, type LogsApi } from '../api/logs';
import { dataApi, type DataApi } from '../api/data';
import { draftsApi, type DraftsApi } from '../api/drafts';
import { createMediaApi, type MediaApi } from '../api/media';
import { teamApi, type TeamApi } from '../api/team';
import { inboxApi, type InboxApi } from '../api/inbox';
import { growthApi, type GrowthApi } from '../api/growth';
import { chime } from '../api/chime';
import { goalsApi, type GoalsApi } from '../api/goals';
import { answersApi, type AnswersApi } from '../api/answers';
import { practiceApi, type PracticeApi } from '../api/practice';
import { sessionApi, type SessionApi } from '../api/session';
import { insightsApi, type InsightsApi } from '../api/insights';
import { profilesApi, type ProfilesApi } from '../api/profiles';
import { recordingApi, type RecordingApi } from '../api/recording';
import { shellApi, type ShellApi } from '../api/shell';
import { remindersApi, type RemindersApi } from '../api/reminders';
import { AppInfoStore } from './appinfo.svelte';
import { DevicesStore } from './devices.svelte';
import { LogsStore } from './logs.svelte';
import { NavStore } from './nav.svelte';
import { LivePreview, type ObjectUrls } from './preview.svelte';
import { ProfileStore } from './profile.svelte';
import { RecordingStore } from './recording.svelte';
import { RecoveryStore } from './recovery.svelte';
import { DataStore } from './data.svelte';
import { StartupStore } from './startup.svelte';
import { TeamStore } from './team.svelte';
import { InboxStore } from './inbox.svelte';
import { GrowthStore, type GrowthOptions } from './growth.svelte';
import { GoalsStore } from './goals.svelte';
import { AnswersStore } from './answers.svelte';
import { RemindersStore } from './reminders.svelte';
import { PracticeStore } from './practice.svelte';

export interface Apis {
  shell: ShellApi;
  profiles: ProfilesApi;
  devices: DevicesApi;
  recording: RecordingApi;
  logs: LogsApi;
  drafts: DraftsApi;
  data: DataApi;
  team: TeamApi;
  inbox: InboxApi;
  growth: GrowthApi;
  /** The Growth area's clock and chime; tests pass a fake clock. */
  growthOptions?: GrowthOptions;
  goals: GoalsApi;
  answers: AnswersApi;
  reminders: RemindersApi;
  /** The team's own practice; tests that do not show it leave it out. */
  practice?: PracticeApi;
  session: SessionApi;
  /** Insights; tests that do not show them leave it out. */
  insights?: InsightsApi;
  /** Recordings; by default from where Go's start-up status says. */
  media?: MediaApi;
  /** Object URLs for the live preview; jsdom has none, so tests pass fakes. */
  objectUrls?: ObjectUrls;
  /** Starts the page again (after a restore); jsdom cannot, so tests pass a fake. */
  reload?: () => void;
}

export interface Stores {
  startup: StartupStore;
  profile: ProfileStore;
  nav: NavStore;
  appInfo: AppInfoStore;
  devices: DevicesStore;
  recording: RecordingStore;
  preview: LivePreview;
  logs: LogsStore;
  recovery: RecoveryStore;
  media: MediaApi;
  drafts: DraftsApi;
  data: DataStore;
  team: TeamStore;
  inbox: InboxStore;
  growth: GrowthStore;
  goals: GoalsStore;
  answers: AnswersStore;
  reminders: RemindersStore;
  practice: PracticeStore;
  /** The weekly team session; its area keeps its own state. */
  session: SessionApi;
  /** The member's own and the team's insights; the area keeps its own state. */
  insights: InsightsApi;
  /** For the page log and quitting. */
  shell: ShellApi;
}

const realApis: Apis = {
  shell: shellApi,
  profiles: profilesApi,
  devices: devicesApi,
  recording: recordingApi,
  logs: logsApi,
  drafts: draftsApi,
  data: dataApi,
  team: teamApi,
  inbox: inboxApi,
  growth: growthApi,
  goals: goalsApi,
  answers: answersApi,
  reminders: remindersApi,
  session: sessionApi,
};

/**
 * createStores builds every store over the given APIs (the real bindings
 * for any not given). App calls it with none; tests pass fakes. No store is
 * a module singleton, so each test starts from a clean state.
 */
export function createStores(over: Partial<Apis> = {}): Stores {
  const apis: Apis = { ...realApis, ...over };
  const startup = new StartupStore(apis.shell);
  const media = apis.media ?? createMediaApi(() => startup.mediaBase);
  const logs = new LogsStore(apis.logs);
  const recovery = new RecoveryStore(apis.logs);
  // A decision in the banner changes the list; a log deleted from the list
  // is no longer waiting for a decision.
  recovery.onchanged = () => logs.refresh();
  recovery.onkept = (log) => logs.updated(log);
  logs.ondeleted = (id) => recovery.forget(id);
  return {
    startup,
    profile: new ProfileStore(apis.profiles),
    nav: new NavStore(),
    appInfo: new AppInfoStore(apis.shell),
    devices: new DevicesStore(apis.devices),
    recording: new RecordingStore(apis.recording, apis.logs),
    preview: new LivePreview((signal) => media.previewFrame(signal), apis.objectUrls),
    logs,
    recovery,
    media,
    drafts: apis.drafts,
    data: new DataStore(apis.data, apis.reload),
    team: new TeamStore(apis.team),
    inbox: new InboxStore(apis.inbox),
    growth: new GrowthStore(apis.growth, apis.drafts, { chime, ...apis.growthOptions }),
    goals: new GoalsStore(apis.goals),
    answers: new AnswersStore(apis.answers),
    reminders: new RemindersStore(apis.reminders),
    practice: new PracticeStore(apis.practice ?? practiceApi),
    session: apis.session,
    insights: apis.insights ?? insightsApi,
    shell: apis.shell,
  };
}
