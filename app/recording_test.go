package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"peerplaypay/app"
	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

// events collects what the app emits to the frontend.
type events struct {
	mu   sync.Mutex
	got  map[string][]any
	stop chan app.RecordingStopped
}

func (ev *events) emit(topic string, data any) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	ev.got[topic] = append(ev.got[topic], data)
	if s, ok := data.(app.RecordingStopped); ok {
		ev.stop <- s
	}
}

func (ev *events) progress() []app.RecordingState {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	var out []app.RecordingState
	for _, d := range ev.got[app.EventRecordingProgress] {
		out = append(out, d.(app.RecordingState))
	}
	return out
}

// MustStartSynthetic starts an App with the synthetic devices.
func MustStartSynthetic(t *testing.T) (*app.App, *events) {
	t.Helper()
	return MustStartSyntheticIn(t, t.TempDir())
}

// MustStartSyntheticIn starts an App with the synthetic devices on dir.
func MustStartSyntheticIn(t *testing.T, dir string) (*app.App, *events) {
	t.Helper()
	ev := &events{got: map[string][]any{}, stop: make(chan app.RecordingStopped, 4)}
	a := app.New(app.Config{DataDir: dir, Version: "test", SyntheticDevices: true, Emit: ev.emit}, quiet)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, ev
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestRecordingFlow(t *testing.T) {
	a, ev := MustStartSynthetic(t)
	rec, logs, h := app.NewRecording(a), app.NewLogs(a), a.MediaHandler()

	if list := app.NewDevices(a).List(); len(list.Devices) < 2 {
		t.Fatalf("synthetic devices not listed: %+v", list)
	}
	st, err := rec.Start(app.StartRequest{Table: peerplaypay.LogTable{Done: "wrote the recorder", Mood: 4}})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Recording || st.Kind != "video" || st.MaxMs != 5*60*1000 {
		t.Fatalf("state after start = %+v", st)
	}
	time.Sleep(1500 * time.Millisecond)

	if w := get(t, h, "/media/preview.jpg"); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/jpeg" || w.Body.Len() < 1000 {
		t.Errorf("preview: %d %s, %d bytes", w.Code, w.Header().Get("Content-Type"), w.Body.Len())
	}
	if err := rec.Pause(); err != nil {
		t.Fatal(err)
	}
	if !rec.State().Paused {
		t.Error("state not paused after Pause")
	}
	pausedAt := rec.State().ElapsedMs
	time.Sleep(700 * time.Millisecond)
	if d := rec.State().ElapsedMs - pausedAt; d > 150 {
		t.Errorf("elapsed grew by %d ms while paused", d)
	}
	if err := rec.Resume(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)

	e, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != peerplaypay.LogReady || e.DurationMs < 1500 || e.DurationMs > 2600 {
		t.Errorf("log = %+v; want ready, about 2 s without the pause", e)
	}
	select {
	case s := <-ev.stop:
		if s.Log == nil || s.Log.ID != e.ID || s.Error != "" {
			t.Errorf("stopped event = %+v", s)
		}
	case <-time.After(5 * time.Second):
		t.Error("no recording:stopped event")
	}
	prog := ev.progress()
	if len(prog) < 4 {
		t.Fatalf("%d progress events for 2 s of recording", len(prog))
	}
	var loud bool
	for _, p := range prog {
		loud = loud || p.Level > 0.1
	}
	if !loud {
		t.Error("the level meter never moved for a tone")
	}
	if rec.State().Recording {
		t.Error("still recording after Stop")
	}

	// Playback: the player asks for byte ranges to seek.
	url := "/media/logs/" + strconv.FormatInt(e.ID, 10)
	w := get(t, h, url, "Range", "bytes=100-1099")
	if w.Code != http.StatusPartialContent || w.Body.Len() != 1000 || w.Header().Get("Content-Type") != "video/webm" {
		t.Errorf("range request: %d, %d bytes, %s", w.Code, w.Body.Len(), w.Header().Get("Content-Type"))
	}
	if w := get(t, h, url); w.Code != http.StatusOK || int64(w.Body.Len()) != e.SizeBytes {
		t.Errorf("whole file: %d, %d bytes; want %d", w.Code, w.Body.Len(), e.SizeBytes)
	}

	loopbackMedia(t, a, e)

	page, err := logs.Find(peerplaypay.LogFilter{Query: "recorder"})
	if err != nil || page.Total != 1 || page.Logs[0].ID != e.ID {
		t.Fatalf("find = %+v, %v", page, err)
	}
	if _, err := logs.UpdateTable(e.ID, peerplaypay.LogTable{Done: "finished the recorder", Next: "playback"}); err != nil {
		t.Fatal(err)
	}
	if err := logs.Delete(e.ID); err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, url); w.Code != http.StatusNotFound {
		t.Errorf("deleted log's media: %d", w.Code)
	}
	for _, bad := range []string{"/media/logs/abc", "/media/logs/..%2f..%2fetc%2fpasswd", "/media/logs/999"} {
		if w := get(t, h, bad); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d; want 404", bad, w.Code)
		}
	}
}

