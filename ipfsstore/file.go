package ipfsstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ipfs/go-cid"
)

// GetFile retrieves root into the file dst, all or nothing: the content goes
// to a temporary file beside dst, is fsync'd, checked against wantSHA256 (the
// digest of the whole content, independent of chunking; nil skips the check)
// and only then renamed over dst. On any error dst is untouched and no
// temporary file remains. It returns the SHA-256 of the content.
func GetFile(ctx context.Context, g Getter, root cid.Cid, dst string, lim Limits, wantSHA256 []byte) ([]byte, error) {
	if wantSHA256 != nil && len(wantSHA256) != sha256.Size {
		return nil, fmt.Errorf("ipfsstore: expected digest has %d bytes, want %d", len(wantSHA256), sha256.Size)
	}
	dir := filepath.Dir(dst)
	f, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".partial-*")
	if err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	tmp := f.Name()
	committed := false
	defer func() {
		if !committed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	h := sha256.New()
	if _, err := g.Get(ctx, root, io.MultiWriter(f, h), lim); err != nil {
		return nil, err
	}
	sum := h.Sum(nil)
	if wantSHA256 != nil && !bytes.Equal(sum, wantSHA256) {
		return nil, &Error{Kind: KindInvalid, CID: root, Err: fmt.Errorf("%w: got %s, want %s",
			ErrDigestMismatch, hex.EncodeToString(sum), hex.EncodeToString(wantSHA256))}
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return nil, fmt.Errorf("ipfsstore: %w", err)
	}
	committed = true
	return sum, syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("ipfsstore: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("ipfsstore: sync %s: %w", dir, err)
	}
	return nil
}
