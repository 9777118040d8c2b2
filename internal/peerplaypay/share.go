package peerplaypay

import (
	"context"
	"encoding/json"
	"time"
)

// TeamState is where this laptop stands with a team share.
type TeamState string

const (
	TeamPending TeamState = "pending" // a join request waits for a member
	TeamMember  TeamState = "member"
	TeamRefused TeamState = "refused" // a member refused the request
	TeamRemoved TeamState = "removed" // a member removed us: nothing new reaches us
)

// TeamConfig is this laptop's membership of a team share: where the share
// is, which team it holds, and the roster versions verified so far (so the
// team opens offline).
type TeamConfig struct {
	Location string    `json:"location"`
	TeamID   string    `json:"teamId"`  // hex
	Genesis  string    `json:"genesis"` // hex hash of roster version 1, pinned once a member
	State    TeamState `json:"state"`
	Roster   [][]byte  `json:"-"`
	JoinedAt time.Time `json:"joinedAt"`
}

// SharePosition is how far one member's chain of batches was read (or, for
// ourselves, written).
type SharePosition struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"` // hex; "" before the first batch
}

// ShareEvent is one event as it travels in the share. Data's schema belongs
// to (Kind, V); the log kinds are below.
type ShareEvent struct {
	ID     string          `json:"id"` // hex
	Kind   string          `json:"kind"`
	V      int             `json:"v"`
	At     time.Time       `json:"at"`
	Data   json.RawMessage `json:"data"`
	Author string          `json:"author"` // hex member ID; empty for ours
	// To names the only members (hex IDs) who may read one of our events;
	// empty for the whole team.
	To []string `json:"to,omitempty"`
}

// SealedBatch is our next batch, sealed and stored before it is sent, so a
// crash and a retry send the very same bytes.
type SealedBatch struct {
	Seq      uint64   `json:"seq"`
	Hash     string   `json:"hash"`
	Raw      []byte   `json:"-"`
	EventIDs []string `json:"eventIds"`
}

// EventRosterChanged is sent right after the member changed the team
// (removed or approved someone): its batch names the new roster version, so
// members who have not seen that version learn of it even if it is deleted
// from the share (a fork). Its data (share.RosterChanged) names the
// version, its hash and its change; readers check it against the roster
// they verified, and nothing applies it.
const EventRosterChanged = "roster.changed"

// Event kinds of stand-up logs, at the version this app writes.
const (
	EventLogPublished = "log.published"
	EventLogEdited    = "log.edited"
	EventLogDeleted   = "log.deleted"
)

// LogPublished is the data of a log.published event (v1): the whole log as
// peers see it; Media is the recording's manifest in the share, absent for
// a text log. A later log.published of the same UID replaces it.
type LogPublished struct {
	UID        string          `json:"uid"`
	Day        string          `json:"day"`
	Kind       LogKind         `json:"kind"`
	Table      LogTable        `json:"table"`
	DurationMs int64           `json:"durationMs"`
	SizeBytes  int64           `json:"sizeBytes"`
	SHA256     string          `json:"sha256"`
	CreatedAt  time.Time       `json:"createdAt"`
	Media      json.RawMessage `json:"media,omitempty"`
	// Goals are the uids of the team goals the log worked on (optional).
	Goals []string `json:"goals,omitempty"`
	// Loudness is the recording's loudness map (optional): readers check
	// it against durationMs and drop one that does not fit.
	Loudness Loudness `json:"loudness,omitempty"`
	// Questions are the table's questions the log was made with
	// (optional: absent, they are DefaultQuestions).
	Questions []Question `json:"questions,omitempty"`
	// Codec is the video codec of a video log's recording (optional:
	// absent, it is VP8). Readers refuse one that is not a codec name
	// (CheckCodecName) or that comes with a log that is not a video.
	Codec VideoCodec `json:"codec,omitempty"`
}

// LogEdited is the data of a log.edited event (v1): the new table.
type LogEdited struct {
	UID   string   `json:"uid"`
	Table LogTable `json:"table"`
	// Goals, when present, replaces the goals the log worked on; absent,
	// they stay as they were.
	Goals *[]string `json:"goals,omitempty"`
}

// LogDeleted is the data of a log.deleted event (v1): a tombstone; peers
// delete their copy and its media.
type LogDeleted struct {
	UID string `json:"uid"`
}

