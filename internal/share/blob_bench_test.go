package share

import (
	"bytes"
	"os"
	"sync"
	"testing"
)

// BenchmarkUpload20x5MB uploads twenty 5 MB files, four at a time, to a
// fresh bucket on the test S3 server (or to PEERPLAYPAY_BENCH_LOCATION's
// folder): the shape of a day's logs of a small team. Compare with
// `rclone copy` of the same plain files (see PROTOCOL.md, "Performance").
func BenchmarkUpload20x5MB(b *testing.B) {
	const files, size = 20, 5_000_000
	data := make([][]byte, files)
	for i := range data {
		data[i] = randomData(uint64(100+i), size)
	}
	b.SetBytes(files * size)
	for b.Loop() {
		b.StopTimer()
		var loc string
		var creds = s3srv.Server(b).Credentials()
		if dir := os.Getenv("PEERPLAYPAY_BENCH_LOCATION"); dir != "" {
			loc = b.TempDir()
		} else {
			loc = s3srv.Server(b).Location(s3srv.Server(b).NewBucket(b), "")
		}
		sh := openShareB(b, loc, creds)
		tm := mustCreate(b, sh, mustIdentity(b), "Bench", "Ada")
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
}
