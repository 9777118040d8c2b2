package app

import (
	"peerplaypay/internal/peerplaypay"
)

// EventAnswersChanged tells the page that comments, reactions, offers on
// logs, Thanks or the activity list changed, here or by a sync.
const EventAnswersChanged = "answers:changed"

// Answers is bound to the frontend: comments on logs, reactions, offers of
// help on logs, Thanks, the activity list and Help wanted. A log is named
// by a LogRef: its author's member ID ("" for the member's own) and uid.
type Answers struct {
	app *App
}

// NewAnswers returns the Answers facade of a.
func NewAnswers(a *App) *Answers { return &Answers{app: a} }

// AnswerRules are the fixed rules the page states where they apply.
type AnswerRules struct {
	Reactions       []string `json:"reactions" ts_type:"Array<'thumbsup' | 'clap' | 'heart' | 'laugh' | 'bulb' | 'eyes'>"`
	ThanksPerDay    int      `json:"thanksPerDay"`
	ThanksEditMins  int      `json:"thanksEditMinutes"`
	ThanksReasonMax int      `json:"thanksReasonMax"`
	CommentMax      int      `json:"commentMax"`
	OfferMax        int      `json:"offerMax"`
	HelpWantedDays  int      `json:"helpWantedDays"`
	ThanksDayIsUTC  bool     `json:"thanksDayIsUtc"`
	ThanksRule      string   `json:"thanksRule"`
}

// Rules returns the answers' fixed rules.
func (s *Answers) Rules() AnswerRules {
	return AnswerRules{Reactions: peerplaypay.Reactions, ThanksPerDay: peerplaypay.ThanksPerDay,
		ThanksEditMins: int(peerplaypay.ThanksEditWindow.Minutes()), ThanksReasonMax: peerplaypay.MaxThanksReasonLen,
		CommentMax: peerplaypay.MaxCommentLen, OfferMax: peerplaypay.MaxHelpTextLen, HelpWantedDays: peerplaypay.HelpWantedDays,
		ThanksDayIsUTC: true,
		ThanksRule:     "Your Thanks is visible to the whole team, with your name. At most 3 a day to the same person (UTC day); you can change or withdraw it for 10 minutes, then it is fixed. No Thanks to yourself.",
	}
}

// changed tells the page and asks for a sync: the change waits to be sent.
func (s *Answers) changed() {
	s.app.cfg.Emit(EventAnswersChanged, nil)
	s.app.kickSync()
}

// LogAnswers returns all the team said on one log.
func (s *Answers) LogAnswers(log peerplaypay.LogRef) (*peerplaypay.LogAnswers, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "log answers", err)
	}
	out, err := svc.answers.LogAnswers(svc.ctx, log)
	return out, toUser(s.app.log, "log answers", err)
}

// Comments returns a log's comments, each with its replies.
func (s *Answers) Comments(log peerplaypay.LogRef) ([]*peerplaypay.Comment, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "comments", err)
	}
	out, err := svc.answers.Comments(svc.ctx, log)
	return out, toUser(s.app.log, "comments", err)
}

// AddComment comments on a log (at a moment, or as a reply).
func (s *Answers) AddComment(in peerplaypay.CommentInput) (*peerplaypay.Comment, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "add comment", err)
	}
	out, err := svc.answers.AddComment(svc.ctx, in)
	if err != nil {
		return nil, toUser(s.app.log, "add comment", err)
	}
	s.changed()
	return out, nil
}

// EditComment changes the text of one of the member's comments.
func (s *Answers) EditComment(id int64, text string) (*peerplaypay.Comment, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "edit comment", err)
	}
	out, err := svc.answers.EditComment(svc.ctx, id, text)
	if err != nil {
		return nil, toUser(s.app.log, "edit comment", err)
	}
	s.changed()
	return out, nil
}

// DeleteComment deletes one of the member's comments.
func (s *Answers) DeleteComment(id int64) error {
	svc, err := s.app.services()
	if err != nil {
		return toUser(s.app.log, "delete comment", err)
	}
	if err := svc.answers.DeleteComment(svc.ctx, id); err != nil {
		return toUser(s.app.log, "delete comment", err)
	}
	s.changed()
	return nil
}

// React sets (on) or takes back the member's reaction on a log and returns
// the log's reactions.
func (s *Answers) React(log peerplaypay.LogRef, reaction string, on bool) ([]*peerplaypay.ReactionCount, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "react", err)
	}
	out, err := svc.answers.React(svc.ctx, log, reaction, on)
	if err != nil {
		return nil, toUser(s.app.log, "react", err)
	}
	s.changed()
	return out, nil
}