// PeerLog is a stand-up log a peer shared with the team, as applied here.
type PeerLog struct {
	ID         int64    `json:"id"` // local row, for the player's URL
	Author     string   `json:"author"`
	AuthorName string   `json:"authorName"`
	UID        string   `json:"uid"`
	Day        string   `json:"day"`
	Kind       LogKind  `json:"kind" ts_type:"'video' | 'audio' | 'text'"`
	Table      LogTable `json:"table"`
	// Questions are the table's questions the log was made with; empty
	// when it came without them (DefaultQuestions).
	Questions  []Question `json:"questions"`
	DurationMs int64      `json:"durationMs"`
	SizeBytes  int64      `json:"sizeBytes"`
	SHA256     string     `json:"sha256"`
	// Codec is the video codec of the downloaded recording, read from its
	// header when the log is opened; "" when not downloaded or not video.
	// The window plays it only if it can.
	Codec VideoCodec `json:"codec"`
	// Manifest locates the recording in the share; MediaPath is the local
	// copy, relative to the data folder, "" until downloaded.
	Manifest  json.RawMessage `json:"-"`
	MediaPath string          `json:"mediaPath"`
	// Pinned: its author keeps the recording whatever the retention.
	// MediaExpired: its author expired the recording from the share
	// (log.media_expired): the table stays, the recording is gone.
	Pinned       bool `json:"pinned"`
	MediaExpired bool `json:"mediaExpired"`
	// Times reach the window as RFC 3339 text.
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
	// Loudness is the recording's loudness map, "" when it came without
	// one (or with one that did not fit it): it then plays in full.
	Loudness Loudness `json:"loudness,omitempty"`
	// Watched and PositionMs are this member's own: whether they watched
	// (or read) the log, and where they stopped. Never sent to anyone.
	Watched    bool  `json:"watched"`
	PositionMs int64 `json:"positionMs"`
	// Match is set on search results: where the words were found.
	Match *LogMatch `json:"match,omitempty"`
}

// ShareMember is what this laptop knows of a member's side of the share.
type ShareMember struct {
	ID string `json:"id"`
	// Position is the last of their batches applied here.
	Position SharePosition `json:"position"`
	// LastEventAt is the author's time of the newest event applied.
	LastEventAt time.Time `json:"lastEventAt"`
	// Problem is why their chain stopped being read, "" when it is fine.
	Problem string `json:"problem"`
}

// ShareStore keeps the team share's state in the local database. Every
// method is one transaction: a batch is applied and its position stored
// together, so a crash never applies a batch twice or skips one.
type ShareStore interface {
	TeamConfig(ctx context.Context) (*TeamConfig, error) // nil when there is none
	SaveTeamConfig(ctx context.Context, c *TeamConfig) error
	// ForgetTeam removes the team and everything received from it.
	ForgetTeam(ctx context.Context) error

	// Outgoing events, oldest first.
	Enqueue(ctx context.Context, events ...ShareEvent) error
	Outbox(ctx context.Context, limit int) ([]ShareEvent, error)
	SaveSealed(ctx context.Context, b SealedBatch) error
	Sealed(ctx context.Context) (*SealedBatch, error)
	// ConfirmSealed records that the sealed batch is in the share: its
	// events leave the outbox and it becomes our position.
	ConfirmSealed(ctx context.Context, me string, b SealedBatch) error
	// DropSealed forgets a sealed batch that lost its number to another
	// copy of this identity; its events stay in the outbox.
	DropSealed(ctx context.Context) error
	// SentBatches are our confirmed batches as sealed, oldest first, kept
	// to put one back that was damaged in the share.
	SentBatches(ctx context.Context) ([]SealedBatch, error)

	// LogsToPublish are our shared, finished logs not yet in the share.
	LogsToPublish(ctx context.Context) ([]*LogEntry, error)
	// MarkPublished queues the log.published event and marks the log.
	MarkPublished(ctx context.Context, uid string, ev ShareEvent) error
	// Waiting counts what waits to be sent: events and logs to publish.
	Waiting(ctx context.Context) (int, error)

	Members(ctx context.Context) ([]ShareMember, error)
	SetPosition(ctx context.Context, member string, p SharePosition) error
	SetMemberProblem(ctx context.Context, member, problem string) error
	// ApplyBatch stores a peer's batch of events (every one, known kinds
	// applied, unknown ones kept) and its position, and returns the local
	// media files that tombstones made unneeded.
	ApplyBatch(ctx context.Context, author string, p SharePosition, events []ShareEvent) (removed []string, err error)

	PeerLogs(ctx context.Context, limit int) ([]*PeerLog, error)
	PeerLog(ctx context.Context, id int64) (*PeerLog, error)
	// PeerMedia lists peers' recordings: those not yet here and those here,
	// newest first.
	PeerMedia(ctx context.Context) ([]*PeerLog, error)
	SetPeerMedia(ctx context.Context, id int64, path string) error
}
