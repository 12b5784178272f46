package ipfsstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ipfs/go-cid"
)

// Kubo is a Store backed by a Kubo node's RPC API (plain HTTP to /api/v0; no
// Kubo client library). Content read back is verified like a gateway's: CAR
// from dag/export, single blocks from block/get. The RPC API is an admin
// interface: only point this at a node you control.
type Kubo struct {
	api    string
	client *http.Client
	hs     sourceHealth
}

var _ Store = (*Kubo)(nil)

// KuboOptions configure NewKuboRPC.
type KuboOptions struct {
	Client *http.Client // nil: a client without a global timeout
}

// NewKuboRPC returns a store talking to the RPC API at apiURL
// (e.g. "http://127.0.0.1:5001").
func NewKuboRPC(apiURL string, opts KuboOptions) (*Kubo, error) {
	base, err := parseBaseURL(apiURL)
	if err != nil {
		return nil, err
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	return &Kubo{api: base, client: client}, nil
}

// AddOptions select how Kubo imports.
type AddOptions struct {
	Profile  Profile // zero value: UnixFSv1_2025
	Pin      bool
	OnlyHash bool // chunk and hash only, store nothing (`ipfs add --only-hash`)
}

// Put adds r with UnixFSv1_2025 and pins it.
func (k *Kubo) Put(ctx context.Context, r io.Reader) (cid.Cid, int64, error) {
	return k.Add(ctx, r, AddOptions{Pin: true})
}

// Add streams r to the node's add command with the profile's parameters
// spelled out, so the CID does not depend on the node's Import config.
func (k *Kubo) Add(ctx context.Context, r io.Reader, o AddOptions) (cid.Cid, int64, error) {
	p := o.Profile
	if p == (Profile{}) {
		p = UnixFSv1_2025
	}
	if err := p.Validate(); err != nil {
		return cid.Undef, 0, err
	}
	q := url.Values{
		"cid-version":    {"1"},
		"raw-leaves":     {"true"},
		"hash":           {"sha2-256"},
		"chunker":        {p.KuboChunker()},
		"max-file-links": {strconv.Itoa(p.MaxLinks)},
		"trickle":        {"false"},
		"pin":            {strconv.FormatBool(o.Pin && !o.OnlyHash)},
		"only-hash":      {strconv.FormatBool(o.OnlyHash)},
		"progress":       {"false"},
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	cr := &countingReader{ctx: ctx, r: r}
	go func() {
		part, err := mw.CreateFormFile("file", "file")
		if err == nil {
			_, err = io.Copy(part, cr)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, k.api+"/api/v0/add?"+q.Encode(), pr)
	if err != nil {
		pr.CloseWithError(err)
		return cid.Undef, 0, fmt.Errorf("ipfsstore: kubo add: %w", err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	// Kubo may answer before it has read all of the body; the copier stops
	// only once the whole response is read or abandoned.
	defer pr.CloseWithError(errors.New("ipfsstore: add request finished"))
	resp, err := k.client.Do(req)
	if err != nil {
		return cid.Undef, cr.n, fmt.Errorf("ipfsstore: kubo add: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return cid.Undef, cr.n, fmt.Errorf("ipfsstore: kubo add: HTTP %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	c, err := parseAddResponse(resp.Body, resp.Trailer)
	return c, cr.n, err
}

// maxAddResponse bounds what is read of an add response: one JSON line per
// file (one file here), far below this.
const maxAddResponse = 1 << 20

// parseAddResponse reads the newline-delimited JSON events of Kubo's add and
// returns the file's CID. Strict: every line must be a JSON object; an
// "error" event, Kubo's X-Stream-Error trailer (read after the body), lines
// naming different CIDs, no CID at all, a CID this package cannot retrieve,
// CIDv0, or one not in its canonical spelling (the multibase decoder also
// takes upper-case base32) fail.
func parseAddResponse(body io.Reader, trailer http.Header) (cid.Cid, error) {
	data, err := io.ReadAll(io.LimitReader(body, maxAddResponse+1))
	if err != nil {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: reading the response: %w", err)
	}
	if len(data) > maxAddResponse {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: response over %d bytes", maxAddResponse)
	}
	var hash string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var ev struct {
			Hash    string
			Message string
			Type    string
		}
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if line[0] != '{' {
			return cid.Undef, fmt.Errorf("ipfsstore: kubo add: response line is not a JSON object: %.64q", line)
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			return cid.Undef, fmt.Errorf("ipfsstore: kubo add: bad response line %.64q: %v", line, err)
		}
		if ev.Type == "error" {
			return cid.Undef, fmt.Errorf("ipfsstore: kubo add: %.200q", ev.Message)
		}
		if ev.Hash == "" {
			continue // a progress event
		}
		if hash != "" && ev.Hash != hash {
			return cid.Undef, fmt.Errorf("ipfsstore: kubo add: response names two CIDs (%.80q, %.80q) for one file", hash, ev.Hash)
		}
		hash = ev.Hash
	}
	if err := sc.Err(); err != nil {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: %w", err)
	}
	if msg := trailer.Get("X-Stream-Error"); msg != "" {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: %.200q", msg)
	}
	if hash == "" {
		return cid.Undef, errors.New("ipfsstore: kubo add: no CID in the response")
	}
	c, err := ParseCID(hash)
	if err != nil {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: %w", err)
	}
	if c.Version() != 1 {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: node answered CIDv0 %s despite cid-version=1", c)
	}
	if c.String() != hash {
		return cid.Undef, fmt.Errorf("ipfsstore: kubo add: CID %.80q is not in canonical form (%s)", hash, c)
	}
	return c, nil
}

// Get exports the file from the node, verified block by block.
func (k *Kubo) Get(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	return getFrom(ctx, root, k.sources(), w, lim)
}

func (k *Kubo) sources() []source { return []source{k} }

func (k *Kubo) name() string          { return k.api }
func (k *Kubo) health() *sourceHealth { return &k.hs }

func (k *Kubo) rpc(ctx context.Context, cmd string, q url.Values, p pace) (*watchedBody, error) {
	return httpGet(ctx, k.client, http.MethodPost, k.api+"/api/v0/"+cmd+"?"+q.Encode(), "", p)
}

func (k *Kubo) fetch(ctx context.Context, root cid.Cid, w io.Writer, lim Limits) (int64, error) {
	single := &rawBlockSource{get: func(ctx context.Context, c cid.Cid) (*watchedBody, error) {
		return k.rpc(ctx, "block/get", url.Values{"arg": {c.String()}}, lim.pace())
	}}
	body, err := k.rpc(ctx, "dag/export", url.Values{"arg": {root.String()}, "progress": {"false"}}, lim.pace())
	if err != nil {
		return 0, err
	}
	defer body.Close()
	cs, err := openCAR(body, body.failed, body.trailerError)
	if err != nil {
		if terr := body.trailerError(); terr != nil {
			return 0, terr
		}
		return 0, err
	}
	return walkFile(ctx, root, newCARSource(cs, single), w, lim.MaxSize)
}

// Has asks the node whether it holds the root block, without searching the
// network.
func (k *Kubo) Has(ctx context.Context, root cid.Cid) (bool, error) {
	body, err := k.rpc(ctx, "block/stat", url.Values{"arg": {root.String()}, "offline": {"true"}}, pace{idle: DefaultIdleTimeout})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return false, nil
		}
		return false, annotate(err, root, k.api)
	}
	body.Close()
	return true, nil
}

// Pin pins root recursively on the node (which fetches what it lacks if online).
func (k *Kubo) Pin(ctx context.Context, root cid.Cid) error {
	body, err := k.rpc(ctx, "pin/add", url.Values{"arg": {root.String()}, "progress": {"false"}}, pace{idle: DefaultTimeout})
	if err != nil {
		return annotate(err, root, k.api)
	}
	defer body.Close()
	if _, err := io.Copy(io.Discard, io.LimitReader(body, 1<<20)); err != nil {
		return annotate(err, root, k.api)
	}
	return annotate(body.trailerError(), root, k.api)
}
