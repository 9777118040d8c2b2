//go:build e2e

package e2e

import (
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// window returns the app's window id once it is shown, and its position.
func (s *session) window() (id string, x, y int) {
	s.t.Helper()
	id = strings.Fields(s.xdo("search", "--sync", "--onlyvisible", "--name", "^PeerPlayPay$"))[0]
	m := regexp.MustCompile(`Position: (\d+),(\d+)`).FindStringSubmatch(s.xdo("getwindowgeometry", id))
	if m == nil {
		s.t.Fatal("no window position")
	}
	x, _ = strconv.Atoi(m[1])
	y, _ = strconv.Atoi(m[2])
	return id, x, y
}

// atOrigin puts the whole window on the screen at its top left corner, at
// 1280x800 and focused, so that what the page says of its places is where
// the pointer goes; it returns the window's id.
func (s *session) atOrigin() string {
	s.t.Helper()
	id, _, _ := s.window()
	s.xdo("windowmove", "--sync", id, "0", "0")
	s.xdo("windowsize", "--sync", id, "1280", "800")
	s.xdo("windowfocus", "--sync", id)
	time.Sleep(500 * time.Millisecond) // the resize's layout
	return id
}

var (
	playerLoaded = regexp.MustCompile(`ui: player loaded" duration=([\d.]+) h=(\d+) height=(\d+) kind=(\w+) w=(\d+) width=(\d+) x=(-?\d+) y=(-?\d+)`)
	playerTime   = regexp.MustCompile(`time=(\S+) .*ui: player time" currentTime=([\d.]+) paused=false rate=([\d.]+)`)
	playerSeeked = regexp.MustCompile(`ui: player seeked" currentTime=([\d.]+)`)
	playerError  = regexp.MustCompile(`ui: player error.*`)
)

// timeAt is a playing player's position as the page logged it.
type timeAt struct {
	wall time.Time
	pos  float64
	rate float64
}

func parseTime(t *testing.T, m []string) timeAt {
	wall, err := time.Parse(time.RFC3339Nano, m[1])
	if err != nil {
		t.Fatal(err)
	}
	pos, _ := strconv.ParseFloat(m[2], 64)
	rate, _ := strconv.ParseFloat(m[3], 64)
	return timeAt{wall, pos, rate}
}

// speed measures how fast the position moves against the wall clock over
// about two seconds of playing at rate.
func (s *session) speed(rate float64) float64 {
	s.t.Helper()
	re := regexp.MustCompile(`time=(\S+) .*ui: player time" currentTime=([\d.]+) paused=false rate=(` + strconv.FormatFloat(rate, 'f', -1, 64) + `)$`)
	s.waitLine(s.mark(), re, 10*time.Second)
	time.Sleep(500 * time.Millisecond) // past a seek or a rate change settling
	first := parseTime(s.t, s.waitLine(s.mark(), re, 10*time.Second))
	time.Sleep(2 * time.Second)
	last := parseTime(s.t, s.waitLine(s.mark(), re, 10*time.Second))
	s.t.Logf("at %gx: %.2f s at %s, %.2f s at %s", rate, first.pos, first.wall.Format("15:04:05.000"), last.pos, last.wall.Format("15:04:05.000"))
	return (last.pos - first.pos) / last.wall.Sub(first.wall).Seconds()
}

// TestPlaybackInWindow plays a video and an audio log in the production
// window (WebKitGTK and GStreamer), reading the player's state from the
// app's log, and checks a decoded frame on screen; then a Compact (VP9)
// log, which needs GStreamer's VP9 decoder.
func TestPlaybackInWindow(t *testing.T) {
	dataDir := t.TempDir()
	if _, err := cli(t, "profile", "set", "--name", "Ada", "--data-dir", dataDir); err != nil {
		t.Fatal(err)
	}
	// The oldest log, so the last in the list.
	out, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "4", "--quality", "compact", "--video", "synthetic", "--audio", "synthetic", "--done", "vp9 log", "--json")
	if err != nil {
		t.Fatalf("record compact: %v", err)
	}
	var vp9 logEntry
	if err := json.Unmarshal(out, &vp9); err != nil {
		t.Fatal(err)
	}
	if p, d := ffprobe(t, filepath.Join(dataDir, vp9.MediaPath)); len(p.Streams) != 2 || p.Streams[0].CodecName != "vp9" ||
		p.Streams[0].Width != 1280 || p.Streams[1].CodecName != "opus" || d < 3.5 {
		t.Fatalf("the Compact recording is %+v, %.2f s; want 4 s of 1280x720 VP9 and Opus (a machine too slow for VP9 at 30 fps records VP8: `record` says so)", p.Streams, d)
	}
	if _, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "4", "--audio-only", "--audio", "synthetic", "--done", "audio log"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli(t, "record", "--data-dir", dataDir, "--seconds", "14", "--video", "synthetic", "--audio", "synthetic", "--done", "video log"); err != nil {
		t.Fatal(err)
	}

	display := startXvfb(t)
	s := launch(t, display, dataDir, "PEERPLAYPAY_LOG=debug")
	s.waitReady()
	id, wx, wy := s.window()
	s.xdo("windowfocus", "--sync", id)

	// Keyboard only: Logs, then Tab past search and the two dates (each a
	// field and its calendar button) to the newest log (the video), Enter
	// opens it, Space plays.
	mark := s.mark()
	s.xdo("key", "ctrl+2")
	// Tabs sent before the list is painted would walk the sidebar.
	s.waitLine(mark, regexp.MustCompile(`ui: area rendered" area=logs`), 15*time.Second)
	time.Sleep(300 * time.Millisecond)
	s.xdo("key", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Return")
	loaded := s.waitLine(mark, playerLoaded, 15*time.Second)
	if loaded[4] != "video" || loaded[6] != "1280" || loaded[3] != "720" {
		t.Fatalf("loaded %v; want the 1280x720 video", loaded)
	}
	s.xdo("key", "space")
	played := parseTime(t, s.waitLine(mark, regexp.MustCompile(`time=(\S+) .*ui: player time" currentTime=([1-9][\d.]*) paused=false rate=([\d.]+)`), 15*time.Second))
	t.Logf("the video played to %.2f s", played.pos)

	// A decoded frame on screen, not a black box.
	shot := s.screenshot("playback-video.png")
	x, _ := strconv.Atoi(loaded[7])
	y, _ := strconv.Atoi(loaded[8])
	w, _ := strconv.Atoi(loaded[5])
	h, _ := strconv.Atoi(loaded[2])
	if lit, colours := frameStats(t, shot, image.Rect(wx+x, wy+y, wx+x+w, wy+y+h)); lit < 0.3 || colours < 50 {
		t.Errorf("the player shows no decoded frame: %.0f%% of its pixels lit, %d colours", lit*100, colours)
	}

	// 1x, then 2x (the > key twice) plays about twice as fast; from the
	// start (Home), so that the end of the recording does not come first.
	one := s.speed(1)
	s.xdo("key", "Home", "greater", "greater")
	two := s.speed(2)
	t.Logf("playback speed: %.2f at 1x, %.2f at 2x", one, two)
	if one < 0.8 || one > 1.2 || two < 1.6 || two > 2.4 {
		t.Errorf("position moved %.2f s per s at 1x and %.2f at 2x", one, two)
	}

	// Seeking lands: on 5 s with the right arrow.
	before := parseTime(t, s.waitLine(s.mark(), playerTime, 5*time.Second))
	mark = s.mark()
	s.xdo("key", "Right")
	sought, _ := strconv.ParseFloat(s.waitLine(mark, playerSeeked, 5*time.Second)[1], 64)
	if want := before.pos + 5; sought < want-1.2 || sought > want+1.2 {
		t.Errorf("seeked from about %.2f to %.2f; want about %.2f", before.pos, sought, want)
	}

	// The audio log: Esc back to the list (focus on the video's row), Tab
	// to the next row, Enter, Space.
	mark = s.mark()
	s.xdo("key", "Escape")
	time.Sleep(500 * time.Millisecond)
	s.xdo("key", "Tab", "Return")
	if l := s.waitLine(mark, playerLoaded, 15*time.Second); l[4] != "audio" {
		t.Fatalf("loaded %v; want the audio log", l)
	}
	s.xdo("key", "space")
	s.waitLine(mark, regexp.MustCompile(`ui: player time" currentTime=([1-9][\d.]*) paused=false`), 15*time.Second)
	if m := playerError.FindString(s.log()); m != "" {
		t.Errorf("the player reported an error: %s", m)
	}
	s.screenshot("playback-audio.png")

	// The VP9 log, the next row: it loads at its size, plays past 1 s and
	// shows a decoded frame.
	mark = s.mark()
	s.xdo("key", "Escape")
	time.Sleep(500 * time.Millisecond)
	s.xdo("key", "Tab", "Return")
	loaded = s.waitLine(mark, playerLoaded, 15*time.Second)
	if loaded[4] != "video" || loaded[6] != "1280" || loaded[3] != "720" {
		t.Fatalf("loaded %v; want the 1280x720 VP9 video", loaded)
	}
	s.xdo("key", "space")
	s.waitLine(mark, regexp.MustCompile(`ui: player time" currentTime=([1-9][\d.]*) paused=false`), 15*time.Second)
	shot = s.screenshot("playback-vp9.png")
	x, _ = strconv.Atoi(loaded[7])
	y, _ = strconv.Atoi(loaded[8])
	if lit, colours := frameStats(t, shot, image.Rect(wx+x, wy+y, wx+x+w, wy+y+h)); lit < 0.3 || colours < 50 {
		t.Errorf("the player shows no decoded VP9 frame: %.0f%% of its pixels lit, %d colours", lit*100, colours)
	}
	if m := playerError.FindString(s.log()); m != "" {
		t.Errorf("the player reported an error: %s", m)
	}
}

// frameStats reads a screenshot and returns, for rect, the share of pixels
// that are not near black and how many distinct coarse colours it holds.
func frameStats(t *testing.T, path string, rect image.Rectangle) (float64, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rect = rect.Intersect(img.Bounds())
	if rect.Empty() {
		t.Fatalf("the player's area %v is off the screen %v", rect, img.Bounds())
	}
	lit, n := 0, 0
	colours := map[uint32]bool{}
	for y := rect.Min.Y; y < rect.Max.Y; y += 2 {
		for x := rect.Min.X; x < rect.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if (r+g+b)/3 > 0x3000 {
				lit++
			}
			colours[(r>>12)<<8|(g>>12)<<4|b>>12] = true
			n++
		}
	}
	return float64(lit) / float64(n), len(colours)
}
