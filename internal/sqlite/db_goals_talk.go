package sqlite

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"peerplaypay/internal/peerplaypay"
)

// Limits of a conversation note.
const (
	maxAgendaLines = 50
	maxAgendaLine  = 500
	maxNotesLen    = 8000
)

// Conversations returns the member's check-in conversations, newest first.
func (s *GoalService) Conversations(ctx context.Context) ([]*peerplaypay.ConversationNote, error) {
	out := []*peerplaypay.ConversationNote{}
	err := s.read(ctx, "conversations", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		out, err = conversations(ctx, tx, v, `ORDER BY day DESC, id DESC`)
		return err
	})
	return out, err
}

func conversations(ctx context.Context, tx *Tx, v viewer, where string, args ...any) ([]*peerplaypay.ConversationNote, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, uid, with_member, my_role, day, agenda, notes, share_mine, share_theirs, updated_at
		FROM goal_conversations `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*peerplaypay.ConversationNote{}
	for rows.Next() {
		var n peerplaypay.ConversationNote
		var agenda string
		if err := rows.Scan(&n.ID, &n.UID, &n.With, &n.MyRole, &n.Day, &agenda, &n.Notes, &n.ShareMine, &n.ShareTheirs, &n.UpdatedAt); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(agenda), &n.Agenda)
		if n.Agenda == nil {
			n.Agenda = []string{}
		}
		n.WithName = v.name(n.With)
		out = append(out, &n)
	}
	return out, rows.Err()
}

// SaveConversation creates (ID 0) or updates a conversation note; it goes
// to the other member only.
func (s *GoalService) SaveConversation(ctx context.Context, n peerplaypay.ConversationNote) (*peerplaypay.ConversationNote, error) {
	n.With = strings.TrimSpace(n.With)
	n.Notes = strings.TrimSpace(n.Notes)
	n.Day = strings.TrimSpace(n.Day)
	var agenda []string
	for _, l := range n.Agenda {
		if l = strings.TrimSpace(l); l != "" {
			agenda = append(agenda, l)
		}
	}
	if agenda == nil {
		agenda = []string{}
	}
	n.Agenda = agenda
	if _, err := hex.DecodeString(n.With); err != nil || len(n.With) < 16 {
		return nil, peerplaypay.FieldErrorf("with", "Choose the member you talked with from the team's members.")
	}
	if n.MyRole != "coach" && n.MyRole != "coachee" {
		return nil, peerplaypay.FieldErrorf("myRole", "Choose your role in this conversation: coach or coachee.")
	}
	if len(n.Agenda) > maxAgendaLines {
		return nil, peerplaypay.FieldErrorf("agenda", "Keep the agenda to %d points.", maxAgendaLines)
	}
	for _, l := range n.Agenda {
		if utf8.RuneCountInString(l) > maxAgendaLine {
			return nil, peerplaypay.FieldErrorf("agenda", "Keep each agenda point to %d characters.", maxAgendaLine)
		}
	}
	if !utf8.ValidString(n.Notes) || utf8.RuneCountInString(n.Notes) > maxNotesLen {
		return nil, peerplaypay.FieldErrorf("notes", "Keep the notes to %d characters of text.", maxNotesLen)
	}
	var out *peerplaypay.ConversationNote
	err := s.run(ctx, "save conversation", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		if n.With == v.p.Me {
			return peerplaypay.FieldErrorf("with", "A check-in conversation is with another member; choose who you talked with.")
		}
		if n.Day == "" {
			n.Day = localDay(tx.now)
		} else if d, err := time.Parse("2006-01-02", n.Day); err != nil || d.Format("2006-01-02") != n.Day {
			return peerplaypay.FieldErrorf("day", "The day %q is not a date; write it as YYYY-MM-DD.", n.Day)
		}
		if err := rememberMe(ctx, tx, v.p.Me); err != nil {
			return err
		}
		agenda, _ := json.Marshal(n.Agenda)
		if n.ID == 0 {
			n.UID = peerplaypay.NewUID()
			res, err := tx.ExecContext(ctx, `INSERT INTO goal_conversations (uid, with_member, my_role, day, agenda, notes, share_mine, share_theirs, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`, n.UID, n.With, n.MyRole, n.Day, string(agenda), n.Notes, n.ShareMine, formatTime(tx.now))
			if err != nil {
				return err
			}
			n.ID, _ = res.LastInsertId()
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE goal_conversations SET my_role = ?, day = ?, agenda = ?, notes = ?, share_mine = ?, updated_at = ?
				WHERE id = ? AND with_member = ?`, n.MyRole, n.Day, string(agenda), n.Notes, n.ShareMine, formatTime(tx.now), n.ID, n.With)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "There is no conversation %d with that member; it may have been removed.", n.ID)
			}
		}
		ns, err := conversations(ctx, tx, v, `WHERE id = ?`, n.ID)
		if err != nil {
			return err
		}
		out = ns[0]
		err = enqueueTo(ctx, tx, peerplaypay.EventConversationNote, []string{n.With}, peerplaypay.ConversationNoteData{
			UID: out.UID, With: n.With, AuthorRole: n.MyRole, Day: n.Day, Agenda: n.Agenda, Notes: n.Notes, Share: n.ShareMine, UpdatedAt: tx.now})
		if err != nil {
			return err
		}
		// An edit of a note the team sees goes to the team too.
		return publishConversation(ctx, tx, out.UID, true)
	})
	return out, err
}

