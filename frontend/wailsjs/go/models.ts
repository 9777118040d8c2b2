export namespace app {
	
	export class AnswerRules {
	    reactions: Array<'thumbsup' | 'clap' | 'heart' | 'laugh' | 'bulb' | 'eyes'>;
	    thanksPerDay: number;
	    thanksEditMinutes: number;
	    thanksReasonMax: number;
	    commentMax: number;
	    offerMax: number;
	    helpWantedDays: number;
	    thanksDayIsUtc: boolean;
	    thanksRule: string;
	
	    static createFrom(source: any = {}) {
	        return new AnswerRules(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reactions = source["reactions"];
	        this.thanksPerDay = source["thanksPerDay"];
	        this.thanksEditMinutes = source["thanksEditMinutes"];
	        this.thanksReasonMax = source["thanksReasonMax"];
	        this.commentMax = source["commentMax"];
	        this.offerMax = source["offerMax"];
	        this.helpWantedDays = source["helpWantedDays"];
	        this.thanksDayIsUtc = source["thanksDayIsUtc"];
	        this.thanksRule = source["thanksRule"];
	    }
	}
	export class AppInfo {
	    version: string;
	    commit: string;
	    dataDir: string;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.dataDir = source["dataDir"];
	    }
	}
	export class BackupFile {
	    path: string;
	    encrypted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BackupFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.encrypted = source["encrypted"];
	    }
	}
	export class CloseNotice {
	    logId: number;
	    kind: string;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new CloseNotice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.logId = source["logId"];
	        this.kind = source["kind"];
	        this.durationMs = source["durationMs"];
	    }
	}
	export class DataDefaults {
	    backupFile: string;
	    exportFolder: string;
	
	    static createFrom(source: any = {}) {
	        return new DataDefaults(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.backupFile = source["backupFile"];
	        this.exportFolder = source["exportFolder"];
	    }
	}
	export class DeviceView {
	    kind: 'video' | 'audio';
	    id: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new DeviceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.label = source["label"];
	    }
	}
	export class DeviceList {
	    devices: DeviceView[];
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new DeviceList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.devices = this.convertValues(source["devices"], DeviceView);
	        this.message = source["message"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DraftView {
	    key: string;
	    value: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DraftView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.value = source["value"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ExperimentInput {
	    day: string;
	    item: number;
	    hypothesis: string;
	    owner: string;
	    measure: string;
	    endDay: string;
	
	    static createFrom(source: any = {}) {
	        return new ExperimentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.item = source["item"];
	        this.hypothesis = source["hypothesis"];
	        this.owner = source["owner"];
	        this.measure = source["measure"];
	        this.endDay = source["endDay"];
	    }
	}
	export class InboxPage {
	    logs: peerplaypay.PeerLog[];
	    total: number;
	    counts: peerplaypay.PeerLogCounts;
	    peers: teamsync.Peer[];
	    inTeam: boolean;
	
	    static createFrom(source: any = {}) {
	        return new InboxPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.logs = this.convertValues(source["logs"], peerplaypay.PeerLog);
	        this.total = source["total"];
	        this.counts = this.convertValues(source["counts"], peerplaypay.PeerLogCounts);
	        this.peers = this.convertValues(source["peers"], teamsync.Peer);
	        this.inTeam = source["inTeam"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InsightsPeriod {
	    kind: 'week' | 'month' | 'quarter' | 'custom';
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new InsightsPeriod(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class LogPage {
	    logs: peerplaypay.LogEntry[];
	    total: number;
	    totalAtLeast: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LogPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.logs = this.convertValues(source["logs"], peerplaypay.LogEntry);
	        this.total = source["total"];
	        this.totalAtLeast = source["totalAtLeast"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotifySettings {
	    activity: boolean;
	    quietHours: boolean;
	    quietFrom: string;
	    quietTo: string;
	
	    static createFrom(source: any = {}) {
	        return new NotifySettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.activity = source["activity"];
	        this.quietHours = source["quietHours"];
	        this.quietFrom = source["quietFrom"];
	        this.quietTo = source["quietTo"];
	    }
	}
	export class PageTimes {
	    origin: number;
	    html: number;
	    bundle: number;
	    script: number;
	    evaluated: number;
	    status: number;
	    rendered: number;
	
	    static createFrom(source: any = {}) {
	        return new PageTimes(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.origin = source["origin"];
	        this.html = source["html"];
	        this.bundle = source["bundle"];
	        this.script = source["script"];
	        this.evaluated = source["evaluated"];
	        this.status = source["status"];
	        this.rendered = source["rendered"];
	    }
	}
	export class PlayerPrefs {
	    speed: number;
	    skipSilence: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PlayerPrefs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.speed = source["speed"];
	        this.skipSilence = source["skipSilence"];
	    }
	}
	export class PracticeChange {
	    authorName: string;
	    mine: boolean;
	    at: string;
	    key: string;
	    value: string;
	    current: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PracticeChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.authorName = source["authorName"];
	        this.mine = source["mine"];
	        this.at = source["at"];
	        this.key = source["key"];
	        this.value = source["value"];
	        this.current = source["current"];
	    }
	}
	export class PracticeView {
	    questions: peerplaypay.Question[];
	    mood: boolean;
	    energy: boolean;
	    sessionParts: peerplaypay.SessionPart[];
	    sessionWeekday: string;
	    sessionTime: string;
	    standupReminder: boolean;
	    standupReminderAt: string;
	    reflectReminder: boolean;
	    reflectReminderAt: string;
	    cause: string;
	    agreements: string[];
	    retentionMonths: number;
	    unknownKeys: string[];
	    history: PracticeChange[];
	    canChange: boolean;
	    why: string;
	
	    static createFrom(source: any = {}) {
	        return new PracticeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.questions = this.convertValues(source["questions"], peerplaypay.Question);
	        this.mood = source["mood"];
	        this.energy = source["energy"];
	        this.sessionParts = this.convertValues(source["sessionParts"], peerplaypay.SessionPart);
	        this.sessionWeekday = source["sessionWeekday"];
	        this.sessionTime = source["sessionTime"];
	        this.standupReminder = source["standupReminder"];
	        this.standupReminderAt = source["standupReminderAt"];
	        this.reflectReminder = source["reflectReminder"];
	        this.reflectReminderAt = source["reflectReminderAt"];
	        this.cause = source["cause"];
	        this.agreements = source["agreements"];
	        this.retentionMonths = source["retentionMonths"];
	        this.unknownKeys = source["unknownKeys"];
	        this.history = this.convertValues(source["history"], PracticeChange);
	        this.canChange = source["canChange"];
	        this.why = source["why"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecordingSettings {
	    videoDeviceId: string;
	    audioDeviceId: string;
	    maxSeconds: number;
	    quality: 'standard' | 'compact' | 'small' | 'audio';
	    presets: peerplaypay.QualityPreset[];
	
	    static createFrom(source: any = {}) {
	        return new RecordingSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.videoDeviceId = source["videoDeviceId"];
	        this.audioDeviceId = source["audioDeviceId"];
	        this.maxSeconds = source["maxSeconds"];
	        this.quality = source["quality"];
	        this.presets = this.convertValues(source["presets"], peerplaypay.QualityPreset);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecordingState {
	    recording: boolean;
	    logId: number;
	    kind: 'video' | 'audio';
	    elapsedMs: number;
	    maxMs: number;
	    bytes: number;
	    level: number;
	    paused: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RecordingState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recording = source["recording"];
	        this.logId = source["logId"];
	        this.kind = source["kind"];
	        this.elapsedMs = source["elapsedMs"];
	        this.maxMs = source["maxMs"];
	        this.bytes = source["bytes"];
	        this.level = source["level"];
	        this.paused = source["paused"];
	    }
	}
	export class RecoveryView {
	    logs: peerplaypay.LogEntry[];
	    problems: string[];
	
	    static createFrom(source: any = {}) {
	        return new RecoveryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.logs = this.convertValues(source["logs"], peerplaypay.LogEntry);
	        this.problems = source["problems"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReminderView {
	    reminders: peerplaypay.Reminder[];
	    quietHours: boolean;
	    quietFrom: string;
	    quietTo: string;
	    daysOff: string[];
	    next: Record<string, string>;
	    autostart: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ReminderView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reminders = this.convertValues(source["reminders"], peerplaypay.Reminder);
	        this.quietHours = source["quietHours"];
	        this.quietFrom = source["quietFrom"];
	        this.quietTo = source["quietTo"];
	        this.daysOff = source["daysOff"];
	        this.next = source["next"];
	        this.autostart = source["autostart"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReportRules {
	    wordsMax: number;
	    periodDays: number;
	    default: report.Period;
	
	    static createFrom(source: any = {}) {
	        return new ReportRules(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.wordsMax = source["wordsMax"];
	        this.periodDays = source["periodDays"];
	        this.default = this.convertValues(source["default"], report.Period);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RestoreNotice {
	    from: string;
	    createdAt: string;
	    files: number;
	    bytes: number;
	    aside: string;
	
	    static createFrom(source: any = {}) {
	        return new RestoreNotice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.createdAt = source["createdAt"];
	        this.files = source["files"];
	        this.bytes = source["bytes"];
	        this.aside = source["aside"];
	    }
	}
	export class RestorePlan {
	    path: string;
	    createdAt: string;
	    appVersion: string;
	    files: number;
	    bytes: number;
	    encrypted: boolean;
	    dataDir: string;
	    aside: string;
	
	    static createFrom(source: any = {}) {
	        return new RestorePlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.createdAt = source["createdAt"];
	        this.appVersion = source["appVersion"];
	        this.files = source["files"];
	        this.bytes = source["bytes"];
	        this.encrypted = source["encrypted"];
	        this.dataDir = source["dataDir"];
	        this.aside = source["aside"];
	    }
	}
	export class SearchFilter {
	    query: string;
	    person: string;
	    from: string;
	    to: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.person = source["person"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.limit = source["limit"];
	    }
	}
	export class SearchHit {
	    mine: boolean;
	    id: number;
	    author: string;
	    authorName: string;
	    day: string;
	    kind: 'video' | 'audio' | 'text';
	    durationMs: number;
	    table: peerplaypay.LogTable;
	    match?: peerplaypay.LogMatch;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SearchHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mine = source["mine"];
	        this.id = source["id"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.day = source["day"];
	        this.kind = source["kind"];
	        this.durationMs = source["durationMs"];
	        this.table = this.convertValues(source["table"], peerplaypay.LogTable);
	        this.match = this.convertValues(source["match"], peerplaypay.LogMatch);
	        this.createdAt = source["createdAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionRules {
	    dotsPerPart: number;
	    itemMax: number;
	    noteMax: number;
	    experimentMax: number;
	    clockRate: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionRules(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dotsPerPart = source["dotsPerPart"];
	        this.itemMax = source["itemMax"];
	        this.noteMax = source["noteMax"];
	        this.experimentMax = source["experimentMax"];
	        this.clockRate = source["clockRate"];
	    }
	}
	export class ShareSettings {
	    shareNewLogs: boolean;
	    syncMinutes: number;
	    budgetMb: number;
	    hasS3Keys: boolean;
	    secretPlace: string;
	    recoverySaved: string;
	
	    static createFrom(source: any = {}) {
	        return new ShareSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.shareNewLogs = source["shareNewLogs"];
	        this.syncMinutes = source["syncMinutes"];
	        this.budgetMb = source["budgetMb"];
	        this.hasS3Keys = source["hasS3Keys"];
	        this.secretPlace = source["secretPlace"];
	        this.recoverySaved = source["recoverySaved"];
	    }
	}
	export class StartRequest {
	    audioOnly: boolean;
	    table: peerplaypay.LogTable;
	
	    static createFrom(source: any = {}) {
	        return new StartRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.audioOnly = source["audioOnly"];
	        this.table = this.convertValues(source["table"], peerplaypay.LogTable);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UIPrefs {
	    sidebarCollapsed: boolean;
	    recoveryLaterUntil: string;
	    zoom: number;
	
	    static createFrom(source: any = {}) {
	        return new UIPrefs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sidebarCollapsed = source["sidebarCollapsed"];
	        this.recoveryLaterUntil = source["recoveryLaterUntil"];
	        this.zoom = source["zoom"];
	    }
	}
	export class StartupStatus {
	    ok: boolean;
	    code: string;
	    message: string;
	    dataDir: string;
	    mediaBase: string;
	    saved?: CloseNotice;
	    restored?: RestoreNotice;
	    profile?: peerplaypay.Profile;
	    profileRead: boolean;
	    prefs: UIPrefs;
	
	    static createFrom(source: any = {}) {
	        return new StartupStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.dataDir = source["dataDir"];
	        this.mediaBase = source["mediaBase"];
	        this.saved = this.convertValues(source["saved"], CloseNotice);
	        this.restored = this.convertValues(source["restored"], RestoreNotice);
	        this.profile = this.convertValues(source["profile"], peerplaypay.Profile);
	        this.profileRead = source["profileRead"];
	        this.prefs = this.convertValues(source["prefs"], UIPrefs);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamDay {
	    member: string;
	    name: string;
	    logs: number;
	    unwatched: number;
	    helpNeeded: string;
	    logId: number;
	
	    static createFrom(source: any = {}) {
	        return new TeamDay(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = source["member"];
	        this.name = source["name"];
	        this.logs = source["logs"];
	        this.unwatched = source["unwatched"];
	        this.helpNeeded = source["helpNeeded"];
	        this.logId = source["logId"];
	    }
	}

}

export namespace backup {
	
	export class Summary {
	    path: string;
	    files: number;
	    bytes: number;
	    encrypted: boolean;
	    unprotected: string[];
	
	    static createFrom(source: any = {}) {
	        return new Summary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.files = source["files"];
	        this.bytes = source["bytes"];
	        this.encrypted = source["encrypted"];
	        this.unprotected = source["unprotected"];
	    }
	}

}

export namespace insights {
	
	export class BasicKept {
	    title: string;
	    kept: number;
	    days: number;
	
	    static createFrom(source: any = {}) {
	        return new BasicKept(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.kept = source["kept"];
	        this.days = source["days"];
	    }
	}
	export class CalendarDay {
	    day: string;
	    standup: boolean;
	    off: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CalendarDay(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.standup = source["standup"];
	        this.off = source["off"];
	    }
	}
	export class Experiment {
	    session: string;
	    hypothesis: string;
	    ownerName: string;
	    measure: string;
	    endDay: string;
	    outcome: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Experiment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.session = source["session"];
	        this.hypothesis = source["hypothesis"];
	        this.ownerName = source["ownerName"];
	        this.measure = source["measure"];
	        this.endDay = source["endDay"];
	        this.outcome = source["outcome"];
	        this.note = source["note"];
	    }
	}
	export class GoalPace {
	    id: number;
	    uid: string;
	    title: string;
	    ownerName: string;
	    level: 'personal' | 'team' | 'organisation';
	    progress: number;
	    ideal?: number | null;
	    due: string;
	    daysLeft?: number | null;
	    confidence: number;
	    set: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped';
	    shown: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped';
	    atRisk: boolean;
	    reason: string;
	    checkins: number;
	    checkinDue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new GoalPace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.title = source["title"];
	        this.ownerName = source["ownerName"];
	        this.level = source["level"];
	        this.progress = source["progress"];
	        this.ideal = source["ideal"];
	        this.due = source["due"];
	        this.daysLeft = source["daysLeft"];
	        this.confidence = source["confidence"];
	        this.set = source["set"];
	        this.shown = source["shown"];
	        this.atRisk = source["atRisk"];
	        this.reason = source["reason"];
	        this.checkins = source["checkins"];
	        this.checkinDue = source["checkinDue"];
	    }
	}
	export class WeekMinutes {
	    week: string;
	    minutes: number;
	    target?: number;
	
	    static createFrom(source: any = {}) {
	        return new WeekMinutes(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.week = source["week"];
	        this.minutes = source["minutes"];
	        this.target = source["target"];
	    }
	}
	export class Move {
	    item: string;
	    name: string;
	    from: number;
	    to: number;
	
	    static createFrom(source: any = {}) {
	        return new Move(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.item = source["item"];
	        this.name = source["name"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class Growth {
	    moved: Move[];
	    movedSince: string;
	    movedTo: string;
	    learning: WeekMinutes[];
	    reflection: WeekMinutes[];
	    reflectionTarget: number;
	    basics: BasicKept[];
	
	    static createFrom(source: any = {}) {
	        return new Growth(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.moved = this.convertValues(source["moved"], Move);
	        this.movedSince = source["movedSince"];
	        this.movedTo = source["movedTo"];
	        this.learning = this.convertValues(source["learning"], WeekMinutes);
	        this.reflection = this.convertValues(source["reflection"], WeekMinutes);
	        this.reflectionTarget = source["reflectionTarget"];
	        this.basics = this.convertValues(source["basics"], BasicKept);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HelpAsked {
	    day: string;
	    who?: string;
	    text: string;
	    firstOfferHours?: number | null;
	    accepted?: boolean;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new HelpAsked(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.who = source["who"];
	        this.text = source["text"];
	        this.firstOfferHours = source["firstOfferHours"];
	        this.accepted = source["accepted"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class ThanksNote {
	    from: string;
	    fromName: string;
	    to: string;
	    toName: string;
	    reason: string;
	    at: string;
	    day: string;
	
	    static createFrom(source: any = {}) {
	        return new ThanksNote(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.fromName = source["fromName"];
	        this.to = source["to"];
	        this.toName = source["toName"];
	        this.reason = source["reason"];
	        this.at = source["at"];
	        this.day = source["day"];
	    }
	}
	export class ThanksWeek {
	    week: string;
	    given: number;
	    received: number;
	
	    static createFrom(source: any = {}) {
	        return new ThanksWeek(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.week = source["week"];
	        this.given = source["given"];
	        this.received = source["received"];
	    }
	}
	export class MyThanks {
	    weeks: ThanksWeek[];
	    given: ThanksNote[];
	    received: ThanksNote[];
	
	    static createFrom(source: any = {}) {
	        return new MyThanks(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.weeks = this.convertValues(source["weeks"], ThanksWeek);
	        this.given = this.convertValues(source["given"], ThanksNote);
	        this.received = this.convertValues(source["received"], ThanksNote);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MyGoals {
	    goals: GoalPace[];
	    atRisk: number;
	    everyDays: number;
	    made: number;
	    expected: number;
	    due: number;
	
	    static createFrom(source: any = {}) {
	        return new MyGoals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.goals = this.convertValues(source["goals"], GoalPace);
	        this.atRisk = source["atRisk"];
	        this.everyDays = source["everyDays"];
	        this.made = source["made"];
	        this.expected = source["expected"];
	        this.due = source["due"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MyHelp {
	    standups: number;
	    asked: number;
	    share: number;
	    answered: number;
	    medianHours: number;
	    requests: HelpAsked[];
	
	    static createFrom(source: any = {}) {
	        return new MyHelp(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.standups = source["standups"];
	        this.asked = source["asked"];
	        this.share = source["share"];
	        this.answered = source["answered"];
	        this.medianHours = source["medianHours"];
	        this.requests = this.convertValues(source["requests"], HelpAsked);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MoodWeek {
	    week: string;
	    mood: number;
	    energy: number;
	    standups: number;
	
	    static createFrom(source: any = {}) {
	        return new MoodWeek(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.week = source["week"];
	        this.mood = source["mood"];
	        this.energy = source["energy"];
	        this.standups = source["standups"];
	    }
	}
	export class Streak {
	    days: number;
	    best: number;
	    todayDone: boolean;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Streak(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.days = source["days"];
	        this.best = source["best"];
	        this.todayDone = source["todayDone"];
	        this.note = source["note"];
	    }
	}
	export class Period {
	    from: string;
	    to: string;
	    kind: 'week' | 'month' | 'quarter' | 'custom';
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.kind = source["kind"];
	    }
	}
	export class Me {
	    period: Period;
	    streak: Streak;
	    calendar: CalendarDay[];
	    moodEnergy: MoodWeek[];
	    help: MyHelp;
	    goals: MyGoals;
	    growth: Growth;
	    thanks: MyThanks;
	
	    static createFrom(source: any = {}) {
	        return new Me(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.streak = this.convertValues(source["streak"], Streak);
	        this.calendar = this.convertValues(source["calendar"], CalendarDay);
	        this.moodEnergy = this.convertValues(source["moodEnergy"], MoodWeek);
	        this.help = this.convertValues(source["help"], MyHelp);
	        this.goals = this.convertValues(source["goals"], MyGoals);
	        this.growth = this.convertValues(source["growth"], Growth);
	        this.thanks = this.convertValues(source["thanks"], MyThanks);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Member {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	
	
	
	
	
	
	export class StatusCount {
	    status: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped';
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new StatusCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.count = source["count"];
	    }
	}
	export class Story {
	    session: string;
	    authorName: string;
	    text: string;
	    outcome?: string;
	
	    static createFrom(source: any = {}) {
	        return new Story(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.session = source["session"];
	        this.authorName = source["authorName"];
	        this.text = source["text"];
	        this.outcome = source["outcome"];
	    }
	}
	
	export class ThanksLink {
	    from: string;
	    to: string;
	    reasons: ThanksNote[];
	
	    static createFrom(source: any = {}) {
	        return new ThanksLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.reasons = this.convertValues(source["reasons"], ThanksNote);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ThanksNetwork {
	    people: Member[];
	    links: ThanksLink[];
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new ThanksNetwork(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.people = this.convertValues(source["people"], Member);
	        this.links = this.convertValues(source["links"], ThanksLink);
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamHelp {
	    asked: number;
	    open: number;
	    answered: number;
	    medianHours: number;
	    requests: HelpAsked[];
	
	    static createFrom(source: any = {}) {
	        return new TeamHelp(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.asked = source["asked"];
	        this.open = source["open"];
	        this.answered = source["answered"];
	        this.medianHours = source["medianHours"];
	        this.requests = this.convertValues(source["requests"], HelpAsked);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WeekCount {
	    week: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new WeekCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.week = source["week"];
	        this.count = source["count"];
	    }
	}
	export class Team {
	    period: Period;
	    standupsPerWeek: WeekCount[];
	    help: TeamHelp;
	    goalsByStatus: StatusCount[];
	    atRiskGoals: GoalPace[];
	    experiments: Experiment[];
	    stories: Story[];
	    network: ThanksNetwork;
	    members: number;
	    noTeam: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Team(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.standupsPerWeek = this.convertValues(source["standupsPerWeek"], WeekCount);
	        this.help = this.convertValues(source["help"], TeamHelp);
	        this.goalsByStatus = this.convertValues(source["goalsByStatus"], StatusCount);
	        this.atRiskGoals = this.convertValues(source["atRiskGoals"], GoalPace);
	        this.experiments = this.convertValues(source["experiments"], Experiment);
	        this.stories = this.convertValues(source["stories"], Story);
	        this.network = this.convertValues(source["network"], ThanksNetwork);
	        this.members = source["members"];
	        this.noTeam = source["noTeam"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	
	

}

export namespace peerplaypay {
	
	export class LogRef {
	    author: string;
	    uid: string;
	
	    static createFrom(source: any = {}) {
	        return new LogRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.author = source["author"];
	        this.uid = source["uid"];
	    }
	}
	export class Activity {
	    id: number;
	    kind: 'comment' | 'reply' | 'reaction' | 'offer' | 'accepted' | 'thanks';
	    actor: string;
	    actorName: string;
	    log: LogRef;
	    goalUid: string;
	    refUid: string;
	    text: string;
	    at: string;
	    unread: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Activity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.actor = source["actor"];
	        this.actorName = source["actorName"];
	        this.log = this.convertValues(source["log"], LogRef);
	        this.goalUid = source["goalUid"];
	        this.refUid = source["refUid"];
	        this.text = source["text"];
	        this.at = source["at"];
	        this.unread = source["unread"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Answer {
	    itemId: string;
	    level: number;
	    evidence: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new Answer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.itemId = source["itemId"];
	        this.level = source["level"];
	        this.evidence = source["evidence"];
	        this.at = source["at"];
	    }
	}
	export class AnswerPlace {
	    kind: 'myLog' | 'peerLog' | 'goal';
	    logId: number;
	    goalId: number;
	    commentId: number;
	    atMs?: number | null;
	
	    static createFrom(source: any = {}) {
	        return new AnswerPlace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.logId = source["logId"];
	        this.goalId = source["goalId"];
	        this.commentId = source["commentId"];
	        this.atMs = source["atMs"];
	    }
	}
	export class Basic {
	    id: number;
	    title: string;
	    archived: boolean;
	    order: number;
	
	    static createFrom(source: any = {}) {
	        return new Basic(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.archived = source["archived"];
	        this.order = source["order"];
	    }
	}
	export class Tick {
	    basicId: number;
	    day: string;
	
	    static createFrom(source: any = {}) {
	        return new Tick(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.basicId = source["basicId"];
	        this.day = source["day"];
	    }
	}
	export class BasicsRange {
	    from: string;
	    to: string;
	    basics: Basic[];
	    ticks: Tick[];
	
	    static createFrom(source: any = {}) {
	        return new BasicsRange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.basics = this.convertValues(source["basics"], Basic);
	        this.ticks = this.convertValues(source["ticks"], Tick);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Checkin {
	    id: number;
	    uid: string;
	    goalUid: string;
	    at: string;
	    author: string;
	    authorName: string;
	    value: number;
	    milestonesDone: string[];
	    confidence: number;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Checkin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.goalUid = source["goalUid"];
	        this.at = source["at"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.value = source["value"];
	        this.milestonesDone = source["milestonesDone"];
	        this.confidence = source["confidence"];
	        this.note = source["note"];
	    }
	}
	export class CheckinInput {
	    value?: number | null;
	    milestonesDone: string[];
	    confidence: number;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new CheckinInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.milestonesDone = source["milestonesDone"];
	        this.confidence = source["confidence"];
	        this.note = source["note"];
	    }
	}
	export class Comment {
	    id: number;
	    uid: string;
	    log: LogRef;
	    author: string;
	    authorName: string;
	    mine: boolean;
	    replyTo: number;
	    atMs?: number | null;
	    text: string;
	    createdAt: string;
	    editedAt: string;
	    deleted: boolean;
	    replies: Comment[];
	
	    static createFrom(source: any = {}) {
	        return new Comment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.log = this.convertValues(source["log"], LogRef);
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.mine = source["mine"];
	        this.replyTo = source["replyTo"];
	        this.atMs = source["atMs"];
	        this.text = source["text"];
	        this.createdAt = source["createdAt"];
	        this.editedAt = source["editedAt"];
	        this.deleted = source["deleted"];
	        this.replies = this.convertValues(source["replies"], Comment);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CommentInput {
	    log: LogRef;
	    text: string;
	    atMs?: number | null;
	    replyTo: number;
	
	    static createFrom(source: any = {}) {
	        return new CommentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.log = this.convertValues(source["log"], LogRef);
	        this.text = source["text"];
	        this.atMs = source["atMs"];
	        this.replyTo = source["replyTo"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConversationNote {
	    id: number;
	    uid: string;
	    with: string;
	    withName: string;
	    myRole: 'coach' | 'coachee';
	    day: string;
	    agenda: string[];
	    notes: string;
	    shareMine: boolean;
	    shareTheirs: boolean;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new ConversationNote(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.with = source["with"];
	        this.withName = source["withName"];
	        this.myRole = source["myRole"];
	        this.day = source["day"];
	        this.agenda = source["agenda"];
	        this.notes = source["notes"];
	        this.shareMine = source["shareMine"];
	        this.shareTheirs = source["shareTheirs"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Outcome {
	    result: 'worked' | 'failed' | 'learned';
	    note: string;
	    author: string;
	    authorName: string;
	    session: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new Outcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.result = source["result"];
	        this.note = source["note"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.session = source["session"];
	        this.at = source["at"];
	    }
	}
	export class ItemRef {
	    author: string;
	    uid: string;
	
	    static createFrom(source: any = {}) {
	        return new ItemRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.author = source["author"];
	        this.uid = source["uid"];
	    }
	}
	export class Experiment {
	    id: number;
	    author: string;
	    uid: string;
	    session: string;
	    item?: ItemRef;
	    hypothesis: string;
	    owner: string;
	    ownerName: string;
	    measure: string;
	    endDay: string;
	    outcome?: Outcome;
	
	    static createFrom(source: any = {}) {
	        return new Experiment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.author = source["author"];
	        this.uid = source["uid"];
	        this.session = source["session"];
	        this.item = this.convertValues(source["item"], ItemRef);
	        this.hypothesis = source["hypothesis"];
	        this.owner = source["owner"];
	        this.ownerName = source["ownerName"];
	        this.measure = source["measure"];
	        this.endDay = source["endDay"];
	        this.outcome = this.convertValues(source["outcome"], Outcome);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FrameworkItem {
	    id: string;
	    name: string;
	    description: string;
	    levels: string[];
	    behaviour: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FrameworkItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.levels = source["levels"];
	        this.behaviour = source["behaviour"];
	    }
	}
	export class FrameworkGroup {
	    id: string;
	    name: string;
	    items: FrameworkItem[];
	
	    static createFrom(source: any = {}) {
	        return new FrameworkGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.items = this.convertValues(source["items"], FrameworkItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Framework {
	    id: string;
	    name: string;
	    version: number;
	    groups: FrameworkGroup[];
	    source: 'default' | 'local' | 'team';
	    author: string;
	    authorName: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Framework(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.version = source["version"];
	        this.groups = this.convertValues(source["groups"], FrameworkGroup);
	        this.source = source["source"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Member {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Milestone {
	    id: string;
	    title: string;
	    done: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Milestone(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.done = source["done"];
	    }
	}
	export class Measure {
	    type: 'number' | 'milestones' | 'scale' | '';
	    unit: string;
	    start: number;
	    target: number;
	    current: number;
	    milestones: Milestone[];
	    levels: string[];
	
	    static createFrom(source: any = {}) {
	        return new Measure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.unit = source["unit"];
	        this.start = source["start"];
	        this.target = source["target"];
	        this.current = source["current"];
	        this.milestones = this.convertValues(source["milestones"], Milestone);
	        this.levels = source["levels"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Goal {
	    id: number;
	    uid: string;
	    title: string;
	    kind: 'result' | 'action' | 'behaviour';
	    description: string;
	    measure: Measure;
	    confidence: number;
	    due: string;
	    owner: string;
	    ownerName: string;
	    contributors: Member[];
	    proposedBy: string;
	    proposedByName: string;
	    level: 'personal' | 'team' | 'organisation';
	    parentUid: string;
	    outcomeId: string;
	    outcomeTitle: string;
	    visibility: 'team' | 'private';
	    status: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped';
	    statusReason: string;
	    suggestedStatus: 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped' | '';
	    suggestedReason: string;
	    needHelp: string;
	    progress: number;
	    mine: boolean;
	    checkins: number;
	    lastCheckinAt: string;
	    checkinDue: boolean;
	    openHelpOffers: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Goal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.title = source["title"];
	        this.kind = source["kind"];
	        this.description = source["description"];
	        this.measure = this.convertValues(source["measure"], Measure);
	        this.confidence = source["confidence"];
	        this.due = source["due"];
	        this.owner = source["owner"];
	        this.ownerName = source["ownerName"];
	        this.contributors = this.convertValues(source["contributors"], Member);
	        this.proposedBy = source["proposedBy"];
	        this.proposedByName = source["proposedByName"];
	        this.level = source["level"];
	        this.parentUid = source["parentUid"];
	        this.outcomeId = source["outcomeId"];
	        this.outcomeTitle = source["outcomeTitle"];
	        this.visibility = source["visibility"];
	        this.status = source["status"];
	        this.statusReason = source["statusReason"];
	        this.suggestedStatus = source["suggestedStatus"];
	        this.suggestedReason = source["suggestedReason"];
	        this.needHelp = source["needHelp"];
	        this.progress = source["progress"];
	        this.mine = source["mine"];
	        this.checkins = source["checkins"];
	        this.lastCheckinAt = source["lastCheckinAt"];
	        this.checkinDue = source["checkinDue"];
	        this.openHelpOffers = source["openHelpOffers"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LinkedLog {
	    logId: number;
	    peerLogId: number;
	    day: string;
	    author: string;
	    authorName: string;
	    done: string;
	
	    static createFrom(source: any = {}) {
	        return new LinkedLog(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.logId = source["logId"];
	        this.peerLogId = source["peerLogId"];
	        this.day = source["day"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.done = source["done"];
	    }
	}
	export class HelpOffer {
	    id: number;
	    uid: string;
	    goalUid: string;
	    goalTitle: string;
	    author: string;
	    authorName: string;
	    text: string;
	    at: string;
	    accepted: boolean;
	    acceptedAt: string;
	    mine: boolean;
	    log?: LogRef;
	
	    static createFrom(source: any = {}) {
	        return new HelpOffer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.goalUid = source["goalUid"];
	        this.goalTitle = source["goalTitle"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.text = source["text"];
	        this.at = source["at"];
	        this.accepted = source["accepted"];
	        this.acceptedAt = source["acceptedAt"];
	        this.mine = source["mine"];
	        this.log = this.convertValues(source["log"], LogRef);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalDetail {
	    goal?: Goal;
	    checkins: Checkin[];
	    offers: HelpOffer[];
	    logs: LinkedLog[];
	    children: Goal[];
	    parent?: Goal;
	
	    static createFrom(source: any = {}) {
	        return new GoalDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.goal = this.convertValues(source["goal"], Goal);
	        this.checkins = this.convertValues(source["checkins"], Checkin);
	        this.offers = this.convertValues(source["offers"], HelpOffer);
	        this.logs = this.convertValues(source["logs"], LinkedLog);
	        this.children = this.convertValues(source["children"], Goal);
	        this.parent = this.convertValues(source["parent"], Goal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalInput {
	    title: string;
	    kind: 'result' | 'action' | 'behaviour';
	    description: string;
	    measure: Measure;
	    confidence: number;
	    due: string;
	    contributors: string[];
	    level: 'personal' | 'team' | 'organisation';
	    parentUid: string;
	    outcomeId: string;
	    visibility: 'team' | 'private';
	    needHelp: string;
	
	    static createFrom(source: any = {}) {
	        return new GoalInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.kind = source["kind"];
	        this.description = source["description"];
	        this.measure = this.convertValues(source["measure"], Measure);
	        this.confidence = source["confidence"];
	        this.due = source["due"];
	        this.contributors = source["contributors"];
	        this.level = source["level"];
	        this.parentUid = source["parentUid"];
	        this.outcomeId = source["outcomeId"];
	        this.visibility = source["visibility"];
	        this.needHelp = source["needHelp"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class GoalsSettings {
	    checkinEveryDays: number;
	
	    static createFrom(source: any = {}) {
	        return new GoalsSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.checkinEveryDays = source["checkinEveryDays"];
	    }
	}
	export class GrowthSettings {
	    reflectionMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new GrowthSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reflectionMinutes = source["reflectionMinutes"];
	    }
	}
	
	export class HelpRequest {
	    goal?: Goal;
	    offers: HelpOffer[];
	
	    static createFrom(source: any = {}) {
	        return new HelpRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.goal = this.convertValues(source["goal"], Goal);
	        this.offers = this.convertValues(source["offers"], HelpOffer);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HelpWanted {
	    kind: 'log' | 'goal';
	    author: string;
	    authorName: string;
	    mine: boolean;
	    need: string;
	    day: string;
	    log?: LogRef;
	    logId: number;
	    peerLogId: number;
	    done: string;
	    goal?: Goal;
	    offers: HelpOffer[];
	
	    static createFrom(source: any = {}) {
	        return new HelpWanted(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.mine = source["mine"];
	        this.need = source["need"];
	        this.day = source["day"];
	        this.log = this.convertValues(source["log"], LogRef);
	        this.logId = source["logId"];
	        this.peerLogId = source["peerLogId"];
	        this.done = source["done"];
	        this.goal = this.convertValues(source["goal"], Goal);
	        this.offers = this.convertValues(source["offers"], HelpOffer);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class JobOutcome {
	    id: string;
	    kind: 'deliverable' | 'process' | 'impact';
	    title: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new JobOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.description = source["description"];
	    }
	}
	export class LastRating {
	    itemId: string;
	    level: number;
	    day: string;
	    evidence: string;
	
	    static createFrom(source: any = {}) {
	        return new LastRating(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.itemId = source["itemId"];
	        this.level = source["level"];
	        this.day = source["day"];
	        this.evidence = source["evidence"];
	    }
	}
	export class Learning {
	    id: number;
	    day: string;
	    kind: 'read' | 'listened' | 'watched' | 'practised';
	    what: string;
	    minutes: number;
	    takeaways: string;
	    itemIds: string[];
	
	    static createFrom(source: any = {}) {
	        return new Learning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.day = source["day"];
	        this.kind = source["kind"];
	        this.what = source["what"];
	        this.minutes = source["minutes"];
	        this.takeaways = source["takeaways"];
	        this.itemIds = source["itemIds"];
	    }
	}
	
	export class ThanksLink {
	    kind: 'log' | 'goal' | 'comment' | 'offer';
	    author: string;
	    uid: string;
	
	    static createFrom(source: any = {}) {
	        return new ThanksLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.author = source["author"];
	        this.uid = source["uid"];
	    }
	}
	export class Thanks {
	    id: number;
	    uid: string;
	    from: string;
	    fromName: string;
	    to: string;
	    toName: string;
	    reason: string;
	    link?: ThanksLink;
	    linkText: string;
	    at: string;
	    day: string;
	    editedAt: string;
	    mine: boolean;
	    toMe: boolean;
	    editable: boolean;
	    editUntil: string;
	
	    static createFrom(source: any = {}) {
	        return new Thanks(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.from = source["from"];
	        this.fromName = source["fromName"];
	        this.to = source["to"];
	        this.toName = source["toName"];
	        this.reason = source["reason"];
	        this.link = this.convertValues(source["link"], ThanksLink);
	        this.linkText = source["linkText"];
	        this.at = source["at"];
	        this.day = source["day"];
	        this.editedAt = source["editedAt"];
	        this.mine = source["mine"];
	        this.toMe = source["toMe"];
	        this.editable = source["editable"];
	        this.editUntil = source["editUntil"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReactionCount {
	    reaction: 'thumbsup' | 'clap' | 'heart' | 'laugh' | 'bulb' | 'eyes';
	    members: string[];
	    names: string[];
	    mine: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ReactionCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reaction = source["reaction"];
	        this.members = source["members"];
	        this.names = source["names"];
	        this.mine = source["mine"];
	    }
	}
	export class LogAnswers {
	    log: LogRef;
	    comments: Comment[];
	    reactions: ReactionCount[];
	    offers: HelpOffer[];
	    thanks: Thanks[];
	
	    static createFrom(source: any = {}) {
	        return new LogAnswers(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.log = this.convertValues(source["log"], LogRef);
	        this.comments = this.convertValues(source["comments"], Comment);
	        this.reactions = this.convertValues(source["reactions"], ReactionCount);
	        this.offers = this.convertValues(source["offers"], HelpOffer);
	        this.thanks = this.convertValues(source["thanks"], Thanks);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LogMatch {
	    field: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new LogMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.text = source["text"];
	    }
	}
	export class Question {
	    id: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new Question(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	    }
	}
	export class LogEntry {
	    id: number;
	    uid: string;
	    day: string;
	    kind: 'video' | 'audio' | 'text';
	    status: 'recording' | 'recovered' | 'ready';
	    mediaPath: string;
	    durationMs: number;
	    sizeBytes: number;
	    sha256: string;
	    loudness?: string;
	    done: string;
	    how: string;
	    why: string;
	    next: string;
	    helpNeeded: string;
	    mood: number;
	    energy: number;
	    extra?: Record<string, string>;
	    questions: Question[];
	    shared: boolean;
	    published: boolean;
	    pinned: boolean;
	    mediaExpired: boolean;
	    createdAt: string;
	    updatedAt: string;
	    match?: LogMatch;
	
	    static createFrom(source: any = {}) {
	        return new LogEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.day = source["day"];
	        this.kind = source["kind"];
	        this.status = source["status"];
	        this.mediaPath = source["mediaPath"];
	        this.durationMs = source["durationMs"];
	        this.sizeBytes = source["sizeBytes"];
	        this.sha256 = source["sha256"];
	        this.loudness = source["loudness"];
	        this.done = source["done"];
	        this.how = source["how"];
	        this.why = source["why"];
	        this.next = source["next"];
	        this.helpNeeded = source["helpNeeded"];
	        this.mood = source["mood"];
	        this.energy = source["energy"];
	        this.extra = source["extra"];
	        this.questions = this.convertValues(source["questions"], Question);
	        this.shared = source["shared"];
	        this.published = source["published"];
	        this.pinned = source["pinned"];
	        this.mediaExpired = source["mediaExpired"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.match = this.convertValues(source["match"], LogMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LogFilter {
	    from: string;
	    to: string;
	    query: string;
	    status: string[];
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new LogFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.query = source["query"];
	        this.status = source["status"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	
	
	export class LogTable {
	    done: string;
	    how: string;
	    why: string;
	    next: string;
	    helpNeeded: string;
	    mood: number;
	    energy: number;
	    extra?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new LogTable(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.done = source["done"];
	        this.how = source["how"];
	        this.why = source["why"];
	        this.next = source["next"];
	        this.helpNeeded = source["helpNeeded"];
	        this.mood = source["mood"];
	        this.energy = source["energy"];
	        this.extra = source["extra"];
	    }
	}
	
	
	
	export class Nudge {
	    name: string;
	    title: string;
	    body: string;
	    area: 'today' | 'reflect' | 'goals' | 'session';
	    day: string;
	
	    static createFrom(source: any = {}) {
	        return new Nudge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.area = source["area"];
	        this.day = source["day"];
	    }
	}
	
	export class PeerLog {
	    id: number;
	    author: string;
	    authorName: string;
	    uid: string;
	    day: string;
	    kind: 'video' | 'audio' | 'text';
	    table: LogTable;
	    questions: Question[];
	    durationMs: number;
	    sizeBytes: number;
	    sha256: string;
	    codec: string;
	    mediaPath: string;
	    pinned: boolean;
	    mediaExpired: boolean;
	    createdAt: string;
	    updatedAt: string;
	    loudness?: string;
	    watched: boolean;
	    positionMs: number;
	    match?: LogMatch;
	
	    static createFrom(source: any = {}) {
	        return new PeerLog(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.uid = source["uid"];
	        this.day = source["day"];
	        this.kind = source["kind"];
	        this.table = this.convertValues(source["table"], LogTable);
	        this.questions = this.convertValues(source["questions"], Question);
	        this.durationMs = source["durationMs"];
	        this.sizeBytes = source["sizeBytes"];
	        this.sha256 = source["sha256"];
	        this.codec = source["codec"];
	        this.mediaPath = source["mediaPath"];
	        this.pinned = source["pinned"];
	        this.mediaExpired = source["mediaExpired"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.loudness = source["loudness"];
	        this.watched = source["watched"];
	        this.positionMs = source["positionMs"];
	        this.match = this.convertValues(source["match"], LogMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeerLogCounts {
	    unwatched: number;
	    helpNeeded: number;
	
	    static createFrom(source: any = {}) {
	        return new PeerLogCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.unwatched = source["unwatched"];
	        this.helpNeeded = source["helpNeeded"];
	    }
	}
	export class PeerLogFilter {
	    unwatched: boolean;
	    helpNeeded: boolean;
	    author: string;
	    from: string;
	    to: string;
	    query: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new PeerLogFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.unwatched = source["unwatched"];
	        this.helpNeeded = source["helpNeeded"];
	        this.author = source["author"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.query = source["query"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class PeerRequest {
	    requestUid: string;
	    from: string;
	    fromName: string;
	    items: FrameworkItem[];
	    askedAt: string;
	    answered: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PeerRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestUid = source["requestUid"];
	        this.from = source["from"];
	        this.fromName = source["fromName"];
	        this.items = this.convertValues(source["items"], FrameworkItem);
	        this.askedAt = source["askedAt"];
	        this.answered = source["answered"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeerView {
	    requestUid: string;
	    peer: string;
	    peerName: string;
	    itemIds: string[];
	    askedAt: string;
	    answeredAt: string;
	    answers: Answer[];
	
	    static createFrom(source: any = {}) {
	        return new PeerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestUid = source["requestUid"];
	        this.peer = source["peer"];
	        this.peerName = source["peerName"];
	        this.itemIds = source["itemIds"];
	        this.askedAt = source["askedAt"];
	        this.answeredAt = source["answeredAt"];
	        this.answers = this.convertValues(source["answers"], Answer);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Plan {
	    id: number;
	    itemIds: string[];
	    why: string;
	    actions: string[];
	    resources: string[];
	    target: string;
	    goalId: number;
	    done: boolean;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Plan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.itemIds = source["itemIds"];
	        this.why = source["why"];
	        this.actions = source["actions"];
	        this.resources = source["resources"];
	        this.target = source["target"];
	        this.goalId = source["goalId"];
	        this.done = source["done"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Practice {
	    day: string;
	    standup: boolean;
	    basicsDone: number;
	    basicsTotal: number;
	    reflectionMinutes: number;
	    reflectionTarget: number;
	    learningMinutes: number;
	    weekLearningMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new Practice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.standup = source["standup"];
	        this.basicsDone = source["basicsDone"];
	        this.basicsTotal = source["basicsTotal"];
	        this.reflectionMinutes = source["reflectionMinutes"];
	        this.reflectionTarget = source["reflectionTarget"];
	        this.learningMinutes = source["learningMinutes"];
	        this.weekLearningMinutes = source["weekLearningMinutes"];
	    }
	}
	export class Profile {
	    memberId: string;
	    name: string;
	    role: string;
	    teamName: string;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.memberId = source["memberId"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.teamName = source["teamName"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ProfileInput {
	    name: string;
	    role: string;
	    teamName: string;
	
	    static createFrom(source: any = {}) {
	        return new ProfileInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.teamName = source["teamName"];
	    }
	}
	export class QualityPreset {
	    quality: 'standard' | 'compact' | 'small' | 'audio';
	    label: string;
	    width: number;
	    height: number;
	    codec: string;
	    videoBitRate: number;
	    audioBitRate: number;
	    unavailable?: string;
	
	    static createFrom(source: any = {}) {
	        return new QualityPreset(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.quality = source["quality"];
	        this.label = source["label"];
	        this.width = source["width"];
	        this.height = source["height"];
	        this.codec = source["codec"];
	        this.videoBitRate = source["videoBitRate"];
	        this.audioBitRate = source["audioBitRate"];
	        this.unavailable = source["unavailable"];
	    }
	}
	
	
	export class Reflection {
	    id: number;
	    day: string;
	    startedAt: string;
	    minutes: number;
	    prompt: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new Reflection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.day = source["day"];
	        this.startedAt = source["startedAt"];
	        this.minutes = source["minutes"];
	        this.prompt = source["prompt"];
	        this.note = source["note"];
	    }
	}
	export class ReflectionTimer {
	    phase: 'running' | 'paused' | 'done';
	    plannedMinutes: number;
	    startedAt: string;
	    runStartedAt: string;
	    beforeMs: number;
	    ended: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ReflectionTimer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.phase = source["phase"];
	        this.plannedMinutes = source["plannedMinutes"];
	        this.startedAt = source["startedAt"];
	        this.runStartedAt = source["runStartedAt"];
	        this.beforeMs = source["beforeMs"];
	        this.ended = source["ended"];
	    }
	}
	export class Reminder {
	    name: string;
	    label: string;
	    on: boolean;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new Reminder(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.on = source["on"];
	        this.at = source["at"];
	    }
	}
	export class ReminderSettings {
	    reminders: Reminder[];
	    quietHours: boolean;
	    quietFrom: string;
	    quietTo: string;
	    daysOff: string[];
	
	    static createFrom(source: any = {}) {
	        return new ReminderSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reminders = this.convertValues(source["reminders"], Reminder);
	        this.quietHours = source["quietHours"];
	        this.quietFrom = source["quietFrom"];
	        this.quietTo = source["quietTo"];
	        this.daysOff = source["daysOff"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Session {
	    id: number;
	    uid: string;
	    frameworkId: string;
	    frameworkVersion: number;
	    startedAt: string;
	    finishedAt: string;
	    day: string;
	    answers: Answer[];
	    shared: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Session(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.frameworkId = source["frameworkId"];
	        this.frameworkVersion = source["frameworkVersion"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.day = source["day"];
	        this.answers = this.convertValues(source["answers"], Answer);
	        this.shared = source["shared"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionComment {
	    id: number;
	    author: string;
	    authorName: string;
	    uid: string;
	    mine: boolean;
	    text: string;
	    at: string;
	    editedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new SessionComment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.uid = source["uid"];
	        this.mine = source["mine"];
	        this.text = source["text"];
	        this.at = source["at"];
	        this.editedAt = source["editedAt"];
	    }
	}
	export class SessionItem {
	    id: number;
	    author: string;
	    authorName: string;
	    uid: string;
	    part: number;
	    partId: string;
	    text: string;
	    mine: boolean;
	    votes: number;
	    myVotes: number;
	    comments: SessionComment[];
	    createdAt: string;
	    editedAt?: string;
	    experiment?: number;
	    outcome?: Outcome;
	
	    static createFrom(source: any = {}) {
	        return new SessionItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.uid = source["uid"];
	        this.part = source["part"];
	        this.partId = source["partId"];
	        this.text = source["text"];
	        this.mine = source["mine"];
	        this.votes = source["votes"];
	        this.myVotes = source["myVotes"];
	        this.comments = this.convertValues(source["comments"], SessionComment);
	        this.createdAt = source["createdAt"];
	        this.editedAt = source["editedAt"];
	        this.experiment = source["experiment"];
	        this.outcome = this.convertValues(source["outcome"], Outcome);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionMember {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new SessionMember(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class SessionNote {
	    uid: string;
	    rev: string;
	    part: number;
	    partId: string;
	    kind: 'note' | 'decision';
	    text: string;
	    author: string;
	    authorName: string;
	    at: string;
	    conflict: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SessionNote(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.uid = source["uid"];
	        this.rev = source["rev"];
	        this.part = source["part"];
	        this.partId = source["partId"];
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.at = source["at"];
	        this.conflict = source["conflict"];
	    }
	}
	export class SessionPart {
	    id?: string;
	    name: string;
	    minutes: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionPart(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.minutes = source["minutes"];
	    }
	}
	export class SessionPartView {
	    index: number;
	    id: string;
	    name: string;
	    minutes: number;
	    items: SessionItem[];
	    notes: SessionNote[];
	    myDots: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionPartView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.minutes = source["minutes"];
	        this.items = this.convertValues(source["items"], SessionItem);
	        this.notes = this.convertValues(source["notes"], SessionNote);
	        this.myDots = source["myDots"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionSummary {
	    day: string;
	    items: number;
	    decisions: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.items = source["items"];
	        this.decisions = source["decisions"];
	    }
	}
	export class SharedConversation {
	    uid: string;
	    coach: string;
	    coachName: string;
	    coachee: string;
	    coacheeName: string;
	    day: string;
	    agenda: string[];
	    notes: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SharedConversation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.uid = source["uid"];
	        this.coach = source["coach"];
	        this.coachName = source["coachName"];
	        this.coachee = source["coachee"];
	        this.coacheeName = source["coacheeName"];
	        this.day = source["day"];
	        this.agenda = source["agenda"];
	        this.notes = source["notes"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class SharedReport {
	    id: number;
	    uid: string;
	    author: string;
	    authorName: string;
	    mine: boolean;
	    shared: boolean;
	    sharedAt?: string;
	    report: report.Report;
	
	    static createFrom(source: any = {}) {
	        return new SharedReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.uid = source["uid"];
	        this.author = source["author"];
	        this.authorName = source["authorName"];
	        this.mine = source["mine"];
	        this.shared = source["shared"];
	        this.sharedAt = source["sharedAt"];
	        this.report = this.convertValues(source["report"], report.Report);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamLevel {
	    itemId: string;
	    itemName: string;
	    groupId: string;
	    groupName: string;
	    level: number;
	
	    static createFrom(source: any = {}) {
	        return new TeamLevel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.itemId = source["itemId"];
	        this.itemName = source["itemName"];
	        this.groupId = source["groupId"];
	        this.groupName = source["groupName"];
	        this.level = source["level"];
	    }
	}
	export class TeamSession {
	    day: string;
	    time: string;
	    minutes: number;
	    parts: SessionPartView[];
	    facilitator: string;
	    facilitatorName: string;
	    running: Experiment[];
	    lastDay?: string;
	    lastMoments: SessionItem[];
	    voters: number;
	    members: SessionMember[];
	
	    static createFrom(source: any = {}) {
	        return new TeamSession(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.time = source["time"];
	        this.minutes = source["minutes"];
	        this.parts = this.convertValues(source["parts"], SessionPartView);
	        this.facilitator = source["facilitator"];
	        this.facilitatorName = source["facilitatorName"];
	        this.running = this.convertValues(source["running"], Experiment);
	        this.lastDay = source["lastDay"];
	        this.lastMoments = this.convertValues(source["lastMoments"], SessionItem);
	        this.voters = source["voters"];
	        this.members = this.convertValues(source["members"], SessionMember);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamSummary {
	    member: string;
	    memberName: string;
	    uid: string;
	    day: string;
	    frameworkId: string;
	    frameworkVersion: number;
	    frameworkName: string;
	    levels: TeamLevel[];
	
	    static createFrom(source: any = {}) {
	        return new TeamSummary(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = source["member"];
	        this.memberName = source["memberName"];
	        this.uid = source["uid"];
	        this.day = source["day"];
	        this.frameworkId = source["frameworkId"];
	        this.frameworkVersion = source["frameworkVersion"];
	        this.frameworkName = source["frameworkName"];
	        this.levels = this.convertValues(source["levels"], TeamLevel);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ThanksLinkInput {
	    kind: 'log' | 'goal' | 'comment' | 'offer';
	    id: number;
	    log?: LogRef;
	
	    static createFrom(source: any = {}) {
	        return new ThanksLinkInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.log = this.convertValues(source["log"], LogRef);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ThanksInput {
	    to: string;
	    reason: string;
	    link?: ThanksLinkInput;
	
	    static createFrom(source: any = {}) {
	        return new ThanksInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.to = source["to"];
	        this.reason = source["reason"];
	        this.link = this.convertValues(source["link"], ThanksLinkInput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	

}

export namespace report {
	
	export class Period {
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class Section {
	    title: string;
	    paragraphs: string[];
	
	    static createFrom(source: any = {}) {
	        return new Section(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.paragraphs = source["paragraphs"];
	    }
	}
	export class Report {
	    name: string;
	    period: Period;
	    sections: Section[];
	    words: string;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.period = this.convertValues(source["period"], Period);
	        this.sections = this.convertValues(source["sections"], Section);
	        this.words = source["words"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace teamsync {
	
	export class Invitation {
	    location: string;
	    team: string;
	    teamName: string;
	    genesis: string;
	    invite: string;
	    command: string;
	
	    static createFrom(source: any = {}) {
	        return new Invitation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.location = source["location"];
	        this.team = source["team"];
	        this.teamName = source["teamName"];
	        this.genesis = source["genesis"];
	        this.invite = source["invite"];
	        this.command = source["command"];
	    }
	}
	export class MemberUse {
	    id: string;
	    name: string;
	    me: boolean;
	    removed: boolean;
	    eventBytes: number;
	    recordingBytes: number;
	    totalBytes: number;
	    freeBytes: number;
	    localBytes: number;
	    localCopies: number;
	
	    static createFrom(source: any = {}) {
	        return new MemberUse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.me = source["me"];
	        this.removed = source["removed"];
	        this.eventBytes = source["eventBytes"];
	        this.recordingBytes = source["recordingBytes"];
	        this.totalBytes = source["totalBytes"];
	        this.freeBytes = source["freeBytes"];
	        this.localBytes = source["localBytes"];
	        this.localCopies = source["localCopies"];
	    }
	}
	export class MemberView {
	    id: string;
	    name: string;
	    me: boolean;
	    removed: boolean;
	    lastEventAt: string;
	    problem: string;
	    safetyCode: string;
	
	    static createFrom(source: any = {}) {
	        return new MemberView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.me = source["me"];
	        this.removed = source["removed"];
	        this.lastEventAt = source["lastEventAt"];
	        this.problem = source["problem"];
	        this.safetyCode = source["safetyCode"];
	    }
	}
	export class MonthUse {
	    month: string;
	    bytes: number;
	    logs: number;
	    free: boolean;
	    freeBytes: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthUse(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.bytes = source["bytes"];
	        this.logs = source["logs"];
	        this.free = source["free"];
	        this.freeBytes = source["freeBytes"];
	    }
	}
	export class Peer {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Peer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class RecoveryKey {
	    memberId: string;
	    file: string;
	    printable: string;
	
	    static createFrom(source: any = {}) {
	        return new RecoveryKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.memberId = source["memberId"];
	        this.file = source["file"];
	        this.printable = source["printable"];
	    }
	}
	export class Request {
	    id: string;
	    name: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new Request(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.at = source["at"];
	    }
	}
	export class Status {
	    state: 'none' | 'pending' | 'member' | 'refused' | 'removed';
	    location: string;
	    teamId: string;
	    teamName: string;
	    memberId: string;
	    safetyCode: string;
	    waiting: number;
	    lastSync: string;
	    members: MemberView[];
	    problems: string[];
	    ignored: string[];
	    invitation?: Invitation;
	    syncing: boolean;
	    lastError: string;
	    offline: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.location = source["location"];
	        this.teamId = source["teamId"];
	        this.teamName = source["teamName"];
	        this.memberId = source["memberId"];
	        this.safetyCode = source["safetyCode"];
	        this.waiting = source["waiting"];
	        this.lastSync = source["lastSync"];
	        this.members = this.convertValues(source["members"], MemberView);
	        this.problems = source["problems"];
	        this.ignored = source["ignored"];
	        this.invitation = this.convertValues(source["invitation"], Invitation);
	        this.syncing = source["syncing"];
	        this.lastError = source["lastError"];
	        this.offline = source["offline"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Usage {
	    location: string;
	    months: number;
	    teamMonths: number;
	    totalBytes: number;
	    freeBytes: number;
	    members: MemberUse[];
	    byMonth: MonthUse[];
	    localBytes: number;
	    budgetBytes: number;
	    requests: number;
	    unplacedBytes: number;
	    millis: number;
	    generatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Usage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.location = source["location"];
	        this.months = source["months"];
	        this.teamMonths = source["teamMonths"];
	        this.totalBytes = source["totalBytes"];
	        this.freeBytes = source["freeBytes"];
	        this.members = this.convertValues(source["members"], MemberUse);
	        this.byMonth = this.convertValues(source["byMonth"], MonthUse);
	        this.localBytes = source["localBytes"];
	        this.budgetBytes = source["budgetBytes"];
	        this.requests = source["requests"];
	        this.unplacedBytes = source["unplacedBytes"];
	        this.millis = source["millis"];
	        this.generatedAt = source["generatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

