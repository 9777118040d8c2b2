package media

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"peerplaypay/internal/peerplaypay"
)

// FileInfo is what Probe learns from a WebM file, in pure Go.
type FileInfo struct {
	Duration    time.Duration // from the header if present, else from the blocks
	HasVideo    bool
	HasAudio    bool
	VideoCodec  string // Matroska codec ID, e.g. "V_VP8"
	AudioCodec  string // e.g. "A_OPUS"
	Width       int
	Height      int
	VideoFrames int
	AudioFrames int
	// Complete is false for a file whose writer never finished (killed,
	// crashed, power loss): no Duration, no Cues or a cut-off last block.
	// Repair makes it complete.
	Complete bool
}

// errNotWebM marks input that is not a WebM/Matroska file at all.
var errNotWebM = errors.New("not a WebM file")

// webmTrackInfo is what the parser keeps of a TrackEntry.
type webmTrackInfo struct {
	number   uint64
	typ      uint64
	codec    string
	w, h     int
	lastTS   int64 // ms
	lastStep int64 // ms between the last two blocks, to estimate the last block's duration
	blocks   int
}

type parsedWebM struct {
	scale       uint64 // ns per timecode unit
	duration    float64
	hasDuration bool
	hasCues     bool
	segKnown    bool
	truncated   bool
	tracksRaw   []byte
	tracks      map[uint64]*webmTrackInfo
	blocks      int
}

// countingReader tracks the offset for error messages and segment ends.
type countingReader struct {
	r   *bufio.Reader
	off int64
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.off++
	}
	return b, err
}

func (c *countingReader) full(b []byte) error {
	n, err := io.ReadFull(c.r, b)
	c.off += int64(n)
	return err
}

func (c *countingReader) skip(n int64) error {
	m, err := c.r.Discard(int(min(n, math.MaxInt32)))
	c.off += int64(m)
	if err == nil && int64(m) < n {
		return c.skip(n - int64(m))
	}
	return err
}

func readVint(c *countingReader, keepMarker bool) (v uint64, length int, err error) {
	first, err := c.ReadByte()
	if err != nil {
		return 0, 0, err
	}
	if first == 0 {
		return 0, 0, errors.New("invalid EBML length")
	}
	length = 1
	for mask := byte(0x80); first&mask == 0; mask >>= 1 {
		length++
	}
	if keepMarker {
		v = uint64(first)
	} else {
		v = uint64(first & (0xFF >> length))
	}
	allOnes := v == uint64(0xFF>>length)
	for i := 1; i < length; i++ {
		b, err := c.ReadByte()
		if err != nil {
			return 0, 0, err
		}
		v = v<<8 | uint64(b)
		allOnes = allOnes && b == 0xFF
	}
	if !keepMarker && allOnes {
		return math.MaxUint64, length, nil // unknown size
	}
	return v, length, nil
}

func readElemHeader(c *countingReader) (id uint32, size uint64, err error) {
	idv, l, err := readVint(c, true)
	if err != nil {
		return 0, 0, err
	}
	if l > 4 {
		return 0, 0, errors.New("invalid EBML ID")
	}
	size, _, err = readVint(c, false)
	return uint32(idv), size, err
}

func beUint(b []byte) uint64 {
	var v uint64
	for _, x := range b {
		v = v<<8 | uint64(x)
	}
	return v
}

func beFloat(b []byte) float64 {
	switch len(b) {
	case 4:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b)))
	case 8:
		return math.Float64frombits(binary.BigEndian.Uint64(b))
	}
	return 0
}

// children iterates the direct children of an in-memory master element.
func children(b []byte, f func(id uint32, data []byte)) error {
	c := &countingReader{r: bufio.NewReader(bytesReader(b))}
	for c.off < int64(len(b)) {
		id, size, err := readElemHeader(c)
		if err != nil {
			return err
		}
		if size > uint64(int64(len(b))-c.off) {
			return errors.New("child element overruns its parent")
		}
		data := b[c.off : c.off+int64(size)]
		if err := c.skip(int64(size)); err != nil {
			return err
		}
		f(id, data)
	}
	return nil
}