// publishConversation tells the team about a conversation of ours when
// both of us share it, and takes our copy back when either stops. Each
// member publishes only their own copy, so the note reaches the team only
// with both consents and leaves it with either's withdrawal. again sends
// the copy even when it was published already (its text changed).
func publishConversation(ctx context.Context, tx *Tx, uid string, again bool) error {
	var with, role, day, agenda, notes, up string
	var mine, theirs, published bool
	err := tx.QueryRowContext(ctx, `SELECT with_member, my_role, day, agenda, notes, updated_at, share_mine, share_theirs, team_shared
		FROM goal_conversations WHERE uid = ?`, uid).Scan(&with, &role, &day, &agenda, &notes, &up, &mine, &theirs, &published)
	if err != nil {
		return err
	}
	want := mine && theirs
	switch {
	case want && (again || !published):
		at, err := parseTime(up)
		if err != nil {
			return err
		}
		d := peerplaypay.ConversationSharedData{UID: uid, With: with, AuthorRole: role, Day: day, Notes: notes, UpdatedAt: at}
		json.Unmarshal([]byte(agenda), &d.Agenda)
		if d.Agenda == nil {
			d.Agenda = []string{}
		}
		if err := enqueue(ctx, tx, peerplaypay.EventConversationShared, d); err != nil {
			return err
		}
	case !want && published:
		if err := enqueue(ctx, tx, peerplaypay.EventConversationUnshared, peerplaypay.ConversationUnsharedData{UID: uid}); err != nil {
			return err
		}
	default:
		return nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE goal_conversations SET team_shared = ? WHERE uid = ?`, want, uid)
	return err
}

// applyConversationNote stores a note a member wrote about a conversation
// with us. Each side controls only its own "share" choice; the text is the
// later edit's.
func applyConversationNote(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	var d peerplaypay.ConversationNoteData
	if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) || author == "" {
		return "", nil
	}
	if me := myID(ctx, tx); me == "" || d.With != me {
		return "", nil // about a conversation between two others
	}
	role := "coach"
	if d.AuthorRole == "coach" {
		role = "coachee"
	}
	if _, err := time.Parse("2006-01-02", d.Day); err != nil {
		return "", nil
	}
	if d.Agenda == nil {
		d.Agenda = []string{}
	}
	agenda, _ := json.Marshal(d.Agenda)
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = e.At
	}
	up := formatTime(d.UpdatedAt)
	_, err := tx.ExecContext(ctx, `INSERT INTO goal_conversations (uid, with_member, my_role, day, agenda, notes, share_mine, share_theirs, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
		ON CONFLICT (uid) DO UPDATE SET share_theirs = excluded.share_theirs,
		my_role = CASE WHEN excluded.updated_at >= goal_conversations.updated_at THEN excluded.my_role ELSE goal_conversations.my_role END,
		day = CASE WHEN excluded.updated_at >= goal_conversations.updated_at THEN excluded.day ELSE goal_conversations.day END,
		agenda = CASE WHEN excluded.updated_at >= goal_conversations.updated_at THEN excluded.agenda ELSE goal_conversations.agenda END,
		notes = CASE WHEN excluded.updated_at >= goal_conversations.updated_at THEN excluded.notes ELSE goal_conversations.notes END,
		updated_at = max(goal_conversations.updated_at, excluded.updated_at)
		WHERE goal_conversations.with_member = excluded.with_member`,
		d.UID, author, role, d.Day, string(agenda), d.Notes, d.Share, up)
	if err != nil {
		return "", err
	}
	var n int
	tx.QueryRowContext(ctx, `SELECT count(*) FROM goal_conversations WHERE uid = ? AND with_member = ?`, d.UID, author).Scan(&n)
	if n == 0 {
		return "", nil // a uid of another conversation: left alone above
	}
	// The other's choice may complete both consents, or take theirs back.
	return "", publishConversation(ctx, tx, d.UID, false)
}

// applyConversationShare stores or drops a copy of a conversation between
// the author and another member, both of them not us.
func applyConversationShare(ctx context.Context, tx *Tx, author string, e peerplaypay.ShareEvent) (string, error) {
	me := myID(ctx, tx)
	if author == "" || author == me {
		return "", nil
	}
	if e.Kind == peerplaypay.EventConversationUnshared {
		var d peerplaypay.ConversationUnsharedData
		if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) {
			return "", nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM shared_conversations WHERE author = ? AND uid = ?`, author, d.UID)
		return "", err
	}
	var d peerplaypay.ConversationSharedData
	if err := json.Unmarshal(e.Data, &d); err != nil || !peerplaypay.IsUID(d.UID) || d.With == "" || d.With == author {
		return "", nil
	}
	if d.With == me {
		return "", nil // ours: we keep it in our own conversations
	}
	if d.AuthorRole != "coach" && d.AuthorRole != "coachee" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", d.Day); err != nil {
		return "", nil
	}
	if d.Agenda == nil {
		d.Agenda = []string{}
	}
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = e.At
	}
	agenda, _ := json.Marshal(d.Agenda)
	// In chain order, the author's last copy is theirs.
	_, err := tx.ExecContext(ctx, `INSERT INTO shared_conversations (author, uid, with_member, author_role, day, agenda, notes, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (author, uid) DO UPDATE SET with_member = excluded.with_member, author_role = excluded.author_role,
		day = excluded.day, agenda = excluded.agenda, notes = excluded.notes, updated_at = excluded.updated_at`,
		author, d.UID, d.With, d.AuthorRole, d.Day, string(agenda), d.Notes, formatTime(d.UpdatedAt))
	return "", err
}

