package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"sync"
)

// A small WebM (Matroska subset) muxer of our own. We need three things no Go
// muxer gave us together: every block reaches the file the moment it is
// muxed (so SIGKILL loses almost nothing), a finished file with Duration,
// Cues and known sizes (so players seek), and the same code path to rebuild a
// truncated file in Repair. at-wat/ebml-go writes blocks through a goroutine
// and an interleaving interceptor, panics on write errors by default, and
// cannot be driven from an existing file's blocks, so we write the few
// elements ourselves.

// EBML / Matroska element IDs (with their length-marker bits, as in the spec).
const (
	idEBML               = 0x1A45DFA3
	idEBMLVersion        = 0x4286
	idEBMLReadVersion    = 0x42F7
	idEBMLMaxIDLength    = 0x42F2
	idEBMLMaxSizeLength  = 0x42F3
	idDocType            = 0x4282
	idDocTypeVersion     = 0x4287
	idDocTypeReadVersion = 0x4285
	idSegment            = 0x18538067
	idSeekHead           = 0x114D9B74
	idSeek               = 0x4DBB
	idSeekID             = 0x53AB
	idSeekPosition       = 0x53AC
	idInfo               = 0x1549A966
	idTimecodeScale      = 0x2AD7B1
	idDuration           = 0x4489
	idMuxingApp          = 0x4D80
	idWritingApp         = 0x5741
	idTracks             = 0x1654AE6B
	idTrackEntry         = 0xAE
	idTrackNumber        = 0xD7
	idTrackUID           = 0x73C5
	idTrackType          = 0x83
	idFlagLacing         = 0x9C
	idCodecID            = 0x86
	idCodecPrivate       = 0x63A2
	idCodecDelay         = 0x56AA
	idSeekPreRoll        = 0x56BB
	idVideo              = 0xE0
	idPixelWidth         = 0xB0
	idPixelHeight        = 0xBA
	idAudio              = 0xE1
	idSamplingFrequency  = 0xB5
	idChannels           = 0x9F
	idCluster            = 0x1F43B675
	idTimecode           = 0xE7
	idPosition           = 0xA7
	idPrevSize           = 0xAB
	idSimpleBlock        = 0xA3
	idBlockGroup         = 0xA0
	idBlock              = 0xA1
	idReferenceBlock     = 0xFB
	idBlockDuration      = 0x9B
	idCues               = 0x1C53BB6B
	idCuePoint           = 0xBB
	idCueTime            = 0xB3
	idCueTrackPositions  = 0xB7
	idCueTrack           = 0xF7
	idCueClusterPosition = 0xF1
	idVoid               = 0xEC
	idTags               = 0x1254C367
	idChapters           = 0x1043A770
	idAttachments        = 0x1941A469
)

const (
	unknownSize      = 0x01FFFFFFFFFFFFFF // 8-byte "size unknown" vint
	seekHeadReserve  = 128                // Void kept for the SeekHead written at the end
	durationElemSize = 11                 // 2-byte ID + 1-byte size + float64
	muxingApp        = "peerplaypay"
)

func appendID(b []byte, id uint32) []byte {
	switch {
	case id >= 1<<24:
		return append(b, byte(id>>24), byte(id>>16), byte(id>>8), byte(id))
	case id >= 1<<16:
		return append(b, byte(id>>16), byte(id>>8), byte(id))
	case id >= 1<<8:
		return append(b, byte(id>>8), byte(id))
	default:
		return append(b, byte(id))
	}
}

// appendSize writes n as the shortest EBML vint (all-ones is reserved for
// "unknown", so a length's maximum value is one less).
func appendSize(b []byte, n uint64) []byte {
	for l := 1; l <= 8; l++ {
		if n < 1<<(7*l)-1 {
			return appendSizeN(b, n, l)
		}
	}
	return appendSizeN(b, n, 8)
}

