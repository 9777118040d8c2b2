package app

import (
	"net/http"
	"os"
	"strconv"

	"peerplaypay/internal/peerplaypay"
)

// MediaHandler serves what the page cannot get through bindings: recordings,
// with Range requests so the player can seek, and the live preview frame.
// Only files of known logs are served, never a path from the request.
//
//	GET /media/logs/{id}    the recording of log id
//	GET /media/preview.jpg  the latest frame of the running recording
//
// On Linux the recordings are also served by the loopback server
// (mediaserver.go), the one place WebKitGTK can play them from.
func (a *App) MediaHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /media/logs/{id}", a.serveLogMedia)
	mux.HandleFunc("GET /media/peers/{id}", a.servePeerMedia)
	mux.HandleFunc("GET /media/preview.jpg", a.servePreview)
	return mux
}

func (a *App) serveLogMedia(w http.ResponseWriter, r *http.Request) {
	a.serveMedia(w, r, func(svc services, id int64) (string, peerplaypay.LogKind, error) {
		path, e, err := svc.studio.MediaFile(r.Context(), id)
		if e == nil {
			return path, "", err
		}
		return path, e.Kind, err
	})
}

// servePeerMedia serves the local copy of a peer's recording.
func (a *App) servePeerMedia(w http.ResponseWriter, r *http.Request) {
	a.serveMedia(w, r, func(svc services, id int64) (string, peerplaypay.LogKind, error) {
		path, l, err := svc.team.PeerMediaFile(r.Context(), id)
		if l == nil {
			return path, "", err
		}
		return path, l.Kind, err
	})
}

// serveMedia serves the file find names for the request's id, with Range.
func (a *App) serveMedia(w http.ResponseWriter, r *http.Request, find func(services, int64) (string, peerplaypay.LogKind, error)) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, "no such log", http.StatusNotFound)
		return
	}
	svc, err := a.services()
	if err != nil {
		http.Error(w, peerplaypay.ErrorMessage(err), http.StatusServiceUnavailable)
		return
	}
	path, kind, err := find(svc, id)
	if err != nil {
		http.Error(w, peerplaypay.ErrorMessage(err), httpStatus(err))
		return
	}
	f, err := os.Open(path)
	if err != nil {
		http.Error(w, "The recording file is missing from the data folder.", http.StatusNotFound)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		http.Error(w, "The recording file cannot be read.", http.StatusInternalServerError)
		return
	}
	ctype := "video/webm"
	if kind == peerplaypay.LogAudio {
		ctype = "audio/webm"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}

func (a *App) servePreview(w http.ResponseWriter, r *http.Request) {
	svc, err := a.services()
	if err != nil {
		http.Error(w, peerplaypay.ErrorMessage(err), http.StatusServiceUnavailable)
		return
	}
	sess := svc.studio.Active()
	if sess == nil {
		http.Error(w, "No recording is running.", http.StatusNotFound)
		return
	}
	jpeg, err := sess.PreviewJPEG()
	if err != nil || len(jpeg) == 0 {
		// Audio-only, or no frame yet: nothing to show, not an error.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(jpeg)
}

func httpStatus(err error) int {
	switch peerplaypay.ErrorCode(err) {
	case peerplaypay.ENOTFOUND:
		return http.StatusNotFound
	case peerplaypay.ECORRUPT, peerplaypay.EINVALID:
		return http.StatusBadRequest
	case peerplaypay.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}
