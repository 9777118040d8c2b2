//go:build e2e

package e2e

import (
	"encoding/json"
	"image"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"peerplaypay/internal/peerplaypay"
)

type loudLog struct {
	ID         int64
	DurationMs int64
	MediaPath  string
	Loudness   peerplaypay.Loudness
}

// silences are the stretches ffmpeg's silencedetect finds in a recording
// (quieter than -50 dBFS for 0.7 s or more): a measure of the file that
// owes nothing to the recorder's own map.
func silences(t *testing.T, path string) []peerplaypay.Skip {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-hide_banner", "-i", path, "-af", "silencedetect=n=-50dB:d=0.7", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg silencedetect: %v\n%s", err, out)
	}
	var got []peerplaypay.Skip
	start := regexp.MustCompile(`silence_start: ([\d.]+)`)
	end := regexp.MustCompile(`silence_end: ([\d.]+)`)
	for _, line := range strings.Split(string(out), "\n") {
		if m := start.FindStringSubmatch(line); m != nil {
			s, _ := strconv.ParseFloat(m[1], 64)
			got = append(got, peerplaypay.Skip{FromMs: int64(s * 1000), ToMs: -1})
		}
		if m := end.FindStringSubmatch(line); m != nil && len(got) > 0 {
			e, _ := strconv.ParseFloat(m[1], 64)
			got[len(got)-1].ToMs = int64(e * 1000)
		}
	}
	return got
}

// TestRecordKnownSilences records from the synthetic microphone that stops
// for 2 s after every 3 s, through the CLI, and checks the log's loudness
// map: its silences are where the microphone made them and where ffmpeg
// hears them in the file, and skipping them leaves the speech time.
func TestRecordKnownSilences(t *testing.T) {
	dir := onboarded(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"audio", []string{"--audio-only"}},
		{"video", []string{"--video", "synthetic"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := cli(t, append([]string{"record", "--data-dir", dir, "--seconds", "13", "--audio", "synthetic-pauses", "--done", "pauses"}, c.args...)...)
			if err != nil {
				t.Fatalf("record: %v", err)
			}
			id := strings.TrimSpace(string(out))
			var l loudLog
			if b, err := cli(t, "logs", "show", id, "--json", "--data-dir", dir); err != nil || json.Unmarshal(b, &l) != nil {
				t.Fatalf("logs show: %v %s", err, b)
			}
			values, err := l.Loudness.Values()
			if err != nil || l.Loudness.Check(l.DurationMs) != nil {
				t.Fatalf("map %q of a %d ms recording: %v", l.Loudness, l.DurationMs, err)
			}
			if n := len(values); n < 127 || n > 133 {
				t.Errorf("%d values for %d ms", n, l.DurationMs)
			}
			skips := peerplaypay.Skips(values, l.DurationMs)
			want := []peerplaypay.Skip{{FromMs: 3100, ToMs: 4900}, {FromMs: 8100, ToMs: 9900}}
			if len(skips) != 2 {
				t.Fatalf("skips %v; want about %v", skips, want)
			}
			for i, s := range skips {
				if math.Abs(float64(s.FromMs-want[i].FromMs)) > 200 || math.Abs(float64(s.ToMs-want[i].ToMs)) > 200 {
					t.Errorf("skip %d: %v; want about %v", i, s, want[i])
				}
			}
			heard := silences(t, filepath.Join(dir, filepath.FromSlash(l.MediaPath)))
			if len(heard) != 2 {
				t.Fatalf("ffmpeg hears silences %v in the file", heard)
			}
			for i, h := range heard {
				// The map's skip keeps 0.1 s at each end of a silence.
				if math.Abs(float64(h.FromMs+100-skips[i].FromMs)) > 150 || math.Abs(float64(h.ToMs-100-skips[i].ToMs)) > 150 {
					t.Errorf("ffmpeg hears silence %d at %v; the map skips %v", i, h, skips[i])
				}
			}
			play := peerplaypay.PlayMs(l.DurationMs, skips, 1)
			t.Logf("%s: %d ms recorded, %.0f ms to play skipping silence; skips %v; ffmpeg %v", c.name, l.DurationMs, play, skips, heard)
			if play < 9000 || play > 9800 {
				t.Errorf("skipping silence plays %.0f ms of %d; want about 9.4 s (9 s of tone, 0.4 s kept around the pauses)", play, l.DurationMs)
			}
		})
	}
}

var (
	playerPlaying = regexp.MustCompile(`ui: player playing" currentTime=([\d.]+) paused=false rate=([\d.]+)`)
	playerEnded   = regexp.MustCompile(`time=(\S+) .*ui: player ended" currentTime=([\d.]+)`)
	playerSkipped = regexp.MustCompile(`ui: player skipped" from=(\d+) to=(\d+)`)
	inboxRendered = regexp.MustCompile(`ui: area rendered" area=inbox ms=(\d+)`)
	peerLogShown  = regexp.MustCompile(`ui: peer log shown" done="([^"]*)" expired=(\w+) player=(\w+) said="([^"]*)" table="([^"]*)"`)
)