// appendSizeN writes n as an l-byte vint, so it can be patched in place.
func appendSizeN(b []byte, n uint64, l int) []byte {
	v := n | 1<<(7*l)
	for i := l - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

func appendUintElem(b []byte, id uint32, v uint64) []byte {
	n := 1
	for v>>(8*n) != 0 && n < 8 {
		n++
	}
	b = appendID(b, id)
	b = appendSize(b, uint64(n))
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}

func appendFloatElem(b []byte, id uint32, v float64) []byte {
	b = appendID(b, id)
	b = append(b, 0x88)
	return binary.BigEndian.AppendUint64(b, math.Float64bits(v))
}

func appendBytesElem(b []byte, id uint32, v []byte) []byte {
	b = appendID(b, id)
	b = appendSize(b, uint64(len(v)))
	return append(b, v...)
}

func appendMaster(b []byte, id uint32, children []byte) []byte {
	return appendBytesElem(b, id, children)
}

func appendVoid(b []byte, total int) []byte {
	// total >= 2: ID + 1-byte size + padding.
	b = append(b, idVoid)
	b = appendSizeN(b, uint64(total-2), 1)
	return append(b, make([]byte, total-2)...)
}

// webmVideo and webmAudio describe the streams of a recording.
type webmVideo struct {
	Width, Height int
	VP9           bool // V_VP9 rather than V_VP8
}

type webmAudio struct {
	SampleRate, Channels int
	PreSkip              int // Opus encoder delay in 48 kHz samples
}

type webmConfig struct {
	Video *webmVideo
	Audio *webmAudio
	// TracksRaw, when set, is a complete Tracks element copied from another
	// file (Repair), and VideoTrack names its video track (0: none).
	TracksRaw  []byte
	VideoTrack uint64
}

func opusHead(channels, preSkip, rate int) []byte {
	b := []byte("OpusHead")
	b = append(b, 1, byte(channels))
	b = binary.LittleEndian.AppendUint16(b, uint16(preSkip))
	b = binary.LittleEndian.AppendUint32(b, uint32(rate))
	b = binary.LittleEndian.AppendUint16(b, 0) // output gain
	return append(b, 0)                        // mapping family 0
}

func (c webmConfig) tracks() ([]byte, uint64, uint64) {
	var entries []byte
	var videoN, audioN uint64
	n := uint64(1)
	if c.Video != nil {
		var e []byte
		e = appendUintElem(e, idTrackNumber, n)
		e = appendUintElem(e, idTrackUID, n)
		e = appendUintElem(e, idTrackType, 1)
		e = appendUintElem(e, idFlagLacing, 0)
		codecID := "V_VP8"
		if c.Video.VP9 {
			codecID = "V_VP9"
		}
		e = appendBytesElem(e, idCodecID, []byte(codecID))
		var v []byte
		v = appendUintElem(v, idPixelWidth, uint64(c.Video.Width))
		v = appendUintElem(v, idPixelHeight, uint64(c.Video.Height))
		e = appendMaster(e, idVideo, v)
		entries = appendMaster(entries, idTrackEntry, e)
		videoN = n
		n++
	}
	if c.Audio != nil {
		var e []byte
		e = appendUintElem(e, idTrackNumber, n)
		e = appendUintElem(e, idTrackUID, n)
		e = appendUintElem(e, idTrackType, 2)
		e = appendUintElem(e, idFlagLacing, 0)
		e = appendBytesElem(e, idCodecID, []byte("A_OPUS"))
		e = appendBytesElem(e, idCodecPrivate, opusHead(c.Audio.Channels, c.Audio.PreSkip, c.Audio.SampleRate))
		e = appendUintElem(e, idCodecDelay, uint64(c.Audio.PreSkip)*1e9/48000)
		e = appendUintElem(e, idSeekPreRoll, 80_000_000)
		var a []byte
		a = appendFloatElem(a, idSamplingFrequency, float64(c.Audio.SampleRate))
		a = appendUintElem(a, idChannels, uint64(c.Audio.Channels))
		e = appendMaster(e, idAudio, a)
		entries = appendMaster(entries, idTrackEntry, e)
		audioN = n
	}
	return appendMaster(nil, idTracks, entries), videoN, audioN
}

type cuePoint struct {
	time  int64
	track uint64
	pos   int64 // cluster position relative to segment data
}

// webmWriter writes a WebM file incrementally. Timestamps are milliseconds
// (TimecodeScale 1 ms). Safe for concurrent use.
type webmWriter struct {
	mu sync.Mutex
	f  *os.File

	pos          int64 // bytes written so far == current offset
	segSizePos   int64
	segDataStart int64
	seekPos      int64
	infoPos      int64
	infoChildren []byte
	tracksPos    int64

	VideoTrack, AudioTrack uint64

	inCluster      bool
	clusterStart   int64
	clusterSizePos int64
	clusterTC      int64

	cues   []cuePoint
	endTS  int64 // max(block ts + its duration)
	blocks int
	buf    []byte
	err    error
	closed bool
}

func newWebMWriter(f *os.File, cfg webmConfig) (*webmWriter, error) {
	w := &webmWriter{f: f}
	var tracks []byte
	if cfg.TracksRaw != nil {
		tracks = cfg.TracksRaw
		w.VideoTrack = cfg.VideoTrack
	} else {
		tracks, w.VideoTrack, w.AudioTrack = cfg.tracks()
	}

	var hdr []byte
	hdr = appendUintElem(hdr, idEBMLVersion, 1)
	hdr = appendUintElem(hdr, idEBMLReadVersion, 1)
	hdr = appendUintElem(hdr, idEBMLMaxIDLength, 4)
	hdr = appendUintElem(hdr, idEBMLMaxSizeLength, 8)
	hdr = appendBytesElem(hdr, idDocType, []byte("webm"))
	hdr = appendUintElem(hdr, idDocTypeVersion, 4)
	hdr = appendUintElem(hdr, idDocTypeReadVersion, 2)
	b := appendMaster(nil, idEBML, hdr)

	b = appendID(b, idSegment)
	w.segSizePos = int64(len(b))
	b = appendSizeN(b, unknownSize, 8)
	w.segDataStart = int64(len(b))

	w.seekPos = int64(len(b))
	b = appendVoid(b, seekHeadReserve)

	// Info is written with an 8-byte size and followed by an 11-byte Void,
	// so Close can rewrite it in place with a Duration element added.
	w.infoPos = int64(len(b))
	w.infoChildren = appendUintElem(nil, idTimecodeScale, 1_000_000)
	w.infoChildren = appendBytesElem(w.infoChildren, idMuxingApp, []byte(muxingApp))
	w.infoChildren = appendBytesElem(w.infoChildren, idWritingApp, []byte(muxingApp))
	b = appendID(b, idInfo)
	b = appendSizeN(b, uint64(len(w.infoChildren)), 8)
	b = append(b, w.infoChildren...)
	b = appendVoid(b, durationElemSize)

	w.tracksPos = int64(len(b))
	b = append(b, tracks...)
	if err := w.write(b); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *webmWriter) write(b []byte) error {
	if w.err != nil {
		return w.err
	}
	n, err := w.f.Write(b)
	w.pos += int64(n)
	if err != nil {
		w.err = fmt.Errorf("write webm: %w", err)
	}
	return w.err
}

func (w *webmWriter) patch(off int64, b []byte) {
	if w.err != nil {
		return
	}
	if _, err := w.f.WriteAt(b, off); err != nil {
		w.err = fmt.Errorf("patch webm: %w", err)
	}
}

func (w *webmWriter) closeCluster() {
	if !w.inCluster {
		return
	}
	w.patch(w.clusterSizePos, appendSizeN(nil, uint64(w.pos-w.clusterSizePos-8), 8))
	w.inCluster = false
}

// WriteBlock muxes one frame. ts is in ms; dur is the frame's duration in
// ms, used only for the final Duration. A new Cluster starts at each video
// keyframe (and at least every 5 s), which is where Cues point.
func (w *webmWriter) WriteBlock(track uint64, ts int64, key bool, data []byte, dur int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("write webm: already closed")
	}
	if w.err != nil {
		return w.err
	}
	isVideo := track == w.VideoTrack && w.VideoTrack != 0
	newCluster := !w.inCluster ||
		(isVideo && key && ts-w.clusterTC >= 250) ||
		(!isVideo && w.VideoTrack == 0 && ts-w.clusterTC >= 5000) ||
		ts-w.clusterTC >= 30000
	if ts-w.clusterTC < -32768 {
		return nil // cannot be expressed; never happens with sorted input
	}
	b := w.buf[:0]
	if newCluster {
		w.closeCluster()
		start := w.pos
		w.clusterStart = start
		b = appendID(b, idCluster)
		w.clusterSizePos = start + int64(len(b))
		b = appendSizeN(b, unknownSize, 8)
		b = appendUintElem(b, idTimecode, uint64(max(ts, 0)))
		w.inCluster = true
		w.clusterTC = max(ts, 0)
		if isVideo && key || w.VideoTrack == 0 {
			w.cues = append(w.cues, cuePoint{time: w.clusterTC, track: track, pos: start - w.segDataStart})
		}
	}
	if isVideo && key && !newCluster && len(w.cues) == 0 {
		// The first cluster began with audio: still index the first keyframe.
		w.cues = append(w.cues, cuePoint{time: ts, track: track, pos: w.clusterStart - w.segDataStart})
	}
	b = appendID(b, idSimpleBlock)
	b = appendSize(b, uint64(len(data)+4))
	b = appendSize(b, track)
	rel := ts - w.clusterTC
	b = append(b, byte(uint16(int16(rel))>>8), byte(uint16(int16(rel))))
	var flags byte
	if key {
		flags |= 0x80
	}
	b = append(b, flags)
	b = append(b, data...)
	w.buf = b
	if err := w.write(b); err != nil {
		return err
	}
	w.blocks++
	w.endTS = max(w.endTS, ts+dur)
	return nil
}

