package app

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"
)

// WebKitGTK plays media through GStreamer, which cannot read the app's own
// URL scheme (wails://): a <video> pointing at the asset server fails with
// "FormatError" on Linux while it plays in a browser. GStreamer's HTTP source
// does read http://, with Range requests for seeking, and streams: memory
// stays flat however long the recording.
//
// So on Linux the window plays recordings from a server on the loopback
// interface, bound to a random port. Nothing else on the machine may read
// recordings through it: every URL carries a random 256-bit token made for
// this run, the Host header must be the loopback address itself (a web page
// cannot reach it by DNS rebinding), only GET and HEAD of known logs by ID
// are served, and no CORS header lets a page elsewhere read what it serves.
// On macOS (WKWebView) and Windows (WebView2) the asset server's scheme
// plays media, so there the page keeps using relative /media/ URLs.

// mediaServer is the loopback server; its zero value serves nothing.
type mediaServer struct {
	base  string // http://127.0.0.1:PORT/TOKEN
	host  string
	token string
	srv   *http.Server
}

// needsLoopbackMedia reports whether the webview cannot play media from the
// asset server.
func needsLoopbackMedia() bool { return runtime.GOOS == "linux" }

// startMediaServer serves the recordings of a on 127.0.0.1.
func startMediaServer(a *App) (*mediaServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	var tok [32]byte
	rand.Read(tok[:])
	s := &mediaServer{host: ln.Addr().String(), token: base64.RawURLEncoding.EncodeToString(tok[:])}
	s.base = "http://" + s.host + "/" + s.token
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{token}/logs/{id}", a.serveLogMedia)
	mux.HandleFunc("GET /{token}/peers/{id}", a.servePeerMedia)
	s.srv = &http.Server{Handler: s.guard(mux), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// guard lets through only requests for this server by its own address,
// carrying this run's token.
func (s *mediaServer) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		switch {
		case r.Host != s.host:
			http.Error(w, "forbidden", http.StatusForbidden)
		case subtle.ConstantTimeCompare([]byte(tok), []byte(s.token)) != 1:
			http.NotFound(w, r)
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		default:
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("Referrer-Policy", "no-referrer")
			next.ServeHTTP(w, r)
		}
	})
}

func (s *mediaServer) close() {
	if s != nil && s.srv != nil {
		s.srv.Close()
	}
}

// MediaBase is where the page loads recordings from: "" for the asset
// server (relative /media/ URLs), or the loopback server's base URL, which
// it starts on first use.
func (a *App) MediaBase() string {
	if !needsLoopbackMedia() && !a.cfg.LoopbackMedia {
		return ""
	}
	a.mediaOnce.Do(func() {
		s, err := startMediaServer(a)
		if err != nil {
			a.log.Error("media server", "err", err)
			return
		}
		a.media = s
	})
	if a.media == nil {
		return "" // the asset server is the best there is
	}
	return a.media.base
}