// OfferHelp offers help on a peer's log that asks for it.
func (s *Answers) OfferHelp(log peerplaypay.LogRef, text string) (*peerplaypay.HelpOffer, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "offer help", err)
	}
	out, err := svc.answers.OfferLogHelp(svc.ctx, log, text)
	if err != nil {
		return nil, toUser(s.app.log, "offer help", err)
	}
	s.changed()
	return out, nil
}

// AcceptHelp accepts an offer of help on one of the member's logs.
func (s *Answers) AcceptHelp(offerID int64) (*peerplaypay.HelpOffer, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "accept help", err)
	}
	out, err := svc.answers.AcceptLogHelp(svc.ctx, offerID)
	if err != nil {
		return nil, toUser(s.app.log, "accept help", err)
	}
	s.changed()
	return out, nil
}

// GiveThanks thanks a peer, for the whole team to see.
func (s *Answers) GiveThanks(in peerplaypay.ThanksInput) (*peerplaypay.Thanks, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "give thanks", err)
	}
	out, err := svc.answers.GiveThanks(svc.ctx, in)
	if err != nil {
		return nil, toUser(s.app.log, "give thanks", err)
	}
	s.changed()
	return out, nil
}

// EditThanks changes a Thanks the member gave, within 10 minutes.
func (s *Answers) EditThanks(id int64, in peerplaypay.ThanksInput) (*peerplaypay.Thanks, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "edit thanks", err)
	}
	out, err := svc.answers.EditThanks(svc.ctx, id, in)
	if err != nil {
		return nil, toUser(s.app.log, "edit thanks", err)
	}
	s.changed()
	return out, nil
}

// WithdrawThanks takes back a Thanks the member gave, within 10 minutes.
func (s *Answers) WithdrawThanks(id int64) error {
	svc, err := s.app.services()
	if err != nil {
		return toUser(s.app.log, "withdraw thanks", err)
	}
	if err := svc.answers.WithdrawThanks(svc.ctx, id); err != nil {
		return toUser(s.app.log, "withdraw thanks", err)
	}
	s.changed()
	return nil
}

// ThanksFeed returns the team's Thanks, newest first (limit 0: 500).
func (s *Answers) ThanksFeed(limit int) ([]*peerplaypay.Thanks, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "thanks", err)
	}
	out, err := svc.answers.ThanksFeed(svc.ctx, limit)
	return out, toUser(s.app.log, "thanks", err)
}

// MyThanks returns the Thanks the member received (received) or gave.
func (s *Answers) MyThanks(received bool, limit int) ([]*peerplaypay.Thanks, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "thanks", err)
	}
	out, err := svc.answers.MyThanks(svc.ctx, received, limit)
	return out, toUser(s.app.log, "thanks", err)
}

// Activity returns what peers did to the member's things, newest first.
func (s *Answers) Activity(limit int) ([]*peerplaypay.Activity, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "activity", err)
	}
	out, err := svc.answers.Activity(svc.ctx, limit)
	return out, toUser(s.app.log, "activity", err)
}

// UnreadActivity counts the activity not yet read: the badge.
func (s *Answers) UnreadActivity() (int, error) {
	svc, err := s.app.services()
	if err != nil {
		return 0, toUser(s.app.log, "activity", err)
	}
	n, err := svc.answers.UnreadActivity(svc.ctx)
	return n, toUser(s.app.log, "activity", err)
}

// MarkActivityRead marks activity rows read; an empty list marks all.
func (s *Answers) MarkActivityRead(ids []int64) error {
	svc, err := s.app.services()
	if err != nil {
		return toUser(s.app.log, "activity", err)
	}
	if err := svc.answers.MarkActivityRead(svc.ctx, ids); err != nil {
		return toUser(s.app.log, "activity", err)
	}
	s.app.cfg.Emit(EventAnswersChanged, nil)
	return nil
}

// HelpWanted returns the team's open help requests, from stand-ups and
// goals, with their offers.
func (s *Answers) HelpWanted() ([]*peerplaypay.HelpWanted, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "help wanted", err)
	}
	out, err := svc.answers.HelpWanted(svc.ctx)
	return out, toUser(s.app.log, "help wanted", err)
}

// Place finds where what a Thanks's link or an activity row names is
// shown here: kind is "log", "goal", "comment" or "offer", author the
// member ID of its author.
func (s *Answers) Place(kind, author, uid string) (*peerplaypay.AnswerPlace, error) {
	svc, err := s.app.services()
	if err != nil {
		return nil, toUser(s.app.log, "find place", err)
	}
	out, err := svc.answers.Place(svc.ctx, kind, author, uid)
	return out, toUser(s.app.log, "find place", err)
}
