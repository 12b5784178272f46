package testutil

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// How long a daemon may take to answer, and to exit once killed. Generous:
// CI machines have 2 cores shared with compiling test binaries.
const (
	readyTimeout = 60 * time.Second
	exitTimeout  = 15 * time.Second
	pollInterval = 20 * time.Millisecond
)

// outputTailBytes bounds how much of a daemon's output is kept for error
// messages.
const outputTailBytes = 32 << 10

// daemon is a started external process in its own process group.
type daemon struct {
	name string
	cmd  *exec.Cmd
	out  *tailBuffer
	done chan struct{} // closed once cmd.Wait returned
	err  error         // cmd.Wait's result, valid after done
}

// startDaemon starts bin with args and env (added to the test's environment)
// in a new process group that dies with this process, and registers a
// cleanup that kills the group and waits for the exit.
func startDaemon(t testing.TB, name, bin string, env []string, args ...string) (*daemon, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out := &tailBuffer{limit: outputTailBytes}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid:   true,            // own group: cleanup kills children too
		Pdeathsig: syscall.SIGKILL, // a killed test binary takes the daemon along
	}
	cmd.WaitDelay = exitTimeout // never hang on an output pipe held open
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("testutil: start %s (%s): %w", name, bin, err)
	}
	d := &daemon{name: name, cmd: cmd, out: out, done: make(chan struct{})}
	go func() {
		d.err = cmd.Wait()
		close(d.done)
	}()
	t.Cleanup(func() {
		if err := d.stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("%s output (tail):\n%s", name, d.out.String())
		}
	})
	return d, nil
}

// PID returns the daemon's process id (also its process group id).
func (d *daemon) PID() int { return d.cmd.Process.Pid }

// exited reports whether the process has exited.
func (d *daemon) exited() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// stop kills the whole process group and waits for the daemon to exit. It is
// idempotent.
func (d *daemon) stop() error {
	// The group may be gone already (ESRCH): that is the goal, not an error.
	_ = syscall.Kill(-d.PID(), syscall.SIGKILL)
	select {
	case <-d.done:
		return nil
	case <-time.After(exitTimeout):
		return fmt.Errorf("testutil: %s (pid %d) still running %v after SIGKILL", d.name, d.PID(), exitTimeout)
	}
}

// waitReady polls ready every pollInterval until it returns nil, the daemon
// exits, or readyTimeout passes.
func (d *daemon) waitReady(ready func() error) error {
	deadline := time.Now().Add(readyTimeout)
	for {
		if d.exited() {
			return fmt.Errorf("testutil: %s exited before it was ready (%v); output:\n%s", d.name, d.err, d.out.String())
		}
		err := ready()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("testutil: %s not ready after %v: %v; output:\n%s", d.name, readyTimeout, err, d.out.String())
		}
		time.Sleep(pollInterval)
	}
}

// portClash reports whether a daemon failed because a port was taken between
// FreePorts and its bind, the one startup failure worth a retry.
func (d *daemon) portClash() bool {
	return d.exited() && strings.Contains(strings.ToLower(d.out.String()), "address already in use")
}

// processAlive reports whether pid is a live (non-zombie) process.
func processAlive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// Format: "pid (comm) S ..."; comm may contain spaces, so cut at the last ')'.
	rest := stat[bytes.LastIndexByte(stat, ')')+1:]
	fields := strings.Fields(string(rest))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// tailBuffer is a concurrency-safe writer that keeps the last limit bytes.
type tailBuffer struct {
	mu    sync.Mutex
	limit int
	buf   []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.limit; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
