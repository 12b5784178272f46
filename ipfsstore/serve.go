package ipfsstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/exchange/offline"
	"github.com/ipfs/boxo/gateway"
	"github.com/ipfs/go-cid"
)

// GatewayHandler serves the blocks of bs as a trustless gateway: GET/HEAD
// /ipfs/<cid> with ?format=raw or ?format=car (or the matching Accept
// headers). It never fetches from the network and never deserializes: what
// it serves is verifiable by the client. A root it does not hold gets 404.
func GatewayHandler(bs blockstore.Blockstore) (http.Handler, error) {
	bsvc := blockservice.New(bs, offline.Exchange(bs))
	backend, err := gateway.NewBlocksBackend(bsvc)
	if err != nil {
		return nil, fmt.Errorf("ipfsstore: gateway backend: %w", err)
	}
	h := gateway.NewHandler(gateway.Config{
		DeserializedResponses: false,
		NoDNSLink:             true,
		DisableHTMLErrors:     true,
	}, backend)
	mux := http.NewServeMux()
	mux.Handle("/ipfs/", rootPresent(bs, h))
	return mux, nil
}

// rootPresent answers 404 for a root CID the store lacks. boxo's handler
// would start a 200 CAR and cut it short, which clients that do not know the
// end marker can only read as a misbehaving gateway.
func rootPresent(bs blockstore.Blockstore, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/ipfs/")
		root, _, _ := strings.Cut(rest, "/")
		if c, err := cid.Decode(root); err == nil {
			if has, err := bs.Has(r.Context(), c); err == nil && !has {
				http.Error(w, "not in this store: "+c.String(), http.StatusNotFound)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// ServeGateway serves h on ln until ctx ends, then shuts down gracefully
// (in-flight requests get 5 s). It returns nil after a shutdown caused by ctx.
func ServeGateway(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("ipfsstore: gateway: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("ipfsstore: gateway: %w", err)
	}
	return nil
}
