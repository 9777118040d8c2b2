package share

import (
	"bytes"
	"sync"
	"testing"

	"peerplaypay/internal/share/backend"
)

// BenchmarkUpload20x5MB uploads twenty 5 MB files, four at a time, through
// one Uploader: the shape of a day's logs of a small team. On this test's
// versitygw over loopback, compare with `rclone copy --transfers 4` of the
// same plain files.
func BenchmarkUpload20x5MB(b *testing.B) {
	const files, size = 20, 5_000_000
	data := make([][]byte, files)
	for i := range data {
		data[i] = randomData(uint64(100+i), size)
	}
	shares := map[string]func(b *testing.B) (string, backend.Credentials){
		"Folder": func(b *testing.B) (string, backend.Credentials) { return b.TempDir(), backend.Credentials{} },
		"S3":     func(b *testing.B) (string, backend.Credentials) { return s3srv.NewBucket(b) },
	}
	for name, open := range shares {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(files * size)
			for b.Loop() {
				b.StopTimer()
				loc, creds := open(b)
				tm := mustCreate(b, openShareB(b, loc, creds), mustIdentity(b), "Bench", "Ada")
				u := mustUploader(b, tm, 4)
				b.StartTimer()
				var wg sync.WaitGroup
				next := make(chan []byte)
				for range 4 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for d := range next {
							if _, err := u.Upload(bg(), bytes.NewReader(d), nil); err != nil {
								b.Error(err)
							}
						}
					}()
				}
				for _, d := range data {
					next <- d
				}
				close(next)
				wg.Wait()
			}
		})
	}
}