// SharedConversations returns the conversations between two other members
// that both of them shared, newest first: those where each one's copy names
// the other. The text is the later copy's.
func (s *GoalService) SharedConversations(ctx context.Context) ([]*peerplaypay.SharedConversation, error) {
	out := []*peerplaypay.SharedConversation{}
	err := s.read(ctx, "shared conversations", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.author, a.uid, a.with_member, a.author_role, a.day, a.agenda, a.notes, a.updated_at
			FROM shared_conversations a JOIN shared_conversations b
				ON b.uid = a.uid AND b.author = a.with_member AND b.with_member = a.author
			WHERE a.updated_at > b.updated_at OR (a.updated_at = b.updated_at AND a.author < b.author)
			ORDER BY a.day DESC, a.updated_at DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c peerplaypay.SharedConversation
			var author, with, role, agenda string
			if err := rows.Scan(&author, &c.UID, &with, &role, &c.Day, &agenda, &c.Notes, &c.UpdatedAt); err != nil {
				return err
			}
			c.Coach, c.Coachee = author, with
			if role == "coachee" {
				c.Coach, c.Coachee = with, author
			}
			c.CoachName, c.CoacheeName = v.name(c.Coach), v.name(c.Coachee)
			json.Unmarshal([]byte(agenda), &c.Agenda)
			if c.Agenda == nil {
				c.Agenda = []string{}
			}
			out = append(out, &c)
		}
		return rows.Err()
	})
	return out, err
}

