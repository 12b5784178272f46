package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const benchSize = 64 << 20

// shaBaseline times SHA-256 over the same bytes, interleaved with the
// measured operation so both see the same machine load: in process, and as
// the `sha256sum` command over the same file (page-cached) when installed.
type shaBaseline struct {
	data    []byte
	file    string
	inProc  time.Duration
	command time.Duration
	op      time.Duration
	rounds  int
}

func newSHABaseline(b *testing.B, data []byte) *shaBaseline {
	file := filepath.Join(b.TempDir(), "bench.bin")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		file = ""
	}
	return &shaBaseline{data: data, file: file}
}

// measure runs op once between the two baselines and accumulates the times.
func (s *shaBaseline) measure(b *testing.B, op func()) {
	b.StopTimer()
	start := time.Now()
	sha256.Sum256(s.data)
	s.inProc += time.Since(start)
	if s.file != "" {
		start = time.Now()
		if out, err := exec.Command("sha256sum", s.file).CombinedOutput(); err != nil {
			b.Fatalf("sha256sum: %v %s", err, out)
		}
		s.command += time.Since(start)
	}
	b.StartTimer()
	start = time.Now()
	op()
	s.op += time.Since(start)
	s.rounds++
}

func (s *shaBaseline) report(b *testing.B) {
	mib := float64(len(s.data)) / (1 << 20) * float64(s.rounds)
	b.ReportMetric(mib/s.op.Seconds(), "MiB/s")
	b.ReportMetric(mib/s.inProc.Seconds(), "sha256-MiB/s")
	b.ReportMetric(s.op.Seconds()/s.inProc.Seconds(), "x-sha256")
	if s.command > 0 {
		b.ReportMetric(s.op.Seconds()/s.command.Seconds(), "x-sha256sum")
	}
}

// BenchmarkImportHashOnly64MiB: chunk + hash, storing nothing.
func BenchmarkImportHashOnly64MiB(b *testing.B) {
	data := genBytes(b, 1, benchSize)
	base := newSHABaseline(b, data)
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		base.measure(b, func() {
			if _, _, err := ComputeCID(context.Background(), bytes.NewReader(data), UnixFSv1_2025); err != nil {
				b.Fatal(err)
			}
		})
	}
	base.report(b)
}

// BenchmarkImportFlatfs64MiB: Put into the embedded store (fsync'd flatfs).
func BenchmarkImportFlatfs64MiB(b *testing.B) {
	data := genBytes(b, 2, benchSize)
	base := newSHABaseline(b, data)
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := OpenFlatfs(b.TempDir()) // empty store each round: nothing deduplicated
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		base.measure(b, func() {
			if _, _, err := s.Put(context.Background(), bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		})
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	base.report(b)
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
	base := newSHABaseline(b, data)
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		base.measure(b, func() {
			if _, err := g.Get(context.Background(), root, discard{}, Limits{}); err != nil {
				b.Fatal(err)
			}
		})
	}
	base.report(b)
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
	base := newSHABaseline(b, data)
	b.SetBytes(benchSize)
	b.ResetTimer()
	for range b.N {
		base.measure(b, func() {
			if _, err := s.Get(context.Background(), root, discard{}, Limits{}); err != nil {
				b.Fatal(err)
			}
		})
	}
	base.report(b)
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
