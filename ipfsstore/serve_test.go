package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Embedded flatfs store → ServeGateway on a loopback listener → verified
// retrieval into a file with the digest check; then a clean shutdown.
func TestServeGatewayRoundTrip(t *testing.T) {
	s, err := OpenFlatfs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	data := genBytes(t, 700, 2<<20+99)
	root, _, err := s.Put(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	h, err := GatewayHandler(s.Blockstore())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ServeGateway(ctx, ln, h) }()

	url := "http://" + ln.Addr().String()
	want := sha256.Sum256(data)
	dst := filepath.Join(t.TempDir(), "model.bin")
	if _, err := GetFile(context.Background(), fetcher(t, url), root, dst, Limits{}, want[:]); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, data) {
		t.Fatal("content differs")
	}
	// Trustless only: no deserialized responses.
	resp, err := http.Get(url + "/ipfs/" + root.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotAcceptable {
		t.Fatalf("plain GET: %s, want 406 (trustless gateway)", resp.Status)
	}

	absent, _, _ := ComputeCID(context.Background(), bytes.NewReader([]byte("absent")), UnixFSv1_2025)
	resp, err = http.Get(url + "/ipfs/" + absent.String() + "?format=car")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("absent root: %s, want 404", resp.Status)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeGateway did not return after cancel")
	}
}