// Agenda proposes the points of a new conversation with member: both
// members' goal changes since the last conversation with them (or the
// last 30 days).
func (s *GoalService) Agenda(ctx context.Context, member string) ([]string, error) {
	out := []string{}
	err := s.read(ctx, "agenda", func(tx *Tx) error {
		v, err := s.viewer(ctx, tx)
		if err != nil {
			return err
		}
		since := formatTime(tx.now.AddDate(0, 0, -30))
		var last string
		tx.QueryRowContext(ctx, `SELECT COALESCE(max(day), '') FROM goal_conversations WHERE with_member = ?`, member).Scan(&last)
		if last != "" {
			if d, err := time.ParseInLocation("2006-01-02", last, time.Local); err == nil {
				since = formatTime(d)
			}
		}
		authors := []any{"", mapAuthor(v.p.Me, member)}
		gs, err := queryGoals(ctx, tx, `WHERE g.author IN (?, ?) ORDER BY g.id`, authors...)
		if err != nil {
			return err
		}
		byUID := map[string]*goalRow{}
		for _, g := range gs {
			byUID[g.author+"/"+g.UID] = g
			who := v.name(g.author)
			if g.author == "" {
				who = v.p.MyName
			}
			if g.CreatedAt >= since {
				out = append(out, fmt.Sprintf("New goal of %s: “%s”", nameOr(who), g.Title))
			}
			if g.UpdatedAt >= since && g.Status != peerplaypay.StatusOnTrack {
				line := fmt.Sprintf("“%s” (%s) is %s", g.Title, nameOr(who), strings.ReplaceAll(string(g.Status), "_", " "))
				if g.StatusReason != "" {
					line += ": " + g.StatusReason
				}
				out = append(out, line)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT goal_author, goal_uid, value, confidence, note FROM goal_checkins
			WHERE goal_author IN (?, ?) AND at >= ? ORDER BY at`, append(authors, since)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ga, gu, note string
			var value float64
			var conf int
			if err := rows.Scan(&ga, &gu, &value, &conf, &note); err != nil {
				return err
			}
			g := byUID[ga+"/"+gu]
			if g == nil {
				continue
			}
			line := fmt.Sprintf("Check-in on “%s”: ", g.Title)
			switch g.Measure.Type {
			case peerplaypay.MeasureNumber:
				line += fmt.Sprintf("%g %s", value, g.Measure.Unit)
			case peerplaypay.MeasureMilestones:
				line += fmt.Sprintf("%g of %d milestones", value, len(g.Measure.Milestones))
			case peerplaypay.MeasureScale:
				line += fmt.Sprintf("level %g of 5", value)
			}
			if conf > 0 {
				line += fmt.Sprintf(", confidence %d/5", conf)
			}
			if note != "" {
				line += " — " + firstLineOf(note, 120)
			}
			out = append(out, line)
		}
		return rows.Err()
	})
	if len(out) > maxAgendaLines {
		out = out[:maxAgendaLines]
	}
	return out, err
}

func nameOr(name string) string {
	if name == "" {
		return "a member"
	}
	return name
}

func firstLineOf(s string, max int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
