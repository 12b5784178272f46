package devchain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
)

// EndpointSchema versions the endpoint file format.
const EndpointSchema = "zkllm.endpoint/v1"

// Endpoint is what a serving process writes so that other processes use its
// server instead of opening the same database.
type Endpoint struct {
	Schema string `json:"schema"`
	Kind   string `json:"kind"` // "chain" or "ipfs"
	URL    string `json:"url"`
	PID    int    `json:"pid"`
}

// WriteEndpoint writes the endpoint file atomically (temp file + rename).
func WriteEndpoint(path, kind, url string) error {
	ep := Endpoint{Schema: EndpointSchema, Kind: kind, URL: url, PID: os.Getpid()}
	b, err := json.MarshalIndent(ep, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	tmp, err := os.CreateTemp(filepath.Dir(path), ".endpoint-*")
	if err != nil {
		return fmt.Errorf("devchain: endpoint file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("devchain: endpoint file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("devchain: endpoint file: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// RemoveEndpoint removes the endpoint file if this process wrote it.
func RemoveEndpoint(path string) {
	ep, err := ReadEndpoint(path)
	if err == nil && ep.PID == os.Getpid() {
		os.Remove(path)
	}
}

// ReadEndpoint parses an endpoint file. A missing file gives an error
// satisfying errors.Is(err, os.ErrNotExist).
func ReadEndpoint(path string) (Endpoint, error) {
	var ep Endpoint
	b, err := os.ReadFile(path)
	if err != nil {
		return ep, err
	}
	if err := json.Unmarshal(b, &ep); err != nil {
		return ep, fmt.Errorf("devchain: endpoint file %s: %w", path, err)
	}
	if ep.Schema != EndpointSchema || ep.URL == "" || ep.PID <= 0 {
		return ep, fmt.Errorf("devchain: endpoint file %s: not a %s file", path, EndpointSchema)
	}
	return ep, nil
}

// ProcessAlive reports whether a process with this pid exists.
func ProcessAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ReadLiveEndpoint returns the URL in the endpoint file when its process is
// alive and probe succeeds against the URL; ok is false otherwise (no file, a
// stale file left by a killed server, or a server that does not answer).
func ReadLiveEndpoint(ctx context.Context, path string, probe func(ctx context.Context, url string) error) (url string, ok bool) {
	ep, err := ReadEndpoint(path)
	if err != nil || !ProcessAlive(ep.PID) {
		return "", false
	}
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if probe(pctx, ep.URL) != nil {
		return "", false
	}
	return ep.URL, true
}

// ProbeChain checks that url answers eth_chainId with ChainID.
func ProbeChain(ctx context.Context, url string) error {
	c, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close()
	id, err := c.ChainID(ctx)
	if err != nil {
		return err
	}
	if id.Uint64() != ChainID {
		return fmt.Errorf("devchain: %s has chain id %s, not %d", url, id, ChainID)
	}
	return nil
}
