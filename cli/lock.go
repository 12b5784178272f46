package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// lockFileName is the data directory's writer lock (see dataDir.lock).
const lockFileName = "lock"

// lockWait is how long a writer waits for another writer before giving up.
var lockWait = 2 * time.Second

// errLocked: another process holds the data directory's writer lock.
var errLocked = errors.New("data directory locked")

// dirLock is a held writer lock; release it exactly once.
type dirLock struct{ f *os.File }

// lock takes the data directory's writer lock: an exclusive advisory lock (flock) on
// <data-dir>/lock that the kernel drops when the process dies, so a killed command never
// leaves the directory locked. Every command that writes the data directory (model records,
// the owner secret, the keystore) holds it for its whole run; read-only commands never take
// it, so a check or a show works while a publish runs. The holder writes its pid and command
// into the file for the message the next writer sees.
func (d dataDir) lock(command string) (*dirLock, error) {
	path := d.path(lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, internalf("data directory lock %s: %v", path, err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := tryFlock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errLocked) {
			f.Close()
			return nil, internalf("data directory lock %s: %v", path, err)
		}
		if time.Now().After(deadline) {
			holder, _ := os.ReadFile(path)
			f.Close()
			who := strings.TrimSpace(string(holder))
			if who == "" {
				who = "another zkllm process"
			}
			return nil, withCode(ExitUnavailable, fmt.Errorf("%w: %s is in use by %s; retry when it finishes", errLocked, d.root, who))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "pid %d running `zkllm %s`\n", os.Getpid(), command)
		f.Sync()
	}
	return &dirLock{f: f}, nil
}

func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	unflock(l.f)
	l.f.Close()
	l.f = nil
}

// writes wraps the body of a command that writes the data directory: it runs under the
// directory's writer lock.
func writes(body func(s *session) error) func(s *session) error {
	return func(s *session) error {
		l, err := s.dir.lock(s.c.Command.FullName())
		if err != nil {
			return err
		}
		defer l.release()
		return body(s)
	}
}
