package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// AnswerService stores the team's answers to stand-ups: comments,
// reactions, offers of help on logs, Thanks, and this member's private
// activity list. Own rows have an empty author, as for goals; a change is
// written here at once and its event queued in the same transaction, so it
// works offline and goes out on the next sync.
type AnswerService struct {
	db     *DB
	people func(ctx context.Context) People
}

var _ peerplaypay.AnswerService = (*AnswerService)(nil)

// NewAnswerService returns an AnswerService on db; people names the
// members and says who this member is.
func NewAnswerService(db *DB, people func(ctx context.Context) People) *AnswerService {
	if people == nil {
		people = func(context.Context) People { return People{} }
	}
	return &AnswerService{db: db, people: people}
}

// errNoTeam is the answer to an answer given before there is a team: each
// names its author by member ID, which only a team gives.
var errNoTeam = peerplaypay.Errorf(peerplaypay.ECONFLICT, "Comments, reactions, offers of help and Thanks go to your team: create or join a team first (Team, or `peerplaypay team join`).")

// author turns a stored author (” for this member) into a member ID.
func (p People) author(local string) string {
	if local == "" {
		return p.Me
	}
	return local
}

func (p People) name(id string) string {
	if id == "" || id == p.Me {
		return p.MyName
	}
	return p.Names[id]
}

// writer opens a write transaction for one of this member's answers: it
// needs the member's ID, which peers' events name.
func (s *AnswerService) writer(ctx context.Context, what string, fn func(tx *Tx, p People) error) error {
	p := s.people(ctx)
	if p.Me == "" {
		return errNoTeam
	}
	return s.db.write(ctx, what, func(tx *Tx) error {
		if err := rememberMe(ctx, tx, p.Me); err != nil {
			return err
		}
		return fn(tx, p)
	})
}

// eventTime is the time of an event queued now: never before the last one
// queued (share_clock), since readers refuse a Thanks dated before an
// earlier event of its author.
func eventTime(ctx context.Context, tx *Tx) time.Time {
	if last := lastEventTime(ctx, tx); last.After(tx.now) {
		return last
	}
	return tx.now
}

// lastEventTime is the time of the event this member queued last, zero
// before the first.
func lastEventTime(ctx context.Context, tx *Tx) time.Time {
	var last string
	if tx.QueryRowContext(ctx, `SELECT last_at FROM share_clock WHERE id = 1`).Scan(&last) != nil {
		return time.Time{}
	}
	t, _ := parseTime(last)
	return t
}

// logRow is a log an answer names, as found here.
type logRow struct {
	author     string // '' for ours
	uid        string
	localID    int64 // logs.id for ours, peer_logs.id for a peer's
	day        string
	durationMs int64
	helpNeeded string
	done       string
}

// findAnsweredLog looks up a log by its team-wide name; ref.Author ” or this
// member's ID is one of ours.
func findAnsweredLog(ctx context.Context, tx *Tx, p People, ref peerplaypay.LogRef) (*logRow, error) {
	l := logRow{uid: ref.UID}
	var err error
	if ref.Author == "" || ref.Author == p.Me {
		err = tx.QueryRowContext(ctx, `SELECT id, day, duration_ms, help_needed, done FROM logs WHERE uid = ? AND status = 'ready'`, ref.UID).
			Scan(&l.localID, &l.day, &l.durationMs, &l.helpNeeded, &l.done)
	} else {
		l.author = ref.Author
		err = tx.QueryRowContext(ctx, `SELECT id, day, duration_ms, help_needed, done FROM peer_logs WHERE author = ? AND uid = ?`, ref.Author, ref.UID).
			Scan(&l.localID, &l.day, &l.durationMs, &l.helpNeeded, &l.done)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no such log here: `peerplaypay peers logs` lists your peers' logs and `peerplaypay logs list` yours (a peer's log arrives with a sync).")
	} else if err != nil {
		return nil, err
	}
	return &l, nil
}

// ref is the log's team-wide name, with this member's ID for ours.
func (l *logRow) ref(p People) peerplaypay.LogRef {
	return peerplaypay.LogRef{Author: p.author(l.author), UID: l.uid}
}

// commentRow is a comment as stored.
type commentRow struct {
	id                      int64
	author, uid             string
	logAuthor, logUID       string
	replyAuthor, replyUID   string
	atMs                    sql.NullInt64
	text, created, editedAt string
	deleted                 bool
}

const commentCols = `id, author, uid, log_author, log_uid, reply_author, reply_uid, at_ms, text, created_at, edited_at, deleted`

func scanComment(row scanner) (*commentRow, error) {
	var c commentRow
	err := row.Scan(&c.id, &c.author, &c.uid, &c.logAuthor, &c.logUID, &c.replyAuthor, &c.replyUID, &c.atMs, &c.text, &c.created, &c.editedAt, &c.deleted)
	return &c, err
}

