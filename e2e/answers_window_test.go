//go:build e2e

package e2e

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	answersShown  = regexp.MustCompile(`ui: answers shown" commentX=(-?\d+) commentY=(-?\d+) comments=(\d+) seekMs=(-?\d+) seekX=(-?\d+) seekY=(-?\d+) thankX=(-?\d+) thankY=(-?\d+) thanks=(\d+)`)
	playerSeekTo  = regexp.MustCompile(`ui: player seek to" ms=(\d+)`)
	thanksShown   = regexp.MustCompile(`ui: thanks shown" items=(\d+) reasons="([^"]*)" view=(\w+)`)
	thanksRefused = regexp.MustCompile(`ui: thanks refused" code=(\w+) field=\S* message="([^"]*)"`)
	dialogShown   = regexp.MustCompile(`ui: dialog shown" id=thanks`)
	syncOffline   = regexp.MustCompile(`msg=sync err=.*(share|folder)`)
)

// shownAnswers waits for the page to say where the answers of the open
// log are on screen, after mark, and returns the last such line.
func (s *session) shownAnswers(mark int, want func(m []string) bool) []string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		lines := strings.Split(s.log(), "\n")
		for i := len(lines) - 1; i >= min(mark, len(lines)); i-- {
			if m := answersShown.FindStringSubmatch(lines[i]); m != nil && want(m) {
				return m
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("the page never showed the answers as wanted\n%s", tail(s.log(), 30))
	return nil
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func (s *session) click(x, y string) {
	s.t.Helper()
	xi, _ := strconv.Atoi(x)
	yi, _ := strconv.Atoi(y)
	if xi < 0 || yi < 0 {
		s.t.Fatalf("nothing to click at %s,%s", x, y)
	}
	// The page's numbers are on the screen already (window.screenX/Y).
	s.xdo("mousemove", "--sync", strconv.Itoa(xi), strconv.Itoa(yi))
	time.Sleep(150 * time.Millisecond)
	s.xdo("click", "1")
	time.Sleep(300 * time.Millisecond)
}

// TestAnswersInWindow: Bob shares an audio stand-up asking for help and
// pins a comment at 0:12; Ada has thanked him twice today. With the share
// unreachable (its folder moved away), Ada's window opens his log: the
// comment's time seeks the player to 0:12; she comments and thanks him
// for the comment (the third today), and a fourth Thanks is refused in the
// dialog with the server's sentence. The Thanks feed lists the team's
// Thanks. Once the folder is back, the next sync sends her comment and
// Thanks, and Bob has them. Screenshots at 1280x800 and 800x600.
func TestAnswersInWindow(t *testing.T) {
	parallelWindow(t)
	sh := newFolderShare(t)
	m := newTeam(t, sh, "Ada", "Bob")
	ada, bob := m[0], m[1]
	r := startRecordAlone(t, bob.dir, "--seconds", "20", "--audio-only", "--audio", "synthetic-pauses",
		"--done", "Rewrote the grammar of the importer", "--help-needed", "a review of the grammar changes")
	bobsLog := bob.log(r.wait(t))
	bob.idOut("comment", "add", "my:"+strconv.FormatInt(bobsLog.ID, 10), "Listen from here: the new grammar", "--at", "0:12")
	bob.idOut("thanks", "give", "Ada", "for pairing on the importer")
	bob.sync()
	ada.sync()
	if _, ok := ada.peerLog(bobsLog.UID); !ok {
		t.Fatal("Bob's stand-up did not reach Ada")
	}
	ada.idOut("thanks", "give", "Bob", "for the design review")
	ada.idOut("thanks", "give", "Bob", "for the release notes")
	ada.sync()

	// The share goes away: a NAS unmounted, a laptop on a train.
	away := sh.dir + ".away"
	if err := os.Rename(sh.dir, away); err != nil {
		t.Fatal(err)
	}

	s := launch(t, startXvfb(t), ada.dir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id := s.atOrigin()

	// The Inbox, then Play all unwatched from the keyboard: Bob's log.
	mark := s.mark()
	s.xdo("key", "ctrl+6")
	s.waitLine(mark, inboxRendered, 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	mark = s.mark()
	s.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Return")
	s.waitLine(mark, playerPlaying, 20*time.Second)
	time.Sleep(1500 * time.Millisecond)
	s.keys("k") // pause, a second or two in
	paused := s.waitLine(mark, regexp.MustCompile(`ui: player paused" currentTime=([\d.]+)`), 10*time.Second)
	if at, _ := strconv.ParseFloat(paused[1], 64); at > 8 {
		t.Fatalf("paused at %.1f s; the test needs it far from 0:12", at)
	}

	// Down to the comments (End scrolls the log), then Bob's time button.
	mark = s.mark()
	s.keys("End")
	a := s.shownAnswers(mark, func(m []string) bool { return m[4] == "12000" && m[6] != "-1" })
	s.screenshot("answers-peer-log-1280x800.png")
	mark = s.mark()
	s.click(a[5], a[6])
	if got := s.waitLine(mark, playerSeekTo, 10*time.Second)[1]; got != "12000" {
		t.Errorf("the comment's time sent the player to %s ms; want 12000", got)
	}
	seeked := s.waitLine(mark, playerSeeked, 10*time.Second)
	if at, _ := strconv.ParseFloat(seeked[1], 64); at < 11.9 || at > 12.3 {
		t.Errorf("after clicking “at 0:12” the player is at %.2f s", at)
	}
	s.screenshot("answers-pinned-seeked-1280x800.png")

	// The player scrolled into view; down to the comments again. Offline,
	// a comment from the window.
	s.keys("End")
	time.Sleep(700 * time.Millisecond)
	a = s.shownAnswers(0, func(m []string) bool { return true })
	s.click(a[1], a[2])
	s.xdo("type", "--delay", "30", "Checked 0:12, the grammar reads well")
	mark = s.mark()
	s.keys("ctrl+Return")
	s.shownAnswers(mark, func(m []string) bool { return m[3] == "2" })

	// Thanks for Bob's comment: the third today, given offline.
	time.Sleep(500 * time.Millisecond)
	a = s.shownAnswers(0, func(m []string) bool { return m[3] == "2" })
	mark = s.mark()
	s.click(a[7], a[8])
	s.waitLine(mark, dialogShown, 10*time.Second)
	s.screenshot("answers-thanks-dialog-1280x800.png")
	s.xdo("type", "--delay", "30", "for pointing at the right moment")
	mark = s.mark()
	s.keys("Return")
	time.Sleep(1500 * time.Millisecond)
	if m := thanksRefused.FindStringSubmatch(strings.Join(strings.Split(s.log(), "\n")[mark:], "\n")); m != nil {
		t.Fatalf("the third Thanks of the day was refused: %s", m[2])
	}

	// A fourth: refused, the server's sentence in the dialog.
	mark = s.mark()
	s.click(a[7], a[8])
	s.waitLine(mark, dialogShown, 10*time.Second)
	s.xdo("type", "--delay", "30", "for everything else")
	s.keys("Return")
	refused := s.waitLine(mark, thanksRefused, 10*time.Second)
	if !strings.Contains(refused[2], "3") {
		t.Errorf("the fourth Thanks was refused with %q", refused[2])
	}
	time.Sleep(400 * time.Millisecond)
	s.screenshot("answers-thanks-refused-1280x800.png")
	s.xdo("windowsize", "--sync", id, "800", "600")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("answers-thanks-refused-800x600.png")
	s.keys("Escape")
	time.Sleep(400 * time.Millisecond)
	s.screenshot("answers-peer-log-800x600.png")
	s.xdo("windowsize", "--sync", id, "1280", "800")
	time.Sleep(500 * time.Millisecond)

	// The Thanks feed: the area's title, then its fourth control.
	s.keys("Escape") // back to the list
	mark = s.mark()
	s.xdo("key", "ctrl+6")
	time.Sleep(500 * time.Millisecond)
	s.keys("Tab", "Tab", "Tab", "Return")
	feed := s.waitLine(mark, thanksShown, 10*time.Second)
	if feed[3] != "team" || feed[1] != "4" {
		t.Errorf("the feed shows %s Thanks (%s) in view %s; want the team's 4", feed[1], feed[2], feed[3])
	}
	if !strings.HasPrefix(feed[2], "for pointing at the right moment") {
		t.Errorf("the feed is not newest first: %s", feed[2])
	}
	time.Sleep(500 * time.Millisecond)
	s.screenshot("answers-thanks-feed-1280x800.png")
	s.xdo("windowsize", "--sync", id, "800", "600")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("answers-thanks-feed-800x600.png")

	if !syncOffline.MatchString(s.log()) {
		t.Logf("no failed sync logged while the share was away:\n%s", tail(s.log(), 20))
	}
	s.stop()

	// What was done offline waits, then goes out on the next sync.
	if w := ada.status().Waiting; w < 2 {
		t.Errorf("Ada's comment and Thanks made offline are not waiting to be sent: %d", w)
	}
	if err := os.Rename(away, sh.dir); err != nil {
		t.Fatal(err)
	}
	ada.sync()
	if w := ada.status().Waiting; w != 0 {
		t.Errorf("after the share came back, %d events still wait", w)
	}
	bob.sync()
	got := bob.answers("my:" + strconv.FormatInt(bobsLog.ID, 10))
	var texts []string
	for _, c := range got.Comments {
		texts = append(texts, c.AuthorName+": "+c.Text)
	}
	if !strings.Contains(strings.Join(texts, "\n"), "Ada: Checked 0:12, the grammar reads well") {
		t.Errorf("Bob's log has the comments %q", texts)
	}
	received := thanksLines(bob.thanks("--received"))
	if len(received) != 3 || received[0] != "Ada>Bob: for pointing at the right moment" {
		t.Errorf("Bob received %q", received)
	}
}
