// Package media records stand-ups: camera and microphone capture through
// pion/mediadevices, VP8 or VP9 (our own libvpx builder, vpx.go) and Opus encoding,
// and a WebM muxer of our own that writes every block as it arrives and can
// rebuild a file cut off by a crash (Repair).
//
// Pipeline, one recording:
//
//	RecordParams -> codec selector (VPXParams, opus) -> constraints with the
//	driver ID -> track (closed at the end) -> gate transform (pause, preview,
//	level meter, capture time) -> encoded reader -> packet queue -> webmWriter
//
// Files: synthetic.go (test devices), devices.go (listing, guards),
// vpx.go (encoder), vp9check*.go (can this machine record VP9), head.go
// (deterministic talking head for checks and bench), recorder.go, webm_write.go, webm_read.go (Probe,
// Repair), doctor.go (codec checks).
package media
