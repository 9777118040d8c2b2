// Package media records stand-ups: camera and microphone capture through
// pion/mediadevices, VP8 (our own libvpx builder, vp8.go) and Opus encoding,
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
// vp8.go (encoder), recorder.go, webm_write.go, webm_read.go (Probe,
// Repair), doctor.go (codec checks).
package media
