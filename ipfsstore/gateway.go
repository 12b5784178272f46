package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/ipfs/go-cid"
)

// Media types of the trustless gateway protocol. dups=y asks for every block
// in walk order; a gateway that ignores it is still handled (repeated blocks
// are then fetched one by one).
const (
	acceptCAR = "application/vnd.ipld.car;version=1;order=dfs;dups=y"
	acceptRaw = "application/vnd.ipld.raw"
)

// GatewayOptions configure a GatewayFetcher.
type GatewayOptions struct {
	// Client performs the requests; nil means a client without a global
	// timeout (Limits carry the deadlines).
	Client *http.Client
}

// GatewayFetcher retrieves files from trustless HTTP gateways (read-only):
// first a CAR of the whole DAG, falling back to raw blocks one by one; both
// are verified block by block. Gateways are raced in order of preference
// (see Limits.HedgeDelay); a gateway that failed by its own fault is tried
// after the others for the rest of the fetcher's life, until it delivers.
type GatewayFetcher struct {
	gateways []gatewaySource
}

var _ Getter = (*GatewayFetcher)(nil)

// NewGatewayFetcher checks the base URLs (http or https, e.g.
// "http://127.0.0.1:8080"; "/ipfs/<cid>" is appended).
func NewGatewayFetcher(gateways []string, opts GatewayOptions) (*GatewayFetcher, error) {
	if len(gateways) == 0 {
		return nil, errors.New("ipfsstore: no gateway URLs")
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	f := &GatewayFetcher{}
	for _, g := range gateways {
		base, err := parseBaseURL(g)
		if err != nil {
			return nil, err
		}
		f.gateways = append(f.gateways, gatewaySource{base: base, client: client})
	}
	return f, nil
}

func parseBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("ipfsstore: URL %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("ipfsstore: URL %q: want http(s)://host[:port]", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("ipfsstore: URL %q: no query or fragment allowed", s)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Get fetches the file under root from the first gateway that delivers it.
func (f *GatewayFetcher) Get(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	return getFrom(ctx, root, f.sources(), w, lim)
}

func (f *GatewayFetcher) sources() []source {
	out := make([]source, len(f.gateways))
	for i := range f.gateways {
		out[i] = &f.gateways[i]
	}
	return out
}

type gatewaySource struct {
	base   string
	client *http.Client
	hs     sourceHealth
}

func (g *gatewaySource) name() string          { return g.base }
func (g *gatewaySource) health() *sourceHealth { return &g.hs }

func (g *gatewaySource) fetch(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	raw := &rawBlockSource{get: func(ctx context.Context, c cid.Cid) (*watchedBody, error) {
		return httpGet(ctx, g.client, http.MethodGet, g.base+"/ipfs/"+c.String()+"?format=raw", acceptRaw, lim.pace())
	}}
	body, err := httpGet(ctx, g.client, http.MethodGet,
		g.base+"/ipfs/"+root.String()+"?format=car&dag-scope=all", acceptCAR, lim.pace())
	if err != nil {
		if !errors.Is(err, errHTTPStatus) {
			return 0, err // not found, stalled, unreachable: raw blocks won't help
		}
		// The gateway refused the CAR (some serve blocks only): walk raw blocks.
		return walkFile(ctx, root, raw, w, lim.MaxSize)
	}
	defer body.Close()
	if ct := body.resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/vnd.ipld.car") {
		return 0, invalidf(ErrMalformed, "asked for a CAR, got Content-Type %q", ct)
	}
	cs, err := openCAR(body, body.failed, nil)
	if err != nil {
		return 0, err
	}
	return walkFile(ctx, root, newCARSource(cs, raw), w, lim.MaxSize)
}

// rawBlockSource fetches each block with its own request (application/vnd.ipld.raw
// from a gateway, block/get from Kubo) and verifies it.
type rawBlockSource struct {
	get func(ctx context.Context, c cid.Cid) (*watchedBody, error)
	buf []byte
}

func (s *rawBlockSource) block(ctx context.Context, c cid.Cid) ([]byte, error) {
	if err := checkSupportedCID(c); err != nil {
		return nil, err
	}
	body, err := s.get(ctx, c)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	if s.buf == nil {
		s.buf = make([]byte, BlockSizeCap+1)
	}
	data, err := readBlock(body, s.buf)
	if err != nil {
		return nil, err
	}
	if err := verifyBlock(c, data); err != nil {
		return nil, err
	}
	return data, nil
}