func TestRecordingMaxLength(t *testing.T) {
	a, ev := MustStartSynthetic(t)
	devices := app.NewDevices(a)
	if _, err := devices.SaveSettings(app.RecordingSettings{MaxSeconds: 5}); err == nil {
		t.Error("a 5 s maximum was accepted")
	}
	if _, err := devices.SaveSettings(app.RecordingSettings{AudioDeviceID: "synthetic", MaxSeconds: 10}); err != nil {
		t.Fatal(err)
	}
	if rs, _ := devices.Settings(); rs.MaxSeconds != 10 || rs.AudioDeviceID != "synthetic" {
		t.Fatalf("settings not remembered: %+v", rs)
	}
	st, err := app.NewRecording(a).Start(app.StartRequest{AudioOnly: true})
	if err != nil || st.Kind != "audio" || st.MaxMs != 10_000 {
		t.Fatalf("start = %+v, %v", st, err)
	}
	select {
	case s := <-ev.stop:
		if s.Log == nil || s.Log.DurationMs < 9500 || s.Log.DurationMs > 10500 {
			t.Errorf("stopped by itself with %+v", s.Log)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the recording did not stop at its maximum length")
	}
}

func TestRecordingErrors(t *testing.T) {
	// Synthetic devices, once registered, stay for the whole process: run
	// this test alone in a fresh one, as on a machine without devices.
	if os.Getenv("PEERPLAYPAY_TEST_FRESH") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRecordingErrors$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PEERPLAYPAY_TEST_FRESH=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return
	}
	if devs, _ := media.Devices(context.Background()); len(devs) > 0 {
		t.Skipf("this machine has real devices: %v", devs)
	}
	a := MustStart(t, t.TempDir()) // no synthetic devices
	rec := app.NewRecording(a)
	_, err := rec.Start(app.StartRequest{})
	code, msg, _ := decode(t, err)
	if code != peerplaypay.EUNAVAILABLE || msg == "" {
		t.Fatalf("start without devices: %q %q", code, msg)
	}
	if list := app.NewDevices(a).List(); list.Message == "" {
		t.Error("no message for an empty device list")
	}
	if code, _, _ := decode(t, second(rec.Stop())); code != peerplaypay.ECONFLICT {
		t.Errorf("stop with nothing running: %q", code)
	}
	// Text logs need no device.
	if _, err := app.NewLogs(a).CreateText(peerplaypay.LogTable{Done: "no camera today"}); err != nil {
		t.Fatal(err)
	}
}