func commentByID(ctx context.Context, tx *Tx, id int64) (*commentRow, error) {
	c, err := scanComment(tx.QueryRowContext(ctx, `SELECT `+commentCols+` FROM comments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no comment %d: `peerplaypay comments LOG` lists a log's comments with their IDs.", id)
	}
	return c, err
}

func (c *commentRow) show(p People) *peerplaypay.Comment {
	out := &peerplaypay.Comment{ID: c.id, UID: c.uid, Log: peerplaypay.LogRef{Author: p.author(c.logAuthor), UID: c.logUID},
		Author: p.author(c.author), Mine: c.author == "", Text: c.text, CreatedAt: c.created, EditedAt: c.editedAt,
		Deleted: c.deleted, Replies: []*peerplaypay.Comment{}}
	out.AuthorName = p.name(out.Author)
	if c.atMs.Valid {
		v := c.atMs.Int64
		out.AtMs = &v
	}
	return out
}

// ownComment is a comment of this member's, for a change only its author
// may make.
func ownComment(ctx context.Context, tx *Tx, p People, id int64, doing string) (*commentRow, error) {
	c, err := commentByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c.author != "" {
		who := p.name(c.author)
		if who == "" {
			who = "a peer"
		}
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Comment %d is %s's: only its author can %s it. Reply to it instead (`peerplaypay comment add LOG \"text\" --reply %d`).", id, who, doing, id)
	}
	if c.deleted {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Comment %d was deleted; there is nothing left to %s.", id, doing)
	}
	return c, nil
}

// AddComment stores a comment of this member's on a log and queues it.
func (s *AnswerService) AddComment(ctx context.Context, in peerplaypay.CommentInput) (*peerplaypay.Comment, error) {
	in.Text = peerplaypay.NormalizeText(in.Text)
	if why := peerplaypay.CheckCommentText(in.Text); why != "" {
		return nil, peerplaypay.FieldErrorf("text", "%s: write what you want to say (at most %d characters).", upperFirst(why), peerplaypay.MaxCommentLen)
	}
	if in.AtMs != nil && (*in.AtMs < 0 || *in.AtMs > peerplaypay.MaxCommentAt.Milliseconds()) {
		return nil, peerplaypay.FieldErrorf("atMs", "A comment's moment must be a time within the recording, such as 1:23.")
	}
	var out *peerplaypay.Comment
	err := s.writer(ctx, "add comment", func(tx *Tx, p People) error {
		l, err := findAnsweredLog(ctx, tx, p, in.Log)
		if err != nil {
			return err
		}
		if in.AtMs != nil && l.durationMs > 0 && *in.AtMs > l.durationMs {
			return peerplaypay.FieldErrorf("atMs", "The recording is only %s long: pin the comment to a moment within it, or leave the moment out.", clock(l.durationMs))
		}
		d := peerplaypay.CommentAddedData{UID: peerplaypay.NewUID(), LogAuthor: p.author(l.author), LogUID: l.uid, AtMs: in.AtMs, Text: in.Text}
		var replyAuthor string
		if in.ReplyTo != 0 {
			parent, err := commentByID(ctx, tx, in.ReplyTo)
			if err != nil {
				return err
			}
			switch {
			case parent.deleted:
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Comment %d was deleted: reply to the log instead.", in.ReplyTo)
			case parent.replyUID != "":
				return peerplaypay.Errorf(peerplaypay.EINVALID, "Comment %d is itself a reply: replies go one level deep, so reply to the comment it answers.", in.ReplyTo)
			case parent.logAuthor != l.author || parent.logUID != l.uid:
				return peerplaypay.Errorf(peerplaypay.EINVALID, "Comment %d is on another log: reply on the log it belongs to.", in.ReplyTo)
			}
			replyAuthor = parent.author
			d.ReplyAuthor, d.ReplyUID = p.author(parent.author), parent.uid
		}
		at := eventTime(ctx, tx)
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (author, uid, log_author, log_uid, reply_author, reply_uid, at_ms, text, created_at)
			VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?)`, d.UID, l.author, l.uid, replyAuthor, d.ReplyUID, nullInt(in.AtMs), d.Text, formatTime(at))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		c, err := commentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		out = c.show(p)
		return enqueueAt(ctx, tx, peerplaypay.EventCommentAdded, at, d)
	})
	return out, err
}

// EditComment changes the text of one of this member's comments.
func (s *AnswerService) EditComment(ctx context.Context, id int64, text string) (*peerplaypay.Comment, error) {
	text = peerplaypay.NormalizeText(text)
	if why := peerplaypay.CheckCommentText(text); why != "" {
		return nil, peerplaypay.FieldErrorf("text", "%s: write the new text (at most %d characters), or delete the comment.", upperFirst(why), peerplaypay.MaxCommentLen)
	}
	var out *peerplaypay.Comment
	err := s.writer(ctx, "edit comment", func(tx *Tx, p People) error {
		c, err := ownComment(ctx, tx, p, id, "edit")
		if err != nil {
			return err
		}
		at := eventTime(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET text = ?, edited_at = ? WHERE id = ?`, text, formatTime(at), id); err != nil {
			return err
		}
		c.text, c.editedAt = text, formatTime(at)
		out = c.show(p)
		return enqueueAt(ctx, tx, peerplaypay.EventCommentEdited, at, peerplaypay.CommentEditedData{UID: c.uid, Text: text})
	})
	return out, err
}

// DeleteComment deletes one of this member's comments; its replies stay.
func (s *AnswerService) DeleteComment(ctx context.Context, id int64) error {
	return s.writer(ctx, "delete comment", func(tx *Tx, p People) error {
		c, err := ownComment(ctx, tx, p, id, "delete")
		if err != nil {
			return err
		}
		at := eventTime(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET text = '', deleted = 1, edited_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
			return err
		}
		return enqueueAt(ctx, tx, peerplaypay.EventCommentDeleted, at, peerplaypay.CommentDeletedData{UID: c.uid})
	})
}

