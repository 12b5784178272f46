package cli

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/zkllm/zkllm/anchor/devchain"
)

// chainConn is the chain a command talks to: a node at --rpc-url, the
// embedded dev chain served by `zkllm chain serve` (through its endpoint
// file), or the embedded dev chain opened in this process.
type chainConn struct {
	client   *ethclient.Client
	chainID  uint64
	url      string          // "" when in process
	embedded *devchain.Chain // non-nil when opened in process
	kind     string          // "rpc", "served", "embedded"
}

func (cc *chainConn) close() {
	cc.client.Close()
	if cc.embedded != nil {
		cc.embedded.Close()
	}
}

// isEmbedded reports whether the chain is zkllm's own dev chain (in process
// or served), where the contracts live at the fixed dev address.
func (cc *chainConn) isEmbedded() bool { return cc.kind != "rpc" }

// sync makes confirmed transactions durable (in-process chain only; a
// serving process syncs on every new head itself).
func (cc *chainConn) sync() error {
	if cc.embedded != nil {
		return cc.embedded.Sync()
	}
	return nil
}

const dialTimeout = 10 * time.Second

// openChain connects as configured and checks --chain-id.
func (s *session) openChain() (*chainConn, error) {
	var cc *chainConn
	if url := s.c.String(rpcURLFlag.Name); url != "" {
		if err := checkRPCURL(url); err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(s.ctx, dialTimeout)
		defer cancel()
		cl, err := ethclient.DialContext(ctx, url)
		if err != nil {
			return nil, unavailablef("chain node %s: %v", url, err)
		}
		cc = &chainConn{client: cl, url: url, kind: "rpc"}
	} else if url, ok := devchain.ReadLiveEndpoint(s.ctx, s.dir.path(chainEndpointFile), devchain.ProbeChain); ok {
		cl, err := ethclient.DialContext(s.ctx, url)
		if err != nil {
			return nil, unavailablef("served chain %s: %v", url, err)
		}
		cc = &chainConn{client: cl, url: url, kind: "served"}
	} else {
		ch, err := devchain.Open(s.dir.path(chainDirName), devchain.Options{})
		if errors.Is(err, devchain.ErrInUse) {
			return nil, unavailablef("the embedded chain in %s is held by another zkllm process that does not serve it; wait for it or run `zkllm chain serve`", s.dir.root)
		}
		if err != nil {
			return nil, internalf("embedded chain: %v", err)
		}
		cc = &chainConn{client: ch.Client(), embedded: ch, kind: "embedded"}
	}
	ctx, cancel := context.WithTimeout(s.ctx, dialTimeout)
	defer cancel()
	id, err := cc.client.ChainID(ctx)
	if err != nil {
		cc.close()
		if s.ctx.Err() != nil {
			return nil, s.ctx.Err()
		}
		return nil, unavailablef("chain node %s is unreachable: %v", cc.describe(), err)
	}
	cc.chainID = id.Uint64()
	if want := s.c.Uint64(chainIDFlag.Name); want != 0 && want != cc.chainID {
		cc.close()
		return nil, badInputf("wrong chain: %s reports chain id %d, expected %d (--chain-id)", cc.describe(), cc.chainID, want)
	}
	return cc, nil
}

// checkRPCURL refuses an --rpc-url that names no transport: go-ethereum would take
// "127.0.0.1:8545" for an IPC socket path and fail as if the node were down. A URL needs
// http(s):// or ws(s)://; a bare path is accepted only when it exists (a geth IPC socket).
func checkRPCURL(raw string) error {
	u, err := neturl.Parse(raw)
	if err == nil && u.Scheme != "" && strings.Contains(raw, "://") {
		switch u.Scheme {
		case "http", "https", "ws", "wss":
			if u.Host == "" {
				return badInputf("--rpc-url %q has no host", raw)
			}
			return nil
		}
		return badInputf("--rpc-url %q: scheme %q is not http, https, ws or wss", raw, u.Scheme)
	}
	if st, err := os.Stat(raw); err == nil && st.Mode()&os.ModeSocket != 0 {
		return nil
	}
	return badInputf("--rpc-url %q is not a URL: did you mean http://%s ?", raw, raw)
}

func (cc *chainConn) describe() string {
	switch cc.kind {
	case "embedded":
		return "the embedded dev chain"
	case "served":
		return "the served dev chain at " + cc.url
	}
	return cc.url
}

// serveChain runs `zkllm chain serve`: the embedded chain over HTTP on
// loopback until interrupted, announced by the endpoint file.
func serveChain(s *session, port int, ready func(url string, chainID uint64, contract string) error) error {
	ch, err := devchain.Open(s.dir.path(chainDirName), devchain.Options{HTTP: true, HTTPPort: port})
	if errors.Is(err, devchain.ErrInUse) {
		return unavailablef("the embedded chain in %s is already open in another process", s.dir.root)
	}
	if err != nil {
		return internalf("embedded chain: %v", err)
	}
	defer ch.Close()
	url := ch.HTTPEndpoint()
	if url == "" {
		return internalf("embedded chain: HTTP server did not start")
	}
	epPath := s.dir.path(chainEndpointFile)
	if err := devchain.WriteEndpoint(epPath, "chain", url); err != nil {
		return internalf("%v", err)
	}
	defer devchain.RemoveEndpoint(epPath)
	cc := &chainConn{client: ch.Client(), embedded: ch, kind: "served", url: url, chainID: devchain.ChainID}
	contract, err := ensureEmbeddedContracts(s, cc)
	if err != nil {
		return err
	}
	if err := ready(url, devchain.ChainID, contract); err != nil {
		return err
	}
	<-s.ctx.Done()
	fmt.Fprintln(os.Stderr, "zkllm: stopping the chain")
	return nil
}
