package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"strconv"
	"testing"
	"time"
)

const benchSize = 64 << 20

// sha256Baseline times sha256 over the same bytes in the same run, the
// `sha256sum` of the acceptance criterion without a process start.
func sha256Baseline(data []byte) time.Duration {
	start := time.Now()
	sha256.Sum256(data)
	return time.Since(start)
}

func reportVsSHA256(b *testing.B, data []byte, elapsed time.Duration) {
	per := elapsed / time.Duration(b.N)
	base := sha256Baseline(data)
	b.ReportMetric(float64(len(data))/per.Seconds()/(1<<20), "MiB/s")
	b.ReportMetric(float64(len(data))/base.Seconds()/(1<<20), "sha256-MiB/s")
	b.ReportMetric(per.Seconds()/base.Seconds(), "x-sha256-time")
}

// BenchmarkImportHashOnly64MiB: chunk + hash, storing nothing.
func BenchmarkImportHashOnly64MiB(b *testing.B) {
	data := genBytes(b, 1, benchSize)
	b.SetBytes(benchSize)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, _, err := ComputeCID(context.Background(), bytes.NewReader(data), UnixFSv1_2025); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	reportVsSHA256(b, data, elapsed)
}

// BenchmarkImportFlatfs64MiB: Put into the embedded store (fsync'd flatfs).
func BenchmarkImportFlatfs64MiB(b *testing.B) {
	data := genBytes(b, 2, benchSize)
	b.SetBytes(benchSize)
	var elapsed time.Duration
	for i := range b.N {
		b.StopTimer()
		s, err := OpenFlatfs(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		data[0] = byte(i) // new content each round: nothing deduplicated
		b.StartTimer()
		start := time.Now()
		if _, _, err := s.Put(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.StopTimer()
		s.Close()
	}
	reportVsSHA256(b, data, elapsed)
}

// BenchmarkRetrieveGatewayCAR64MiB: verified retrieval over loopback HTTP
// from a CAR held in memory (the server does no work).
func BenchmarkRetrieveGatewayCAR64MiB(b *testing.B) {
	data := genBytes(b, 3, benchSize)
	bs, root := importMem(b, data, UnixFSv1_2025)
	body := carOf(b, bs, root, dfsCIDs(b, bs, root))
	url := newGateway(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.ipld.car; version=1")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	g := fetcher(b, url)
	b.SetBytes(benchSize)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := g.Get(context.Background(), root, discard{}, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	reportVsSHA256(b, data, elapsed)
}

// BenchmarkRetrieveFlatfs64MiB: export from the embedded store, re-verified.
func BenchmarkRetrieveFlatfs64MiB(b *testing.B) {
	data := genBytes(b, 4, benchSize)
	s, err := OpenFlatfs(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	root, _, err := s.Put(context.Background(), bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchSize)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := s.Get(context.Background(), root, discard{}, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	reportVsSHA256(b, data, elapsed)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