// Comments returns a log's comments, top-level ones in the order they were
// written, each with its replies. A reply shows only under a top-level
// comment of the same log; a deleted comment shows, without text, only
// while replies hang on it.
func (s *AnswerService) Comments(ctx context.Context, log peerplaypay.LogRef) ([]*peerplaypay.Comment, error) {
	var out []*peerplaypay.Comment
	err := s.db.read(ctx, "comments", func(tx *Tx) error {
		p := s.people(ctx)
		l, err := findAnsweredLog(ctx, tx, p, log)
		if err != nil {
			return err
		}
		out, err = logComments(ctx, tx, p, l.author, l.uid)
		return err
	})
	return out, err
}

func logComments(ctx context.Context, tx *Tx, p People, logAuthor, logUID string) ([]*peerplaypay.Comment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+commentCols+` FROM comments WHERE log_author = ? AND log_uid = ? ORDER BY created_at, id`, logAuthor, logUID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []*commentRow
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	type key struct{ author, uid string }
	top := map[key]*peerplaypay.Comment{}
	var tops []*peerplaypay.Comment
	for _, c := range all {
		if c.replyUID == "" {
			sc := c.show(p)
			top[key{c.author, c.uid}] = sc
			tops = append(tops, sc)
		}
	}
	for _, c := range all {
		if c.replyUID == "" || c.deleted {
			continue
		}
		parent, ok := top[key{c.replyAuthor, c.replyUID}]
		if !ok {
			continue // its parent has not arrived, or is no top-level comment of this log
		}
		r := c.show(p)
		r.ReplyTo = parent.ID
		parent.Replies = append(parent.Replies, r)
	}
	out := []*peerplaypay.Comment{}
	for _, c := range tops {
		if c.Deleted && len(c.Replies) == 0 {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// React sets (on) or takes back this member's reaction of one kind on a
// log, and returns the log's reactions.
func (s *AnswerService) React(ctx context.Context, log peerplaypay.LogRef, reaction string, on bool) ([]*peerplaypay.ReactionCount, error) {
	if !peerplaypay.IsReaction(reaction) {
		return nil, peerplaypay.FieldErrorf("reaction", "“%s” is not a reaction: choose one of %s.", reaction, strings.Join(peerplaypay.Reactions, ", "))
	}
	var out []*peerplaypay.ReactionCount
	err := s.writer(ctx, "react", func(tx *Tx, p People) error {
		l, err := findAnsweredLog(ctx, tx, p, log)
		if err != nil {
			return err
		}
		at := eventTime(ctx, tx)
		var res sql.Result
		if on {
			res, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO reactions (author, log_author, log_uid, reaction, at) VALUES ('', ?, ?, ?, ?)`,
				l.author, l.uid, reaction, formatTime(at))
		} else {
			res, err = tx.ExecContext(ctx, `DELETE FROM reactions WHERE author = '' AND log_author = ? AND log_uid = ? AND reaction = ?`, l.author, l.uid, reaction)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			d := peerplaypay.ReactionSetData{LogAuthor: p.author(l.author), LogUID: l.uid, Reaction: reaction, On: on}
			if err := enqueueAt(ctx, tx, peerplaypay.EventReactionSet, at, d); err != nil {
				return err
			}
		}
		out, err = logReactions(ctx, tx, p, l.author, l.uid)
		return err
	})
	return out, err
}

func logReactions(ctx context.Context, tx *Tx, p People, logAuthor, logUID string) ([]*peerplaypay.ReactionCount, error) {
	rows, err := tx.QueryContext(ctx, `SELECT reaction, author FROM reactions WHERE log_author = ? AND log_uid = ? ORDER BY at, author`, logAuthor, logUID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	by := map[string]*peerplaypay.ReactionCount{}
	for rows.Next() {
		var r, a string
		if err := rows.Scan(&r, &a); err != nil {
			return nil, err
		}
		rc := by[r]
		if rc == nil {
			rc = &peerplaypay.ReactionCount{Reaction: r, Members: []string{}, Names: []string{}}
			by[r] = rc
		}
		id := p.author(a)
		rc.Members = append(rc.Members, id)
		rc.Names = append(rc.Names, p.name(id))
		rc.Mine = rc.Mine || a == ""
	}
	out := []*peerplaypay.ReactionCount{}
	for _, r := range peerplaypay.Reactions {
		if rc := by[r]; rc != nil {
			out = append(out, rc)
		}
	}
	return out, rows.Err()
}

// OfferLogHelp offers help on a peer's log that asks for it.
func (s *AnswerService) OfferLogHelp(ctx context.Context, log peerplaypay.LogRef, text string) (*peerplaypay.HelpOffer, error) {
	text = peerplaypay.NormalizeText(text)
	if why := peerplaypay.CheckOfferText(text); why != "" {
		return nil, peerplaypay.FieldErrorf("text", "%s: say what you can do to help (at most %d characters).", upperFirst(why), peerplaypay.MaxHelpTextLen)
	}
	var out *peerplaypay.HelpOffer
	err := s.writer(ctx, "offer help", func(tx *Tx, p People) error {
		l, err := findAnsweredLog(ctx, tx, p, log)
		if err != nil {
			return err
		}
		if l.author == "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "This is your own log: say where you need help in its “Where I need help” instead.")
		}
		if l.helpNeeded == "" {
			return peerplaypay.Errorf(peerplaypay.EINVALID, "This log asks for no help: comment on it instead (`peerplaypay comment add LOG \"text\"`).")
		}
		at := eventTime(ctx, tx)
		d := peerplaypay.LogHelpOffered{UID: peerplaypay.NewUID(), LogAuthor: l.author, LogUID: l.uid, Text: text, At: at}
		res, err := tx.ExecContext(ctx, `INSERT INTO goal_help_offers (author, uid, goal_author, goal_uid, log_author, log_uid, text, at) VALUES ('', ?, '', '', ?, ?, ?, ?)`,
			d.UID, l.author, l.uid, text, formatTime(at))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		os, err := logOffers(ctx, tx, p, `WHERE o.id = ?`, id)
		if err != nil {
			return err
		}
		out = os[0]
		return enqueueAt(ctx, tx, peerplaypay.EventHelpOffered, at, d)
	})
	return out, err
}

// AcceptLogHelp accepts an offer of help on one of this member's logs.
func (s *AnswerService) AcceptLogHelp(ctx context.Context, offerID int64) (*peerplaypay.HelpOffer, error) {
	var out *peerplaypay.HelpOffer
	err := s.writer(ctx, "accept help", func(tx *Tx, p People) error {
		var err error
		out, err = acceptLogOffer(ctx, tx, p, offerID)
		return err
	})
	return out, err
}

// acceptLogOffer accepts offer id on one of this member's logs and queues
// help.accepted; accepting twice changes nothing.
func acceptLogOffer(ctx context.Context, tx *Tx, p People, id int64) (*peerplaypay.HelpOffer, error) {
	var author, uid, logAuthor, logUID, accepted string
	err := tx.QueryRowContext(ctx, `SELECT author, uid, log_author, log_uid, accepted_at FROM goal_help_offers WHERE id = ?`, id).
		Scan(&author, &uid, &logAuthor, &logUID, &accepted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no offer of help %d: `peerplaypay comments LOG` lists the offers on a log.", id)
	} else if err != nil {
		return nil, err
	}
	if logUID == "" {
		return nil, peerplaypay.Errorf(peerplaypay.EINVALID, "Offer %d is on a goal: accept it with `peerplaypay goals help-accept %d`.", id, id)
	}
	if logAuthor != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Offer %d is on %s's log: only the log's author accepts it.", id, nameOrElse(p.name(logAuthor), "a peer"))
	}
	if accepted == "" {
		at := eventTime(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE goal_help_offers SET accepted_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
			return nil, err
		}
		d := peerplaypay.HelpAccepted{OfferAuthor: p.author(author), OfferUID: uid, At: at}
		if err := enqueueAt(ctx, tx, peerplaypay.EventHelpAccepted, at, d); err != nil {
			return nil, err
		}
	}
	os, err := logOffers(ctx, tx, p, `WHERE o.id = ?`, id)
	if err != nil {
		return nil, err
	}
	return os[0], nil
}

func logOffers(ctx context.Context, tx *Tx, p People, where string, args ...any) ([]*peerplaypay.HelpOffer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.author, o.uid, o.log_author, o.log_uid, o.text, o.at, o.accepted_at
		FROM goal_help_offers o `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*peerplaypay.HelpOffer{}
	for rows.Next() {
		var o peerplaypay.HelpOffer
		var la, lu string
		if err := rows.Scan(&o.ID, &o.Author, &o.UID, &la, &lu, &o.Text, &o.At, &o.AcceptedAt); err != nil {
			return nil, err
		}
		o.Mine = o.Author == ""
		o.Author = p.author(o.Author)
		o.AuthorName = p.name(o.Author)
		o.Accepted = o.AcceptedAt != ""
		o.Log = &peerplaypay.LogRef{Author: p.author(la), UID: lu}
		out = append(out, &o)
	}
	return out, rows.Err()
}

// thanksRow is a Thanks as stored.
type thanksRow struct {
	id                             int64
	author, uid, to, reason        string
	linkKind, linkAuthor, linkUID  string
	at, day, editedAt, withdrawnAt string
}

const thanksSelect = `SELECT t.id, t.author, t.uid, t.to_member, t.reason, t.link_kind, t.link_author, t.link_uid, t.at, t.day, t.edited_at, t.withdrawn_at
	FROM thanks t `

func scanThanks(row scanner) (*thanksRow, error) {
	var t thanksRow
	err := row.Scan(&t.id, &t.author, &t.uid, &t.to, &t.reason, &t.linkKind, &t.linkAuthor, &t.linkUID, &t.at, &t.day, &t.editedAt, &t.withdrawnAt)
	return &t, err
}

func queryThanks(ctx context.Context, tx *Tx, p People, now time.Time, where string, args ...any) ([]*peerplaypay.Thanks, error) {
	rows, err := tx.QueryContext(ctx, thanksSelect+where, args...)
	if err != nil {
		return nil, err
	}
	var list []*thanksRow
	for rows.Next() {
		t, err := scanThanks(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := []*peerplaypay.Thanks{}
	for _, t := range list {
		th := &peerplaypay.Thanks{ID: t.id, UID: t.uid, From: p.author(t.author), To: p.author(t.to), Reason: t.reason,
			At: t.at, Day: t.day, EditedAt: t.editedAt, Mine: t.author == "", ToMe: t.to == ""}
		th.FromName, th.ToName = p.name(th.From), p.name(th.To)
		if t.linkKind != "" {
			th.Link = &peerplaypay.ThanksLink{Kind: t.linkKind, Author: p.author(t.linkAuthor), UID: t.linkUID}
			th.LinkText = linkText(ctx, tx, t.linkKind, t.linkAuthor, t.linkUID)
		}
		if given, err := parseTime(t.at); err == nil {
			until := given.Add(peerplaypay.ThanksEditWindow)
			th.EditUntil = formatTime(until)
			th.Editable = th.Mine && now.Before(until)
		}
		out = append(out, th)
	}
	return out, nil
}

// linkText is a few words of what a Thanks's link names, "" when it is not
// on this laptop.
func linkText(ctx context.Context, tx *Tx, kind, author, uid string) string {
	var s string
	switch kind {
	case peerplaypay.LinkLog:
		if author == "" {
			tx.QueryRowContext(ctx, `SELECT day || ': ' || done FROM logs WHERE uid = ?`, uid).Scan(&s)
		} else {
			tx.QueryRowContext(ctx, `SELECT day || ': ' || done FROM peer_logs WHERE author = ? AND uid = ?`, author, uid).Scan(&s)
		}
	case peerplaypay.LinkGoal:
		tx.QueryRowContext(ctx, `SELECT title FROM goals WHERE author = ? AND uid = ?`, author, uid).Scan(&s)
	case peerplaypay.LinkComment:
		tx.QueryRowContext(ctx, `SELECT text FROM comments WHERE author = ? AND uid = ? AND deleted = 0`, author, uid).Scan(&s)
	case peerplaypay.LinkOffer:
		tx.QueryRowContext(ctx, `SELECT text FROM goal_help_offers WHERE author = ? AND uid = ?`, author, uid).Scan(&s)
	}
	return firstWords(s, 80)
}

func firstWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// thanksLink resolves what a new Thanks is for, by local ID, to its
// stored (author, uid).
func thanksLink(ctx context.Context, tx *Tx, p People, in *peerplaypay.ThanksLinkInput) (kind, author, uid string, err error) {
	if in == nil || in.Kind == "" {
		return "", "", "", nil
	}
	var q string
	switch in.Kind {
	case peerplaypay.LinkLog:
		if in.Log != nil {
			l, err := findAnsweredLog(ctx, tx, p, *in.Log)
			if err != nil {
				return "", "", "", err
			}
			return in.Kind, l.author, l.uid, nil
		}
		q = `SELECT '', uid FROM logs WHERE id = ? AND status = 'ready'`
	case peerplaypay.LinkGoal:
		q = `SELECT author, uid FROM goals WHERE id = ? AND (author <> '' OR visibility = 'team')`
	case peerplaypay.LinkComment:
		q = `SELECT author, uid FROM comments WHERE id = ? AND deleted = 0`
	case peerplaypay.LinkOffer:
		q = `SELECT author, uid FROM goal_help_offers WHERE id = ?`
	default:
		return "", "", "", peerplaypay.FieldErrorf("link", "A Thanks can name a log, a goal, a comment or an offer of help, not “%s”.", in.Kind)
	}
	err = tx.QueryRowContext(ctx, q, in.ID).Scan(&author, &uid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", "", peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no %s %d to thank for here (a private goal cannot be named either); check its ID, or leave the link out.", in.Kind, in.ID)
	}
	return in.Kind, author, uid, err
}

// GiveThanks gives a Thanks to a peer, for the whole team to see.
func (s *AnswerService) GiveThanks(ctx context.Context, in peerplaypay.ThanksInput) (*peerplaypay.Thanks, error) {
	in.Reason = peerplaypay.NormalizeText(in.Reason)
	if why := peerplaypay.CheckThanksReason(in.Reason); why != "" {
		return nil, peerplaypay.FieldErrorf("reason", "%s: say what you thank them for, in a few words (at most %d characters).", upperFirst(why), peerplaypay.MaxThanksReasonLen)
	}
	var out *peerplaypay.Thanks
	err := s.writer(ctx, "give thanks", func(tx *Tx, p People) error {
		to := strings.TrimSpace(in.To)
		if len(p.Names) == 0 {
			return errNoTeam
		}
		if to == p.Me {
			return peerplaypay.FieldErrorf("to", "You cannot thank yourself: a Thanks is for what a peer did for you or the team.")
		}
		if _, ok := p.Names[to]; !ok {
			return peerplaypay.FieldErrorf("to", "%s is not a member of your team: `peerplaypay team members` lists them.", quote(to))
		}
		kind, la, lu, err := thanksLink(ctx, tx, p, in.Link)
		if err != nil {
			return err
		}
		at := eventTime(ctx, tx)
		day := peerplaypay.ThanksDay(at)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM thanks WHERE author = '' AND to_member = ? AND day = ? AND withdrawn_at = ''`, to, day).Scan(&n); err != nil {
			return err
		}
		if n >= peerplaypay.ThanksPerDay {
			return peerplaypay.Errorf(peerplaypay.ECONFLICT, "You already thanked %s %d times today (%s, UTC): at most %d Thanks a day from one person to the same person. Thank them again tomorrow, or add to a Thanks you gave in the last 10 minutes.",
				nameOrElse(p.name(to), to), n, day, peerplaypay.ThanksPerDay)
		}
		d := peerplaypay.ThanksGivenData{UID: peerplaypay.NewUID(), From: p.Me, To: to, Reason: in.Reason}
		if kind != "" {
			d.Link = &peerplaypay.ThanksLink{Kind: kind, Author: p.author(la), UID: lu}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO thanks (author, uid, to_member, reason, link_kind, link_author, link_uid, at, day) VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.UID, to, d.Reason, kind, la, lu, formatTime(at), day)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		ts, err := queryThanks(ctx, tx, p, at, `WHERE t.id = ?`, id)
		if err != nil {
			return err
		}
		out = ts[0]
		return enqueueAt(ctx, tx, peerplaypay.EventThanksGiven, at, d)
	})
	return out, err
}