// timed waits for a playback from the start to its end and returns how
// long it took on the wall clock, from the player's own log: from the
// first position it logged while playing, less the time it had played to
// reach it, to its end.
//
// Where a log was opened after mark, the clock starts at its first
// position: the one open before may still log a position or two.
func (s *session) timed(mark int) (time.Duration, int) {
	s.t.Helper()
	if i := s.indexAfter(mark, playerLoaded); i >= 0 {
		mark = i + 1
	}
	first := parseTime(s.t, s.waitLine(mark, playerTime, 20*time.Second))
	end := s.waitLine(mark, playerEnded, 60*time.Second)
	t0 := first.wall.Add(-time.Duration(first.pos / first.rate * float64(time.Second)))
	t1, _ := time.Parse(time.RFC3339Nano, end[1])
	log := s.log()
	lines := strings.Split(log, "\n")
	skips := 0
	for _, l := range lines[min(mark, len(lines)):] {
		if playerSkipped.MatchString(l) {
			skips++
		}
	}
	return t1.Sub(t0), skips
}

// keys presses keys one at a time, as a person does.
func (s *session) keys(keys ...string) {
	for _, k := range keys {
		s.xdo("key", k)
		time.Sleep(150 * time.Millisecond)
	}
}

// TestInboxInWindow: Bob shares a video stand-up asking for help, an audio
// one and a text log, all with the synthetic microphone's pauses; Ada's
// window lists them unwatched in the Inbox, plays all unwatched, shows the
// video at 2x with its table beside it, and plays the audio skipping its
// silences in about its speech time (measured, at 1x and 2x). What Ada
// watched, and where she stopped, is kept on her laptop.
func TestInboxInWindow(t *testing.T) {
	share := filepath.Join(t.TempDir(), "share")
	ada, bob := onboarded(t), t.TempDir()
	must := func(args ...string) []byte {
		t.Helper()
		out, err := cli(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	must("profile", "set", "--name", "Bob", "--data-dir", bob)
	must("team", "create", share, "--name", "Engines", "--data-dir", ada)
	var inv struct{ Invite string }
	json.Unmarshal(must("team", "invite", "--json", "--data-dir", ada), &inv)
	must("team", "join", share, "--invite", inv.Invite, "--data-dir", bob)
	var st struct{ SafetyCode string }
	json.Unmarshal(must("team", "status", "--json", "--data-dir", bob), &st)
	var reqs []struct{ ID string }
	json.Unmarshal(must("team", "requests", "--json", "--data-dir", ada), &reqs)
	must("team", "approve", reqs[0].ID, "--code", st.SafetyCode, "--data-dir", ada)
	must("sync", "--data-dir", bob)
	// The two recordings run side by side, the audio one started once the
	// video one has, so that it is the later of the two.
	video := startRecord(t, bob, "--seconds", "40", "--quality", "small", "--video", "synthetic", "--audio", "synthetic-pauses",
		"--done", "Shipped the importer's second pass", "--how", "pairing with Cyd", "--why", "the March release needs it",
		"--next", "the parser's error messages", "--help-needed", "a review of the grammar changes", "--mood", "4", "--energy", "3")
	video.waitStarted(t)
	time.Sleep(1100 * time.Millisecond)
	voice := startRecord(t, bob, "--seconds", "20", "--audio-only", "--audio", "synthetic-pauses",
		"--done", "Walked through the on-call notes", "--mood", "3", "--energy", "4")
	voice.wait(t)
	video.wait(t)
	must("logs", "add", "--data-dir", bob, "--done", "Read the design review", "--next", "comments by Friday")
	// A recording from last spring, expired by the team's retention: its
	// table stays, the player gives way to a sentence.
	oldID, _ := strconv.ParseInt(strings.TrimSpace(string(must("record", "--data-dir", bob, "--seconds", "2", "--audio-only", "--audio", "synthetic",
		"--done", "Demoed the first importer"))), 10, 64)
	backdate(t, bob, oldID, 8)
	must("team", "settings", "set", "retention.months", "6", "--data-dir", bob)
	must("sync", "--data-dir", bob)
	must("sync", "--data-dir", ada)

	s := launch(t, startXvfb(t), ada, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, wx, wy := s.window()
	s.xdo("windowfocus", "--sync", id)
	mark := s.mark()
	s.xdo("key", "ctrl+6")
	ms := s.waitLine(mark, inboxRendered, 20*time.Second)[1]
	t.Logf("the inbox rendered in %s ms", ms)
	time.Sleep(500 * time.Millisecond)
	s.screenshot("inbox-unwatched.png")

	// Keyboard only: from the title, the Inbox's four tabs, the three
	// views, search, then Play all unwatched: the video (the first Bob
	// made) opens and plays.
	mark = s.mark()
	s.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Return")
	loaded := s.waitLine(mark, playerLoaded, 20*time.Second)
	if loaded[4] != "video" {
		t.Fatalf("play all opened %v; want the video first", loaded)
	}
	s.waitLine(mark, playerPlaying, 20*time.Second)

	// 2x, with skip silence off while the speed is measured (a jump would
	// pass for speed); then on again.
	s.keys("s", "greater", "greater")
	// On a machine busy with other work the decoder may stall for a
	// moment: the speed is measured up to three times.
	var two float64
	for range 3 {
		if two = s.speed(2); two > 1.6 && two < 2.4 {
			break
		}
	}
	t.Logf("the video plays at %.2fx", two)
	if two < 1.6 || two > 2.4 {
		t.Errorf("at 2x the position moved %.2f s a second", two)
	}
	shot := s.screenshot("inbox-video-2x-table-beside.png")
	x, _ := strconv.Atoi(loaded[7])
	y, _ := strconv.Atoi(loaded[8])
	w, _ := strconv.Atoi(loaded[5])
	h, _ := strconv.Atoi(loaded[2])
	if lit, colours := frameStats(t, shot, rectAt(wx+x, wy+y, w, h)); lit < 0.3 || colours < 50 {
		t.Errorf("the player shows no decoded frame: %.0f%% lit, %d colours", lit*100, colours)
	}
	s.keys("s")

	// N: the next unwatched, the audio log; play all goes on at 2x.
	mark = s.mark()
	s.keys("n")
	if l := s.waitLine(mark, playerLoaded, 20*time.Second); l[4] != "audio" {
		t.Fatalf("N opened %v; want the audio log", l)
	}
	at2, skips2 := s.timed(mark)
	playerLines := s.linesSince(mark, "ui: player ")
	// Again at 1x from the start: Home, slower twice, Space.
	mark = s.mark()
	s.keys("Home", "less", "less", "space")
	at1, skips1 := s.timed(mark)
	var audio loudLog
	var logs []struct {
		loudLog
		Kind         string
		Watched      bool
		PositionMs   int64
		MediaExpired bool
	}
	json.Unmarshal(must("peers", "logs", "--json", "--data-dir", ada), &logs)
	var videoPos int64 = -1
	for _, l := range logs {
		if l.MediaExpired {
			continue // the one from last spring, below
		}
		switch l.Kind {
		case "audio":
			audio = l.loudLog
			if !l.Watched {
				t.Errorf("the audio log played to its end is not watched: %+v", l)
			}
		case "video":
			videoPos = l.PositionMs
			if l.Watched {
				t.Errorf("the video left half-way counts as watched")
			}
		}
	}
	if videoPos <= 0 {
		t.Errorf("where Ada stopped the video was not kept: %d ms", videoPos)
	}
	speech := peerplaypay.PlayMs(audio.DurationMs, peerplaypay.SkipsOf(audio.Loudness, audio.DurationMs), 1)
	t.Logf("audio log: %d ms recorded, %.0f ms of it played when skipping silence; played in %v at 1x (%d jumps), %v at 2x (%d jumps)",
		audio.DurationMs, speech, at1.Round(time.Millisecond), skips1, at2.Round(time.Millisecond), skips2)
	if skips1 < 3 || skips2 < 3 {
		t.Errorf("jumped %d and %d times; the recording has 4 pauses", skips1, skips2)
	}
	if want := time.Duration(speech) * time.Millisecond; at1 < want-time.Second || at1 > want+2*time.Second {
		t.Errorf("at 1x skipping silence it played in %v; want about %v (its speech time), not %v (all of it)", at1, want, time.Duration(audio.DurationMs)*time.Millisecond)
	}
	if want := time.Duration(speech/2) * time.Millisecond; at2 < want-time.Second || at2 > want+2*time.Second {
		t.Errorf("at 2x skipping silence it played in %v; want about %v; the player said:\n%s", at2, want, playerLines)
	}

	// N until the expired log: its table, the sentence, no player.
	var shown []string
	for range 5 {
		mark = s.mark()
		s.keys("n")
		if shown = s.waitLine(mark, peerLogShown, 10*time.Second); shown[2] == "true" {
			break
		}
	}
	if shown[1] != "Demoed the first importer" || shown[2] != "true" || shown[3] != "false" ||
		!strings.HasPrefix(shown[4], "Recording expired.") || !strings.Contains(shown[5], "Demoed the first importer") {
		t.Errorf("the expired log shows %q", shown)
	}
	time.Sleep(500 * time.Millisecond) // the frame drawn, for the screenshot
	s.screenshot("inbox-recording-expired.png")

	// The smallest window: the log view, then the list.
	s.xdo("windowsize", "--sync", id, "800", "600")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("inbox-log-800x600.png")
	s.keys("Escape")
	time.Sleep(800 * time.Millisecond)
	s.screenshot("inbox-800x600.png")
	if m := playerError.FindString(s.log()); m != "" {
		t.Errorf("the player reported an error: %s", m)
	}
}

func rectAt(x, y, w, h int) image.Rectangle { return image.Rect(x, y, x+w, y+h) }
