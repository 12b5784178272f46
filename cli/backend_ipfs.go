package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/go-cid"
	ucli "github.com/urfave/cli/v2"

	"github.com/zkllm/zkllm/anchor/devchain"
	"github.com/zkllm/zkllm/ipfsstore"
)

func init() {
	registerClassifier(func(err error) (int, bool) {
		switch {
		case errors.Is(err, ipfsstore.ErrInvalid):
			return ExitInvalid, true
		case errors.Is(err, ipfsstore.ErrUnavailable):
			return ExitUnavailable, true
		}
		return 0, false
	})
}

// ipfsWriter is where publish pins: Kubo at --ipfs-api, else the data
// directory's flatfs store (safe to share with a serving process: flatfs
// writes each block by temp file + rename).
func (s *session) ipfsWriter() (ipfsstore.Store, func(), string, error) {
	if api := s.c.String(ipfsAPIFlag.Name); api != "" {
		k, err := ipfsstore.NewKuboRPC(api, ipfsstore.KuboOptions{})
		if err != nil {
			return nil, nil, "", badInputf("--ipfs-api: %v", err)
		}
		return k, func() {}, "Kubo at " + api, nil
	}
	fs, err := ipfsstore.OpenFlatfs(s.dir.path(ipfsDirName))
	if err != nil {
		return nil, nil, "", internalf("local IPFS store: %v", err)
	}
	return fs, func() { fs.Close() }, "local store " + s.dir.path(ipfsDirName), nil
}

// ipfsReader is where check fetches from: --gateway URLs and --ipfs-api
// (in that order, all tried), else the served local gateway, else the local
// flatfs store.
func (s *session) ipfsReader() (ipfsstore.Getter, func(), string, error) {
	var getters []ipfsstore.Getter
	var names []string
	if gws := gatewayList(s.c); len(gws) > 0 {
		g, err := ipfsstore.NewGatewayFetcher(gws, ipfsstore.GatewayOptions{})
		if err != nil {
			return nil, nil, "", badInputf("--gateway: %v", err)
		}
		getters = append(getters, g)
		names = append(names, "gateway "+strings.Join(gws, ", "))
	}
	if api := s.c.String(ipfsAPIFlag.Name); api != "" {
		k, err := ipfsstore.NewKuboRPC(api, ipfsstore.KuboOptions{})
		if err != nil {
			return nil, nil, "", badInputf("--ipfs-api: %v", err)
		}
		getters = append(getters, k)
		names = append(names, "Kubo at "+api)
	}
	if len(getters) > 0 {
		return ipfsstore.FirstOf(getters...), func() {}, strings.Join(names, " then "), nil
	}
	if url, ok := devchain.ReadLiveEndpoint(s.ctx, s.dir.path(ipfsEndpointFile), probeGateway); ok {
		g, err := ipfsstore.NewGatewayFetcher([]string{url}, ipfsstore.GatewayOptions{})
		if err != nil {
			return nil, nil, "", internalf("served gateway: %v", err)
		}
		return g, func() {}, "served gateway " + url, nil
	}
	fs, err := ipfsstore.OpenFlatfs(s.dir.path(ipfsDirName))
	if err != nil {
		return nil, nil, "", internalf("local IPFS store: %v", err)
	}
	return fs, func() { fs.Close() }, "local store " + s.dir.path(ipfsDirName), nil
}

func gatewayList(c *ucli.Context) []string {
	var out []string
	for _, g := range c.StringSlice(gatewayFlag.Name) {
		for _, p := range strings.Split(g, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// emptyFileCID is the CID of the empty file under the default profile; any
// trustless gateway answers a HEAD for it with 200 or 404, which is enough to
// know it is alive.
func probeGateway(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, strings.TrimRight(url, "/")+"/ipfs/bafkqaaa", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/vnd.ipld.raw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

type ipfsServeResult struct {
	Schema   string `json:"schema"`
	URL      string `json:"url"`
	Endpoint string `json:"endpoint_file"`
}

func ipfsServe(s *session) error {
	fs, err := ipfsstore.OpenFlatfs(s.dir.path(ipfsDirName))
	if err != nil {
		return internalf("local IPFS store: %v", err)
	}
	defer fs.Close()
	h, err := localGateway(fs.Blockstore())
	if err != nil {
		return internalf("%v", err)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", s.c.Int(portFlag.Name)))
	if err != nil {
		return badInputf("listen: %v", err)
	}
	url := "http://" + ln.Addr().String()
	ep := s.dir.path(ipfsEndpointFile)
	if err := devchain.WriteEndpoint(ep, "ipfs", url); err != nil {
		ln.Close()
		return internalf("%v", err)
	}
	defer devchain.RemoveEndpoint(ep)
	r := ipfsServeResult{Schema: schemaPrefix + "ipfs-serve/v1", URL: url, Endpoint: ep}
	if err := s.out.result(r, url, func(w io.Writer) {
		fmt.Fprintf(w, "serving the IPFS store %s as a trustless gateway at %s\n", s.dir.path(ipfsDirName), url)
		fmt.Fprintf(w, "endpoint file %s; press Ctrl-C to stop\n", ep)
	}); err != nil {
		return err
	}
	return ipfsstore.ServeGateway(s.ctx, ln, h)
}

// pinFile adds a file's bytes and returns its CID.
func pinBytes(ctx context.Context, st ipfsstore.Store, b []byte) (cid.Cid, error) {
	c, _, err := st.Put(ctx, bytes.NewReader(b))
	if err != nil {
		if ctx.Err() != nil {
			return cid.Undef, ctx.Err()
		}
		var ie *ipfsstore.Error
		if errors.As(err, &ie) {
			return cid.Undef, err
		}
		return cid.Undef, unavailablef("pinning to IPFS: %v", err)
	}
	return c, nil
}

// localGateway serves a local blockstore as a trustless gateway and answers
// 404 up front for a root it does not hold: boxo's handler would otherwise
// start a 200 CAR response and cut it short, which a careful client must
// read as a misbehaving source rather than as "not here".
func localGateway(bs blockstore.Blockstore) (http.Handler, error) {
	h, err := ipfsstore.GatewayHandler(bs)
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, "/ipfs/"); ok {
			root, _, _ := strings.Cut(rest, "/")
			if c, err := cid.Decode(root); err == nil {
				if has, err := bs.Has(r.Context(), c); err == nil && !has {
					http.Error(w, "not found in this store: "+c.String(), http.StatusNotFound)
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	}), nil
}