// ownThanks is a Thanks this member gave that can still change: not
// withdrawn and within the edit window at the event's time at.
func ownThanks(ctx context.Context, tx *Tx, p People, id int64, at time.Time, doing string) (*thanksRow, error) {
	t, err := scanThanks(tx.QueryRowContext(ctx, thanksSelect+`WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no Thanks %d: `peerplaypay thanks list --given` lists yours with their IDs.", id)
	} else if err != nil {
		return nil, err
	}
	if t.author != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Thanks %d was given by %s: only its giver can %s it.", id, nameOrElse(p.name(t.author), "a peer"), doing)
	}
	if t.withdrawnAt != "" {
		return nil, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "Thanks %d was withdrawn; give a new one instead.", id)
	}
	given, err := parseTime(t.at)
	if err != nil {
		return nil, err
	}
	if at.Sub(given) > peerplaypay.ThanksEditWindow {
		return nil, peerplaypay.Errorf(peerplaypay.ECONFLICT, "Thanks %d was given at %s, more than 10 minutes ago: it is fixed now. Give a new Thanks to add something.", id, given.Local().Format("15:04 on 2006-01-02"))
	}
	return t, nil
}

// EditThanks changes the reason (and link) of a Thanks this member gave,
// within 10 minutes of giving it.
func (s *AnswerService) EditThanks(ctx context.Context, id int64, in peerplaypay.ThanksInput) (*peerplaypay.Thanks, error) {
	in.Reason = peerplaypay.NormalizeText(in.Reason)
	if why := peerplaypay.CheckThanksReason(in.Reason); why != "" {
		return nil, peerplaypay.FieldErrorf("reason", "%s: say what you thank them for, in a few words (at most %d characters).", upperFirst(why), peerplaypay.MaxThanksReasonLen)
	}
	var out *peerplaypay.Thanks
	err := s.writer(ctx, "edit thanks", func(tx *Tx, p People) error {
		at := eventTime(ctx, tx)
		t, err := ownThanks(ctx, tx, p, id, at, "change")
		if err != nil {
			return err
		}
		if in.To != "" && in.To != p.author(t.to) {
			return peerplaypay.FieldErrorf("to", "A Thanks cannot change whom it thanks: withdraw it and give a new one.")
		}
		kind, la, lu := t.linkKind, t.linkAuthor, t.linkUID
		if in.Link != nil {
			if kind, la, lu, err = thanksLink(ctx, tx, p, in.Link); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE thanks SET reason = ?, link_kind = ?, link_author = ?, link_uid = ?, edited_at = ? WHERE id = ?`,
			in.Reason, kind, la, lu, formatTime(at), id); err != nil {
			return err
		}
		d := peerplaypay.ThanksEditedData{UID: t.uid, Reason: in.Reason}
		if kind != "" {
			d.Link = &peerplaypay.ThanksLink{Kind: kind, Author: p.author(la), UID: lu}
		}
		ts, err := queryThanks(ctx, tx, p, at, `WHERE t.id = ?`, id)
		if err != nil {
			return err
		}
		out = ts[0]
		return enqueueAt(ctx, tx, peerplaypay.EventThanksEdited, at, d)
	})
	return out, err
}

