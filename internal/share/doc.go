// Package share is the core of the team share: the storage a team already
// has (a shared folder or an S3-compatible bucket) carrying each member's
// data to the others, end-to-end encrypted and signed. PROTOCOL.md in this
// directory specifies every byte; this comment is the map for callers.
//
// Storage is behind backend.Backend (package backend): backend.Open takes
// a folder path, a file:// URL or "s3://bucket/prefix?endpoint=...".
//
// A member is an *Identity (NewIdentity, SaveIdentity, LoadIdentity),
// backed up as a recovery file or a printed key (Identity.RecoveryFile,
// Identity.PrintableKey, ImportRecovery).
//
// A *Team is one member's view of a team: CreateTeam starts one, OpenTeam
// opens it (offline, from the roster versions the caller cached), Refresh
// reads roster changes. The newcomer's side of joining is FetchRoster,
// RequestJoin, JoinRequest.SafetyCode and JoinStatus; the members' side is
// Team.JoinRequests, Team.Approve (with the code the newcomer reads out)
// and Team.Refuse. Team.Remove removes a member and starts a new epoch.
//
// Events travel in batches, numbered per author and chained by hash:
// Team.SealBatch builds the next one (store it before sending),
// Team.PutBatch writes it create-only, Team.RecoverPosition finds our last
// one after a restore, and Team.ReadBatches verifies and hands over a
// member's new batches in order, stopping at the first bad one.
//
// Media go as encrypted chunks: Team.NewUploader and Uploader.Upload return
// the Manifest to put in an event; Team.Download fetches and verifies it.
//
// Every refusal by the protocol's rules is an *Error whose Reason (see
// ReasonOf) says exactly what failed and whose chain holds the
// *peerplaypay.Error to show the person.
//
// The caller keeps, per team: the team ID and genesis hash (the trust
// anchor), the roster versions (Roster.Versions), and per member the
// Position of the last batch applied; and, for its own batches, the
// SealedBatch not yet confirmed written.
package share