// loopbackMedia checks the loopback server the Linux window plays from,
// over real HTTP: it plays the log with Range requests, and lets nothing
// else in.
func loopbackMedia(t *testing.T, a *app.App, e *peerplaypay.LogEntry) {
	t.Helper()
	base := app.NewShell(a).Status().MediaBase
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || !strings.HasPrefix(u.Host, "127.0.0.1:") || len(u.Path) < 40 {
		t.Fatalf("media base %q: want http://127.0.0.1:PORT/ and a long token", base)
	}
	do := func(method, target string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			if header[i] == "Host" {
				req.Host = header[i+1]
			} else {
				req.Header.Set(header[i], header[i+1])
			}
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, body
	}
	logURL := base + "/logs/" + strconv.FormatInt(e.ID, 10)
	res, body := do("GET", logURL, "Range", "bytes=1000-")
	if res.StatusCode != http.StatusPartialContent || int64(len(body)) != e.SizeBytes-1000 || res.Header.Get("Content-Type") != "video/webm" {
		t.Errorf("range from the loopback server: %d, %d bytes, %s", res.StatusCode, len(body), res.Header.Get("Content-Type"))
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("the loopback server lets other origins read recordings")
	}
	for _, c := range []struct {
		name, method, target string
		header               []string
		want                 int
	}{
		{"NoToken", "GET", "http://" + u.Host + "/logs/" + strconv.FormatInt(e.ID, 10), nil, http.StatusNotFound},
		{"WrongToken", "GET", "http://" + u.Host + "/" + strings.Repeat("A", 43) + "/logs/" + strconv.FormatInt(e.ID, 10), nil, http.StatusNotFound},
		{"RebindedHost", "GET", logURL, []string{"Host", "attacker.example:" + u.Port()}, http.StatusForbidden},
		{"Post", "POST", logURL, nil, http.StatusMethodNotAllowed},
		{"UnknownLog", "GET", base + "/logs/99999", nil, http.StatusNotFound},
		{"PathTraversal", "GET", base + "/logs/..%2f..%2fpeerplaypay.db", nil, http.StatusNotFound},
	} {
		if res, _ := do(c.method, c.target, c.header...); res.StatusCode != c.want {
			t.Errorf("%s: %d; want %d", c.name, res.StatusCode, c.want)
		}
	}
}

// TestRecordingDiscard: the recording just made can be discarded at once:
// its file and its log are gone, and an older log cannot be removed this way.
func TestRecordingDiscard(t *testing.T) {
	dir := t.TempDir()
	ev := &events{got: map[string][]any{}, stop: make(chan app.RecordingStopped, 4)}
	a := app.New(app.Config{DataDir: dir, Version: "test", SyntheticDevices: true, Emit: ev.emit}, quiet)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	rec, logs := app.NewRecording(a), app.NewLogs(a)

	record := func() *peerplaypay.LogEntry {
		t.Helper()
		if _, err := rec.Start(app.StartRequest{AudioOnly: true, Table: peerplaypay.LogTable{Done: "a false start"}}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(600 * time.Millisecond)
		e, err := rec.Stop()
		if err != nil {
			t.Fatal(err)
		}
		<-ev.stop
		if e.MediaPath == "" {
			t.Fatalf("no recording file: %+v", e)
		}
		return e
	}
	code := func(err error) string {
		var ue struct{ Code string }
		if err == nil || json.Unmarshal([]byte(err.Error()), &ue) != nil {
			return ""
		}
		return ue.Code
	}

	older := record()
	e := record()
	file := filepath.Join(dir, filepath.FromSlash(e.MediaPath))
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("the recording is not on disk: %v", err)
	}

	if err := rec.Discard(older.ID); code(err) != string(peerplaypay.ECONFLICT) {
		t.Fatalf("discard an older log = %v; want a conflict", err)
	}
	if _, err := logs.Get(older.ID); err != nil {
		t.Fatalf("the older log went: %v", err)
	}

	if err := rec.Discard(e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("the file is still there after discard: %v", err)
	}
	if _, err := logs.Get(e.ID); code(err) != string(peerplaypay.ENOTFOUND) {
		t.Errorf("the log after discard: %v; want not found", err)
	}
	if err := rec.Discard(e.ID); code(err) != string(peerplaypay.ECONFLICT) {
		t.Errorf("a second discard = %v; want a conflict", err)
	}
	list, err := logs.Find(peerplaypay.LogFilter{})
	if err != nil || len(list.Logs) != 1 || list.Logs[0].ID != older.ID {
		t.Errorf("logs after discard = %+v, %v; want the older one only", list, err)
	}
}