// WithdrawThanks takes back a Thanks this member gave, within 10 minutes.
func (s *AnswerService) WithdrawThanks(ctx context.Context, id int64) error {
	return s.writer(ctx, "withdraw thanks", func(tx *Tx, p People) error {
		at := eventTime(ctx, tx)
		t, err := ownThanks(ctx, tx, p, id, at, "withdraw")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE thanks SET withdrawn_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
			return err
		}
		return enqueueAt(ctx, tx, peerplaypay.EventThanksWithdrawn, at, peerplaypay.ThanksWithdrawnData{UID: t.uid})
	})
}

// ThanksFeed returns the team's Thanks, newest first: who thanked whom for
// what. No counts: a feed, never a ranking.
func (s *AnswerService) ThanksFeed(ctx context.Context, limit int) ([]*peerplaypay.Thanks, error) {
	var out []*peerplaypay.Thanks
	err := s.db.read(ctx, "thanks", func(tx *Tx) error {
		var err error
		out, err = queryThanks(ctx, tx, s.people(ctx), tx.now, `WHERE t.withdrawn_at = '' ORDER BY t.at DESC, t.id DESC LIMIT ?`, limitOr(limit))
		return err
	})
	return out, err
}

// MyThanks returns the Thanks this member received (received) or gave,
// newest first.
func (s *AnswerService) MyThanks(ctx context.Context, received bool, limit int) ([]*peerplaypay.Thanks, error) {
	where := `WHERE t.withdrawn_at = '' AND t.author = '' ORDER BY t.at DESC, t.id DESC LIMIT ?`
	if received {
		where = `WHERE t.withdrawn_at = '' AND t.to_member = '' ORDER BY t.at DESC, t.id DESC LIMIT ?`
	}
	var out []*peerplaypay.Thanks
	err := s.db.read(ctx, "thanks", func(tx *Tx) error {
		var err error
		out, err = queryThanks(ctx, tx, s.people(ctx), tx.now, where, limitOr(limit))
		return err
	})
	return out, err
}

