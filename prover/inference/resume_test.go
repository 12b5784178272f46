package inference

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/atomicfile"
	"github.com/zkllm/zkllm/prover/field"
	"github.com/zkllm/zkllm/prover/model/sample"
)

// The kill -9 test runs the prover in a child process (this test binary,
// re-executed with childEnv set to "<checkpoint>:<out>") under a test seed,
// kills it at a random moment, resumes it from its checkpoint, and compares
// the proof with an uninterrupted seeded run. The environment variable is
// read by the test binary only; the zkllm binary has no such switch.
const childEnv = "ZKLLM_TEST_PROVE_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

// childTB is the testing.TB the child's helpers report through.
type childTB struct{ testing.TB }

func (childTB) Helper()                   {}
func (childTB) Fatal(args ...any)         { fmt.Fprintln(os.Stderr, args...); os.Exit(3) }
func (childTB) Fatalf(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...); os.Exit(3) }

func runChild(spec string) int {
	ckpt, out := filepath.SplitList(spec)[0], filepath.SplitList(spec)[1]
	defer field.SeedForTesting([32]byte{42})()
	c := commitStoriesWith(childTB{}, false)
	m := c.model
	st, err := m.GenerateStatement("Once", 2, sample.Rule{}, -1)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	file, _, err := Prove(m, st, Options{Checkpoint: ckpt})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	if err := atomicfile.Write(out, file, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	return 0
}

func childRun(t *testing.T, dir string, killAfter time.Duration) (done bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), childEnv+"="+filepath.Join(dir, "phaseA.ckpt")+string(filepath.ListSeparator)+filepath.Join(dir, "proof.zkp"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	if killAfter > 0 {
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("child failed: %v\n%s", err, stderr.String())
			}
			return true
		case <-time.After(killAfter):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			return false
		}
	}
	if err := <-exited; err != nil {
		t.Fatalf("child failed: %v\n%s", err, stderr.String())
	}
	return true
}

// Kill -9 at random points: every resume finishes, and the seeded proof is
// byte-identical to an uninterrupted run. CI kills one run (each costs a
// whole proof); ZKLLM_LONG_TESTS=1 kills 20.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the prover many times")
	}
	ref := t.TempDir()
	start := time.Now()
	childRun(t, ref, 0)
	full := time.Since(start)
	want, err := os.ReadFile(filepath.Join(ref, "proof.zkp"))
	if err != nil {
		t.Fatal(err)
	}
	runs := 1
	if n, err := strconv.Atoi(os.Getenv("ZKLLM_LONG_TESTS")); err == nil && n > 0 {
		runs = 20
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < runs; i++ {
		dir := t.TempDir()
		kill := time.Duration(rng.Float64() * float64(full))
		finished := childRun(t, dir, kill)
		if !finished {
			if _, err := os.Stat(filepath.Join(dir, "proof.zkp")); err == nil {
				t.Fatal("a killed run left a proof file")
			}
			childRun(t, dir, 0)
		}
		got, err := os.ReadFile(filepath.Join(dir, "proof.zkp"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("run %d (killed after %v of %v): the resumed proof differs", i, kill, full)
		}
		if _, err := os.Stat(filepath.Join(dir, "phaseA.ckpt")); err == nil {
			t.Fatalf("run %d: the checkpoint outlived the proof", i)
		}
	}
	t.Logf("%d runs killed at random points resumed to the identical proof (uninterrupted run: %v)", runs, full)
}
