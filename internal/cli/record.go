package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/media"
	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
	"peerplaypay/internal/standup"
)

func devicesCmd(env *Env) *cobra.Command {
	return leaf("devices [--json]", "list cameras and microphones", noArgs, func(fs *pflag.FlagSet) runner {
		asJSON := fs.Bool("json", false, "print JSON")
		return func(ctx context.Context, _ []string) error {
			devs, err := media.Devices(ctx)
			if *asJSON {
				if devs == nil {
					devs = []media.Device{}
				}
				if err := writeJSON(env.Stdout, devs); err != nil {
					return err
				}
			} else {
				for _, d := range devs {
					fmt.Fprintf(env.Stdout, "%-6s %-24s %s\n", d.Kind, d.ID, d.Label)
				}
			}
			if err != nil {
				fmt.Fprintf(env.Stderr, "%s\n", peerplaypay.ErrorMessage(err))
				return errProblems
			}
			return nil
		}
	})
}

// studio opens the database and a Studio on it, and first repairs what an
// interrupted recording left, as the window does at start-up.
func studio(ctx context.Context, env *Env, dirFlag string) (*sqlite.DB, *sqlite.LogService, *standup.Studio, error) {
	db, dir, err := openDB(ctx, dirFlag)
	if err != nil {
		return nil, nil, nil, err
	}
	logs := sqlite.NewLogService(db)
	st := standup.New(dir, logs)
	rec, err := st.Recover(ctx)
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	for _, e := range rec.Recovered {
		fmt.Fprintf(env.Stderr, "Recovered an interrupted recording: log %d of %s (%s). Keep it with `peerplaypay logs keep %d`, or delete it with `peerplaypay logs delete %d`.\n",
			e.ID, e.Day, time.Duration(e.DurationMs)*time.Millisecond, e.ID, e.ID)
	}
	for _, p := range rec.Problems {
		fmt.Fprintf(env.Stderr, "Warning: %v\n", p)
	}
	return db, logs, st, nil
}

// tableFlags adds the log table's flags to fs.
func tableFlags(fs *pflag.FlagSet) *peerplaypay.LogTable {
	var t peerplaypay.LogTable
	fs.StringVar(&t.Done, "done", "", "what I did")
	fs.StringVar(&t.How, "how", "", "how I did it")
	fs.StringVar(&t.Why, "why", "", "why it matters")
	fs.StringVar(&t.Next, "next", "", "what is next")
	fs.StringVar(&t.HelpNeeded, "help-needed", "", "where I need help")
	fs.IntVar(&t.Mood, "mood", 0, "mood, 1 to 5")
	fs.IntVar(&t.Energy, "energy", 0, "energy, 1 to 5")
	fs.Func("answer", "`ID=TEXT`: the answer to a question the team added (extra1..extra5, as `team settings show` lists them); repeatable", func(v string) error {
		id, text, ok := strings.Cut(v, "=")
		if !ok || !strings.HasPrefix(id, "extra") {
			return fmt.Errorf("want --answer extraN=TEXT, the id of a question the team added (see `peerplaypay team settings show`)")
		}
		if t.Extra == nil {
			t.Extra = map[string]string{}
		}
		t.Extra[id] = text
		return nil
	})
	return &t
}

func recordCmd(env *Env, dir *string) *cobra.Command {
	return leaf("record --seconds N [--quality standard|compact|small|audio] [--audio-only] [--video synthetic|ID] [--audio synthetic|ID] [--done T --how T --why T --next T --help-needed T --mood 1-5 --energy 1-5]",
		"record a stand-up log and print its id", noArgs, func(fs *pflag.FlagSet) runner {
			seconds := fs.Float64("seconds", 0, "how long to record (required; Ctrl+C stops early and keeps the recording)")
			audioOnly := fs.Bool("audio-only", false, "record sound only (the same as --quality audio)")
			quality := fs.String("quality", "", "standard (720p, ~7.5 MB/min), compact (720p VP9, ~5 MB/min, where this computer encodes VP9 at 30 fps; else standard), small (360p, ~3.4 MB/min) or audio (default: the one chosen in Settings, else standard)")
			video := fs.String("video", "", "camera `ID` from `peerplaypay devices`, or synthetic (default: the first camera)")
			audio := fs.String("audio", "", "microphone `ID` from `peerplaypay devices`, or synthetic (default: the first microphone)")
			t := tableFlags(fs)
			asJSON := fs.Bool("json", false, "print the new log as JSON instead of its id")
			return func(ctx context.Context, _ []string) error {
				if *seconds <= 0 || *seconds > 3600 {
					return usageError{errors.New("--seconds must be between 0 and 3600")}
				}
				if *audioOnly {
					if *quality != "" && *quality != string(peerplaypay.QualityAudio) {
						return usageError{errors.New("--audio-only and --quality " + *quality + " exclude each other")}
					}
					*quality = string(peerplaypay.QualityAudio)
				}
				if *quality != "" {
					if _, err := peerplaypay.PresetOf(peerplaypay.Quality(*quality)); err != nil {
						return usageError{errors.New(peerplaypay.ErrorMessage(err))}
					}
				}
				if *quality == string(peerplaypay.QualityAudio) && *video != "" {
					return usageError{errors.New("an audio-only recording takes no --video")}
				}
				if media.IsSynthetic(*video) || media.IsSynthetic(*audio) {
					media.RegisterSynthetic()
				}
				db, _, st, err := studio(ctx, env, *dir)
				if err != nil {
					return err
				}
				defer db.Close()
				if *quality == "" {
					q, err := sqlite.NewSettingsService(db).Setting(ctx, peerplaypay.SettingQuality, string(peerplaypay.DefaultQuality))
					if err != nil {
						return err
					}
					*quality = q
				}
				preset, err := peerplaypay.PresetOf(peerplaypay.Quality(*quality))
				if err != nil {
					preset, _ = peerplaypay.PresetOf(peerplaypay.DefaultQuality)
				}
				preset, note := standup.ResolvePreset(ctx, sqlite.NewSettingsService(db), preset)
				if note != "" {
					fmt.Fprintln(env.Stderr, note)
				}
				v, a, err := standup.ChooseDevices(ctx, *video, *audio, preset.AudioOnly())
				if err != nil {
					return err
				}
				// A device asked for by name must be that device, not a stand-in.
				if (*video != "" && v != *video) || (*audio != "" && a != *audio) {
					return peerplaypay.Errorf(peerplaypay.ENOTFOUND, "No device with that ID; `peerplaypay devices` lists them.")
				}
				max := time.Duration(*seconds * float64(time.Second))
				sess, err := st.Start(ctx, standup.Options{VideoDeviceID: v, AudioDeviceID: a, Preset: preset, MaxDuration: max, Table: *t})
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "Recording %s from %s for %s (Ctrl+C stops and keeps it)...\n",
					map[bool]string{true: "audio", false: "video"}[v == ""], strings.Trim(v+" + "+a, " +"), max)
				e, err := sess.Wait()
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(env.Stdout, e)
				}
				fmt.Fprintf(env.Stderr, "Saved log %d: %s, %.1f MB.\n", e.ID, time.Duration(e.DurationMs)*time.Millisecond, float64(e.SizeBytes)/1e6)
				fmt.Fprintln(env.Stdout, e.ID)
				return nil
			}
		})
}