type sliceReader struct {
	b []byte
}

func bytesReader(b []byte) *sliceReader { return &sliceReader{b} }

func (s *sliceReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

// maxElementInMemory bounds the elements we read whole (Info, Tracks,
// blocks): a corrupt size must not make us allocate gigabytes.
const maxElementInMemory = 64 << 20

// parseWebM reads a WebM file front to back and calls onBlock for every
// complete block, in file order, with its absolute timestamp in ms. It
// stops quietly at the first cut-off or garbled element (a crashed
// recording) and reports that as truncated.
func parseWebM(r io.Reader, onBlock func(track uint64, tsMS int64, key bool, frame []byte) error) (*parsedWebM, error) {
	c := &countingReader{r: bufio.NewReaderSize(r, 1<<16)}
	p := &parsedWebM{scale: 1_000_000, tracks: map[uint64]*webmTrackInfo{}}

	id, size, err := readElemHeader(c)
	if err != nil || id != idEBML || size > 1024 {
		return nil, errNotWebM
	}
	hdr := make([]byte, size)
	if err := c.full(hdr); err != nil {
		return nil, errNotWebM
	}
	var docType string
	if err := children(hdr, func(id uint32, d []byte) {
		if id == idDocType {
			docType = string(d)
		}
	}); err != nil || (docType != "webm" && docType != "matroska") {
		return nil, errNotWebM
	}

	// Find the Segment (skipping Void/CRC elements before it).
	for {
		id, size, err = readElemHeader(c)
		if err != nil {
			return nil, errNotWebM
		}
		if id == idSegment {
			break
		}
		if size == math.MaxUint64 || c.skip(int64(size)) != nil {
			return nil, errNotWebM
		}
	}
	segEnd := int64(math.MaxInt64)
	if size != math.MaxUint64 {
		p.segKnown = true
		segEnd = c.off + int64(size)
	}

	var clusterTC int64
	var buf []byte
	for c.off < segEnd {
		id, size, err := readElemHeader(c)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				p.truncated = true
			}
			break
		}
		unknown := size == math.MaxUint64
		if !unknown && c.off+int64(size) > segEnd {
			p.truncated = true
			break
		}
		switch id {
		case idCluster:
			// Enter: its children follow at this level in our flat loop.
			continue
		case idTimecode:
			b, err := readSmall(c, size, &buf)
			if err != nil {
				p.truncated = true
				return p, nil
			}
			clusterTC = int64(beUint(b))
			continue
		case idSimpleBlock, idBlockGroup:
			b, err := readSmall(c, size, &buf)
			if err != nil {
				p.truncated = true
				return p, nil
			}
			key := false
			if id == idBlockGroup {
				var block []byte
				key = true
				_ = children(b, func(id uint32, d []byte) {
					switch id {
					case idBlock:
						block = d
					case idReferenceBlock:
						key = false
					}
				})
				if block == nil {
					continue
				}
				b = block
			}
			bc := &countingReader{r: bufio.NewReader(bytesReader(b))}
			track, _, err := readVint(bc, false)
			if err != nil || int64(len(b))-bc.off < 3 {
				p.truncated = true
				return p, nil
			}
			rest := b[bc.off:]
			rel := int64(int16(binary.BigEndian.Uint16(rest)))
			flags := rest[2]
			if id == idSimpleBlock {
				key = flags&0x80 != 0
			}
			if flags&0x06 != 0 {
				return p, fmt.Errorf("laced blocks are not supported")
			}
			tsMS := (clusterTC + rel) * int64(p.scale) / 1_000_000
			t := p.tracks[track]
			if t == nil {
				continue // block of an undeclared track: drop
			}
			if t.blocks > 0 {
				t.lastStep = tsMS - t.lastTS
			}
			t.lastTS = tsMS
			t.blocks++
			p.blocks++
			if onBlock != nil {
				if err := onBlock(track, tsMS, key, rest[3:]); err != nil {
					return p, err
				}
			}
			continue
		case idInfo:
			b, err := readSmall(c, size, &buf)
			if err != nil {
				p.truncated = true
				return p, nil
			}
			_ = children(b, func(id uint32, d []byte) {
				switch id {
				case idTimecodeScale:
					if v := beUint(d); v > 0 {
						p.scale = v
					}
				case idDuration:
					p.duration = beFloat(d)
					p.hasDuration = true
				}
			})
			continue
		case idTracks:
			b, err := readSmall(c, size, &buf)
			if err != nil {
				p.truncated = true
				return p, nil
			}
			var raw []byte
			raw = appendID(raw, idTracks)
			raw = appendSize(raw, uint64(len(b)))
			p.tracksRaw = append(raw, b...)
			_ = children(b, func(id uint32, d []byte) {
				if id != idTrackEntry {
					return
				}
				t := &webmTrackInfo{}
				_ = children(d, func(id uint32, d []byte) {
					switch id {
					case idTrackNumber:
						t.number = beUint(d)
					case idTrackType:
						t.typ = beUint(d)
					case idCodecID:
						t.codec = string(d)
					case idVideo:
						_ = children(d, func(id uint32, d []byte) {
							switch id {
							case idPixelWidth:
								t.w = int(beUint(d))
							case idPixelHeight:
								t.h = int(beUint(d))
							}
						})
					}
				})
				if t.number != 0 {
					p.tracks[t.number] = t
				}
			})
			continue
		case idCues:
			p.hasCues = true
		}
		// Anything else at this level (SeekHead, Void, Cues, Tags, cluster
		// extras such as PrevSize) is skipped.
		if unknown {
			p.truncated = true
			break
		}
		if err := c.skip(int64(size)); err != nil {
			p.truncated = true
			break
		}
	}
	return p, nil
}