// LogAnswers returns all the team said on one log: comments, reactions,
// offers of help and the Thanks that name it.
func (s *AnswerService) LogAnswers(ctx context.Context, log peerplaypay.LogRef) (*peerplaypay.LogAnswers, error) {
	var out *peerplaypay.LogAnswers
	err := s.db.read(ctx, "log answers", func(tx *Tx) error {
		p := s.people(ctx)
		l, err := findAnsweredLog(ctx, tx, p, log)
		if err != nil {
			return err
		}
		a := &peerplaypay.LogAnswers{Log: l.ref(p)}
		if a.Comments, err = logComments(ctx, tx, p, l.author, l.uid); err != nil {
			return err
		}
		if a.Reactions, err = logReactions(ctx, tx, p, l.author, l.uid); err != nil {
			return err
		}
		if a.Offers, err = logOffers(ctx, tx, p, `WHERE o.log_author = ? AND o.log_uid = ? ORDER BY o.at, o.id`, l.author, l.uid); err != nil {
			return err
		}
		if a.Thanks, err = queryThanks(ctx, tx, p, tx.now, `WHERE t.withdrawn_at = '' AND t.link_kind = 'log' AND t.link_author = ? AND t.link_uid = ? ORDER BY t.at, t.id`, l.author, l.uid); err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// Activity returns what peers did to this member's things, newest first.
func (s *AnswerService) Activity(ctx context.Context, limit int) ([]*peerplaypay.Activity, error) {
	out := []*peerplaypay.Activity{}
	err := s.db.read(ctx, "activity", func(tx *Tx) error {
		p := s.people(ctx)
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, actor, log_author, log_uid, goal_uid, ref_uid, text, at, read_at
			FROM activity ORDER BY at DESC, id DESC LIMIT ?`, limitOr(limit))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a peerplaypay.Activity
			var la, lu, read string
			if err := rows.Scan(&a.ID, &a.Kind, &a.Actor, &la, &lu, &a.GoalUID, &a.RefUID, &a.Text, &a.At, &read); err != nil {
				return err
			}
			if lu != "" {
				a.Log = peerplaypay.LogRef{Author: p.author(la), UID: lu}
			}
			a.ActorName = p.name(a.Actor)
			a.Unread = read == ""
			out = append(out, &a)
		}
		return rows.Err()
	})
	return out, err
}

// UnreadActivity counts the activity rows not yet marked read: the badge.
func (s *AnswerService) UnreadActivity(ctx context.Context) (int, error) {
	var n int
	err := s.db.read(ctx, "activity", func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM activity WHERE read_at = ''`).Scan(&n)
	})
	return n, err
}

// MarkActivityRead marks the given activity rows read; none: all of them.
func (s *AnswerService) MarkActivityRead(ctx context.Context, ids []int64) error {
	return s.db.write(ctx, "mark activity read", func(tx *Tx) error {
		if len(ids) == 0 {
			_, err := tx.ExecContext(ctx, `UPDATE activity SET read_at = ? WHERE read_at = ''`, formatTime(tx.now))
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE activity SET read_at = ? WHERE id = ? AND read_at = ''`, formatTime(tx.now), id); err != nil {
				return err
			}
		}
		return nil
	})
}

// HelpWanted returns the open help requests of the team in one list: the
// "where I need help" of stand-ups of the last HelpWantedDays days (own and
// peers'), and the goals that ask for help or have offers waiting; each
// with its offers, newest first.
func (s *AnswerService) HelpWanted(ctx context.Context) ([]*peerplaypay.HelpWanted, error) {
	goals, err := NewGoalService(s.db, s.people).HelpRequests(ctx)
	if err != nil {
		return nil, err
	}
	out := []*peerplaypay.HelpWanted{}
	err = s.db.read(ctx, "help wanted", func(tx *Tx) error {
		p := s.people(ctx)
		since := localDay(tx.now.AddDate(0, 0, -peerplaypay.HelpWantedDays))
		rows, err := tx.QueryContext(ctx, `SELECT '', uid, id, day, help_needed, done FROM logs WHERE help_needed <> '' AND status = 'ready' AND day >= ?
			UNION ALL SELECT author, uid, id, day, help_needed, done FROM peer_logs WHERE help_needed <> '' AND day >= ?`, since, since)
		if err != nil {
			return err
		}
		var logs []*logRow
		for rows.Next() {
			var l logRow
			if err := rows.Scan(&l.author, &l.uid, &l.localID, &l.day, &l.helpNeeded, &l.done); err != nil {
				rows.Close()
				return err
			}
			logs = append(logs, &l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, l := range logs {
			ref := l.ref(p)
			h := &peerplaypay.HelpWanted{Kind: "log", Author: ref.Author, AuthorName: p.name(ref.Author), Mine: l.author == "",
				Need: l.helpNeeded, Day: l.day, Log: &ref, Done: firstWords(l.done, 120)}
			if h.Mine {
				h.LogID = l.localID
			} else {
				h.PeerLogID = l.localID
			}
			if h.Offers, err = logOffers(ctx, tx, p, `WHERE o.log_author = ? AND o.log_uid = ? ORDER BY o.at, o.id`, l.author, l.uid); err != nil {
				return err
			}
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		day := g.Goal.UpdatedAt
		if t, err := parseTime(day); err == nil {
			day = localDay(t)
		}
		out = append(out, &peerplaypay.HelpWanted{Kind: "goal", Author: g.Goal.Owner, AuthorName: g.Goal.OwnerName, Mine: g.Goal.Mine,
			Need: g.Goal.NeedHelp, Day: day, Goal: g.Goal, Offers: g.Offers})
	}
	// Newest first; the sort is stable, so within a day logs come before goals.
	sortHelpWanted(out)
	return out, nil
}

func sortHelpWanted(list []*peerplaypay.HelpWanted) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].Day > list[j-1].Day; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func limitOr(n int) int {
	if n <= 0 {
		return 500
	}
	return n
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func nameOrElse(name, or string) string {
	if name != "" {
		return name
	}
	return or
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// clock shows a duration in milliseconds as m:ss.
func clock(ms int64) string {
	s := ms / 1000
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// enqueueAt queues one of this member's events with the given time, so an
// answer's row and its event carry the same time.
func enqueueAt(ctx context.Context, tx *Tx, kind string, at time.Time, data any) error {
	body, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return insertOutbox(ctx, tx, peerplaypay.ShareEvent{ID: peerplaypay.NewUID(), Kind: kind, V: 1, At: at, Data: body})
}

// LogByID names one of this member's logs (mine) or a peer's log by its
// local ID, as `logs list` and `peers logs` show them.
func (s *AnswerService) LogByID(ctx context.Context, mine bool, id int64) (peerplaypay.LogRef, error) {
	var ref peerplaypay.LogRef
	err := s.db.read(ctx, "find log", func(tx *Tx) error {
		var err error
		if mine {
			ref.Author = s.people(ctx).Me
			err = tx.QueryRowContext(ctx, `SELECT uid FROM logs WHERE id = ? AND status = 'ready'`, id).Scan(&ref.UID)
		} else {
			err = tx.QueryRowContext(ctx, `SELECT author, uid FROM peer_logs WHERE id = ?`, id).Scan(&ref.Author, &ref.UID)
		}
		if errors.Is(err, sql.ErrNoRows) {
			if mine {
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "You have no log %d: `peerplaypay logs list` lists yours.", id)
			}
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no peer's log %d here: `peerplaypay peers logs` lists them (run `peerplaypay sync` to receive new ones); write my:N for your own log N.", id)
		}
		return err
	})
	return ref, err
}

// LogByUID names a log by its uid, this member's or a peer's.
func (s *AnswerService) LogByUID(ctx context.Context, uid string) (peerplaypay.LogRef, error) {
	var ref peerplaypay.LogRef
	err := s.db.read(ctx, "find log", func(tx *Tx) error {
		p := s.people(ctx)
		err := tx.QueryRowContext(ctx, `SELECT '', uid FROM logs WHERE uid = ? AND status = 'ready'
			UNION ALL SELECT author, uid FROM peer_logs WHERE uid = ? LIMIT 1`, uid, uid).Scan(&ref.Author, &ref.UID)
		if errors.Is(err, sql.ErrNoRows) {
			return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no log with the uid %s here: `peerplaypay peers logs --json` and `peerplaypay logs list --json` show the uids.", uid)
		}
		ref.Author = p.author(ref.Author)
		return err
	})
	return ref, err
}

// Export returns the member's part of the answers, oldest first: what the
// member wrote, and what peers wrote on the member's logs or to the member.
func (s *AnswerService) Export(ctx context.Context) (*peerplaypay.AnswersExport, error) {
	x := &peerplaypay.AnswersExport{Comments: []*peerplaypay.Comment{}, Reactions: []*peerplaypay.ExportedReaction{},
		LogHelpOffers: []*peerplaypay.HelpOffer{}, ThanksGiven: []*peerplaypay.Thanks{}, ThanksReceived: []*peerplaypay.Thanks{}}
	err := s.db.read(ctx, "export answers", func(tx *Tx) error {
		p := s.people(ctx)
		rows, err := tx.QueryContext(ctx, `SELECT `+commentCols+` FROM comments WHERE (author = '' OR log_author = '') AND deleted = 0 ORDER BY created_at, id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			c, err := scanComment(rows)
			if err != nil {
				rows.Close()
				return err
			}
			sc := c.show(p)
			if c.replyUID != "" {
				tx.QueryRowContext(ctx, `SELECT id FROM comments WHERE author = ? AND uid = ?`, c.replyAuthor, c.replyUID).Scan(&sc.ReplyTo)
			}
			x.Comments = append(x.Comments, sc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rrows, err := tx.QueryContext(ctx, `SELECT author, log_author, log_uid, reaction, at FROM reactions WHERE author = '' OR log_author = '' ORDER BY at`)
		if err != nil {
			return err
		}
		for rrows.Next() {
			var r peerplaypay.ExportedReaction
			var a, la string
			if err := rrows.Scan(&a, &la, &r.Log.UID, &r.Reaction, &r.At); err != nil {
				rrows.Close()
				return err
			}
			r.Author, r.Log.Author = p.author(a), p.author(la)
			x.Reactions = append(x.Reactions, &r)
		}
		rrows.Close()
		if err := rrows.Err(); err != nil {
			return err
		}
		if x.LogHelpOffers, err = logOffers(ctx, tx, p, `WHERE o.log_uid <> '' AND (o.author = '' OR o.log_author = '') ORDER BY o.at, o.id`); err != nil {
			return err
		}
		if x.ThanksGiven, err = queryThanks(ctx, tx, p, tx.now, `WHERE t.author = '' AND t.withdrawn_at = '' ORDER BY t.at, t.id`); err != nil {
			return err
		}
		x.ThanksReceived, err = queryThanks(ctx, tx, p, tx.now, `WHERE t.to_member = '' AND t.withdrawn_at = '' ORDER BY t.at, t.id`)
		return err
	})
	return x, err
}