// Size returns the bytes written so far.
func (w *webmWriter) Size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.pos
}

// Duration returns the end of the last block written.
func (w *webmWriter) Duration() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.endTS
}

// Sync flushes written blocks to stable storage.
func (w *webmWriter) Sync() error {
	// No lock: fsync may take a while and writes can continue meanwhile.
	return w.f.Sync()
}

// Close finishes the file: cluster and segment sizes, Cues, SeekHead and
// Duration, then fsync. It does not close the *os.File.
func (w *webmWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.err
	}
	w.closed = true
	w.closeCluster()

	cuesPos := w.pos
	var cps []byte
	for _, c := range w.cues {
		var tp []byte
		tp = appendUintElem(tp, idCueTrack, c.track)
		tp = appendUintElem(tp, idCueClusterPosition, uint64(c.pos))
		var cp []byte
		cp = appendUintElem(cp, idCueTime, uint64(c.time))
		cp = appendMaster(cp, idCueTrackPositions, tp)
		cps = appendMaster(cps, idCuePoint, cp)
	}
	if len(w.cues) > 0 {
		_ = w.write(appendMaster(nil, idCues, cps))
	}
	w.patch(w.segSizePos, appendSizeN(nil, uint64(w.pos-w.segDataStart), 8))

	var seeks []byte
	addSeek := func(id uint32, pos int64) {
		var s []byte
		s = appendBytesElem(s, idSeekID, appendID(nil, id))
		s = appendUintElem(s, idSeekPosition, uint64(pos-w.segDataStart))
		seeks = appendMaster(seeks, idSeek, s)
	}
	addSeek(idInfo, w.infoPos)
	addSeek(idTracks, w.tracksPos)
	if len(w.cues) > 0 {
		addSeek(idCues, cuesPos)
	}
	sh := appendMaster(nil, idSeekHead, seeks)
	sh = appendVoid(sh, seekHeadReserve-len(sh))
	w.patch(w.seekPos, sh)

	children := appendFloatElem(append([]byte(nil), w.infoChildren...), idDuration, float64(w.endTS))
	info := appendID(nil, idInfo)
	info = appendSizeN(info, uint64(len(children)), 8)
	info = append(info, children...)
	w.patch(w.infoPos, info)

	if w.err == nil {
		if err := w.f.Sync(); err != nil {
			w.err = fmt.Errorf("sync webm: %w", err)
		}
	}
	return w.err
}