func readSmall(c *countingReader, size uint64, buf *[]byte) ([]byte, error) {
	if size == math.MaxUint64 || size > maxElementInMemory {
		return nil, errors.New("element too large")
	}
	if uint64(cap(*buf)) < size {
		*buf = make([]byte, size)
	}
	b := (*buf)[:size]
	return b, c.full(b)
}

// blocksEnd is the end of the last block of any track: its timestamp plus
// the step between that track's last two blocks.
func (p *parsedWebM) blocksEnd() int64 {
	var end int64
	for _, t := range p.tracks {
		if t.blocks > 0 {
			end = max(end, t.lastTS+max(t.lastStep, 0))
		}
	}
	return end
}

func (p *parsedWebM) info() FileInfo {
	fi := FileInfo{Complete: p.hasDuration && p.hasCues && p.segKnown && !p.truncated}
	if p.hasDuration {
		fi.Duration = time.Duration(p.duration * float64(p.scale))
	} else {
		fi.Duration = time.Duration(p.blocksEnd()) * time.Millisecond
	}
	for _, t := range p.tracks {
		switch t.typ {
		case 1:
			fi.HasVideo, fi.VideoCodec, fi.Width, fi.Height = true, t.codec, t.w, t.h
			fi.VideoFrames += t.blocks
		case 2:
			fi.HasAudio, fi.AudioCodec = true, t.codec
			fi.AudioFrames += t.blocks
		}
	}
	return fi
}

// Probe reads a WebM file and reports its streams and duration, in pure
// Go. It reads the whole file (blocks are counted) but holds only one block
// in memory at a time.
func Probe(path string) (FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileInfo{}, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The recording %s cannot be opened.", filepath.Base(path))
	}
	defer f.Close()
	p, err := parseWebM(f, nil)
	if errors.Is(err, errNotWebM) {
		return FileInfo{}, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s is not a WebM recording.", filepath.Base(path))
	} else if err != nil {
		return FileInfo{}, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s cannot be read: %v.", filepath.Base(path), err)
	}
	return p.info(), nil
}

