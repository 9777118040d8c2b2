//go:build unix

// Command recordbench measures PeerPlayPay's recorder on the synthetic
// 720p30 source, and dumps the same synthetic frames as raw I420 so
// bench/record.sh can give ffmpeg's libvpx the identical input.
//
//	recordbench -mode record -seconds 20 -out /tmp/x.webm
//	recordbench -mode dump -seconds 20 > frames.yuv
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/pion/mediadevices/pkg/codec/vpx"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
)

func main() {
	mode := flag.String("mode", "record", "record | dump")
	seconds := flag.Float64("seconds", 20, "length to record or dump")
	out := flag.String("out", "", "output .webm (record mode)")
	cpuUsed := flag.Int("cpu-used", 0, "libvpx cpu-used (0: our default)")
	audio := flag.Bool("audio", true, "also record the synthetic microphone")
	encoder := flag.String("encoder", "ours", "ours | pion (mediadevices' pkg/codec/vpx at its defaults)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile here")
	quality := flag.String("quality", "", "a recording preset (standard, small, audio) instead of 720p at 2 Mbps")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	var err error
	switch *mode {
	case "dump":
		err = dump(*seconds)
	case "record":
		err = record(*out, *seconds, *cpuUsed, *audio, *encoder, peerplaypay.Quality(*quality))
	default:
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "recordbench:", err)
		os.Exit(1)
	}
}

// dump writes the synthetic pattern, frame by frame as the camera would
// produce it at 30 fps, as raw yuv420p to stdout.
func dump(seconds float64) error {
	g := media.NewPatternGenerator(1280, 720)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	n := int(seconds * 30)
	for i := 0; i < n; i++ {
		img := g.Frame(i, time.Duration(i)*time.Second/30)
		for _, p := range [][]byte{img.Y, img.Cb, img.Cr} {
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
	}
	return w.Flush()
}

type report struct {
	Seconds        float64 `json:"seconds"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	CPUPerSecond   float64 `json:"cpu_s_per_s"`
	FramesWritten  int64   `json:"frames_written"`
	FramesExpected int64   `json:"frames_expected"`
	FPS            float64 `json:"fps"`
	Bytes          int64   `json:"bytes"`
	MBPerMinute    float64 `json:"mb_per_min"`
	AudioFrames    int64   `json:"audio_frames"`
	Quality        string  `json:"quality"`
}

func record(out string, seconds float64, cpuUsed int, withAudio bool, encoder string, quality peerplaypay.Quality) error {
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	media.RegisterSynthetic()
	os.Remove(out)
	p := media.RecordParams{
		Path:          out,
		VideoDeviceID: media.SyntheticID,
		MaxDuration:   time.Duration(seconds*float64(time.Second)) + time.Minute,
		VPX:           media.VPXParams{CPUUsed: cpuUsed},
	}
	if withAudio {
		p.AudioDeviceID = media.SyntheticID
	}
	if quality != "" {
		preset, err := peerplaypay.PresetOf(quality)
		if err != nil {
			return err
		}
		p.Width, p.Height, p.VideoBitRate, p.AudioBitRate = preset.Width, preset.Height, preset.VideoBitRate, preset.AudioBitRate
		if preset.AudioOnly() {
			p.VideoDeviceID, p.AudioDeviceID = "", media.SyntheticID
		}
	}
	switch encoder {
	case "ours":
	case "pion":
		vp, err := vpx.NewVP8Params()
		if err != nil {
			return err
		}
		vp.BitRate = 2_000_000
		vp.KeyFrameInterval = 60
		p.VideoEncoder = &vp
	default:
		return fmt.Errorf("unknown encoder %q", encoder)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds*float64(time.Second)))
	defer cancel()
	cpu0 := cpuTime()
	rec, err := media.StartRecording(ctx, p)
	if err != nil {
		return err
	}
	res, err := rec.Wait()
	if err != nil {
		return err
	}
	cpu := (cpuTime() - cpu0).Seconds()
	secs := res.Duration.Seconds()
	r := report{
		Seconds:        secs,
		CPUSeconds:     cpu,
		CPUPerSecond:   cpu / secs,
		FramesWritten:  res.VideoFrames,
		FramesExpected: int64(secs*30 + 0.5),
		Quality:        string(quality),
		FPS:            float64(res.VideoFrames) / secs,
		Bytes:          res.Bytes,
		MBPerMinute:    float64(res.Bytes) / 1e6 / secs * 60,
		AudioFrames:    res.AudioFrames,
	}
	if p.VideoDeviceID == "" {
		r.FramesExpected, r.FPS = 0, 0
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