var errStopAtBlock = errors.New("stop at the first block")

// ProbeIn reads the track list of the WebM file name inside root, stopping
// at its first block (a sync asks before sharing, and reading a whole
// recording for it would be wasted); only the streams and codecs of the
// result are filled in.
func ProbeIn(root *os.Root, name string) (FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return FileInfo{}, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The recording %s cannot be opened.", filepath.Base(name))
	}
	defer f.Close()
	p, err := parseWebM(f, func(uint64, int64, bool, []byte) error { return errStopAtBlock })
	if err != nil && !errors.Is(err, errStopAtBlock) || p == nil {
		return FileInfo{}, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s is not a WebM recording.", filepath.Base(name))
	}
	fi := p.info()
	return FileInfo{HasVideo: fi.HasVideo, VideoCodec: fi.VideoCodec, Width: fi.Width, Height: fi.Height,
		HasAudio: fi.HasAudio, AudioCodec: fi.AudioCodec}, nil
}

// Repair makes a recording that was cut off (the app was killed, crashed
// or lost power) valid and seekable: it rebuilds the file with a Duration,
// Cues and known sizes, dropping a partly written last block, and returns
// the duration. The new file is written next to the original, synced and
// renamed over it, so the original is never lost before the repaired copy
// is complete. A file that is already complete is left alone. Input that is
// not a WebM recording gives an ECORRUPT error and is not modified.
func Repair(path string) (time.Duration, error) {
	info, err := Probe(path)
	if err != nil {
		return 0, err
	}
	if info.Complete {
		return info.Duration, nil
	}
	name := filepath.Base(path)
	src, err := os.Open(path)
	if err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.ENOTFOUND, "The recording %s cannot be opened.", name)
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return 0, fmt.Errorf("stat recording: %w", err)
	}

	// First pass: tracks (the writer needs them before any block).
	p, err := parseWebM(src, nil)
	if err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s cannot be repaired: %v.", name, err)
	}
	if p.tracksRaw == nil || len(p.tracks) == 0 {
		return 0, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s cannot be repaired: it ends before its track list, so nothing was recorded.", name)
	}
	if p.blocks == 0 {
		return 0, peerplaypay.Errorf(peerplaypay.ECORRUPT, "%s cannot be repaired: it holds no audio or video.", name)
	}
	var videoTrack uint64
	for n, t := range p.tracks {
		if t.typ == 1 && videoTrack == 0 {
			videoTrack = n
		}
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), "."+name+".repair-*")
	if err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write next to %s to repair it: %v.", name, errors.Unwrap(err))
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	_ = tmp.Chmod(st.Mode().Perm())
	w, err := newWebMWriter(tmp, webmConfig{TracksRaw: p.tracksRaw, VideoTrack: videoTrack})
	if err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write the repaired copy of %s: %v.", name, err)
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("rewind recording: %w", err)
	}
	// Second pass: copy blocks, each track kept in order.
	steps := map[uint64]int64{}
	for n, t := range p.tracks {
		steps[n] = max(t.lastStep, 0)
	}
	last := map[uint64]int64{}
	_, err = parseWebM(src, func(track uint64, ts int64, key bool, frame []byte) error {
		if l, seen := last[track]; seen && ts < l {
			return nil // out of order: cannot be muxed as SimpleBlock in this cluster
		}
		last[track] = ts
		return w.WriteBlock(track, ts, key, frame, steps[track])
	})
	if err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write the repaired copy of %s: %v.", name, err)
	}
	if err := w.Close(); err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write the repaired copy of %s: %v.", name, err)
	}
	if err := tmp.Close(); err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot write the repaired copy of %s: %v.", name, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return 0, peerplaypay.Errorf(peerplaypay.EUNWRITABLE, "Cannot replace %s with its repaired copy: %v.", name, err)
	}
	ok = true
	syncDir(filepath.Dir(path))
	return time.Duration(w.Duration()) * time.Millisecond, nil
}

// syncDir makes a rename durable (best effort; not all systems allow it).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
