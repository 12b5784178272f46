package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zkllm/zkllm/internal/memprobe"
	"github.com/zkllm/zkllm/models"
	"github.com/zkllm/zkllm/prover/model"
	"github.com/zkllm/zkllm/prover/model/synth"
)

// Tests of `model import` on today's LLaMA-family checkpoints (issue 17) and
// of its memory bounds (issue 16): synthetic folders with the families'
// config features, committed through `model commit`; peak RSS of the child
// process against the file size; multi-GiB sparse garbage refused fast.

// runMeasured runs the binary and returns its result and peak RSS in bytes.
// The peak is the child's own VmHWM, polled from /proc while it runs: the
// rusage of a child started by os/exec (vfork, sharing this process's memory
// until exec) also counts this test process's peak, which other tests grow.
// Where /proc cannot be read it falls back to that rusage (an upper bound).
func runMeasured(t *testing.T, env []string, args ...string) (result, int64, time.Duration) {
	t.Helper()
	cmd := exec.Command(zkllmBin, args...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("running zkllm: %v", err)
	}
	done, polled := make(chan struct{}), make(chan int64)
	go func() { polled <- pollPeakRSS(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	took := time.Since(start)
	close(done)
	peak := <-polled
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running zkllm: %v", err)
	}
	if peak == 0 {
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			t.Fatal("no rusage")
		}
		peak = ru.Maxrss * 1024
	}
	return result{code, out.String(), errb.String()}, peak, took
}

// pollPeakRSS returns the largest VmHWM of process pid read every
// millisecond until done closes (0 if it was never readable).
func pollPeakRSS(pid int, done <-chan struct{}) int64 {
	var peak int64
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		peak = max(peak, memprobe.PeakRSSOf(pid))
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

func dirSize(t *testing.T, dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// Each family (config features kept: GQA ratio, tied or untied embeddings,
// llama3 RoPE scaling, BF16/F16/F32 shards with an index; widths narrowed to
// heads of 16 so the commit stays quick — exact widths are covered by
// prover/model/synth) imports and commits.
func TestImportCommitFamilies(t *testing.T) {
	if testing.Short() {
		t.Skip("commits three models")
	}
	for _, f := range synth.Families() {
		t.Run(f.Name, func(t *testing.T) {
			ratio := f.Config["num_attention_heads"].(int) / f.Config["num_key_value_heads"].(int)
			src := filepath.Join(t.TempDir(), f.Name)
			cfg, err := synth.WriteHF(src, f, synth.HFOptions{Layers: 1, Heads: ratio, Dim: 16 * ratio, HiddenDim: 128, VocabSize: 320})
			if err != nil {
				t.Fatal(err)
			}
			d := t.TempDir()
			r := zk(t, nil, "model", "import", src, "--data-dir", d, "--json")
			wantCode(t, r, 0, "")
			im := decodeJSON(t, r, "zkllm/model-import/v1")
			if im["format"] != "hf" || uint64(im["params"].(float64)) != cfg.ParamCount() || int(im["tensors"].(float64)) != len(model.TensorLayout(cfg)) {
				t.Fatalf("import: %s", r)
			}
			r = zk(t, []string{testSecret}, "model", "commit", "--data-dir", d, "--json")
			wantCode(t, r, 0, "")
			cm := decodeJSON(t, r, "zkllm/model-commit/v1")
			if id := strings.TrimPrefix(cm["model_id"].(string), "0x"); len(id) != 64 {
				t.Fatalf("commit: %s", r)
			}
		})
	}
}

// A LLaMA-shaped config with an unsupported feature is refused as bad input
// by a sentence naming the field.
func TestImportRefusesUnsupportedFields(t *testing.T) {
	f := synth.SmolLM2_135M()
	src := filepath.Join(t.TempDir(), "m")
	if _, err := synth.WriteHF(src, f, synth.HFOptions{Layers: 1, Heads: 3, HiddenDim: 64, VocabSize: 300}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(src, "config.json"))
	for field, val := range map[string]any{
		"sliding_window": 4096, "num_local_experts": 8, "attention_bias": true,
		"rope_scaling": map[string]any{"rope_type": "yarn", "factor": 4.0},
	} {
		var c map[string]any
		json.Unmarshal(raw, &c)
		c[field] = val
		b, _ := json.Marshal(c)
		os.WriteFile(filepath.Join(src, "config.json"), b, 0o644)
		wantCode(t, zk(t, nil, "model", "import", src, "--data-dir", t.TempDir()), 3, `"`+field)
	}
}

// A multi-GiB sparse file of garbage is refused from its header: fast and in
// little memory (issue 16: it used to cost 4.6 GB).
func TestImportSparseGarbageIsCheap(t *testing.T) {
	_, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	const size = 3 << 30
	sparse := func(path string, head []byte) {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(head)
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	ckDir := t.TempDir()
	sparse(filepath.Join(ckDir, "garbage.bin"), []byte("not a checkpoint at all, just bytes"))
	os.WriteFile(filepath.Join(ckDir, "tok512.bin"), tok.Data, 0o644)
	hfDir := filepath.Join(t.TempDir(), "hf")
	if _, err := synth.WriteHF(hfDir, synth.SmolLM2_135M(), synth.HFOptions{Layers: 1, Heads: 3, HiddenDim: 64, VocabSize: 300}); err != nil {
		t.Fatal(err)
	}
	shards, _ := filepath.Glob(filepath.Join(hfDir, "*.safetensors"))
	// A header length that fits the file but is garbage.
	sparse(shards[0], append([]byte{0xf0, 0xff, 0xff, 0, 0, 0, 0, 0}, bytes.Repeat([]byte("x"), 64)...))
	for _, path := range []string{filepath.Join(ckDir, "garbage.bin"), hfDir} {
		r, rss, took := runMeasured(t, nil, "model", "import", path, "--data-dir", t.TempDir())
		wantCode(t, r, 3, "malformed")
		t.Logf("%s: refused in %v, peak RSS %.1f MB", filepath.Base(path), took, float64(rss)/1e6)
		if (rss > 200<<20 && !raceEnabled) || took > 10*time.Second {
			t.Errorf("%s: refusing a %d-byte sparse file took %v and %d bytes of RSS", path, size, took, rss)
		}
	}
}

// Peak RSS of `model import` stays below the checkpoint's size + 10%, for an
// HF folder (Llama-3.2-1B widths, BF16 shards) and a llama2.c file. CI runs
// ~0.1–0.2 GB models; ZKLLM_HEAVY_IMPORT=1 runs the full 1.24B-parameter
// Llama-3.2-1B shape (2.5 GB) and a 1.2B-parameter llama2.c file (4.8 GB).
func TestImportPeakMemory(t *testing.T) {
	heavy := os.Getenv("ZKLLM_HEAVY_IMPORT") == "1"
	if testing.Short() && !heavy {
		t.Skip("writes 0.5 GB of checkpoints")
	}
	hfOpt := synth.HFOptions{Layers: 1, VocabSize: 16384}
	l2c := model.Config{Dim: 1024, HiddenDim: 2816, NLayers: 4, NHeads: 16, NKVHeads: 16, VocabSize: 512, SeqLen: 256, SharedClassifier: true}
	if heavy {
		hfOpt = synth.HFOptions{}
		l2c.Dim, l2c.HiddenDim, l2c.NLayers, l2c.NHeads, l2c.NKVHeads = 2048, 5632, 22, 32, 32
	}
	_, tok, err := models.Stories260K()
	if err != nil {
		t.Fatal(err)
	}
	hfDir := filepath.Join(t.TempDir(), "llama-3.2-1b")
	if _, err := synth.WriteHF(hfDir, synth.Llama32_1B(), hfOpt); err != nil {
		t.Fatal(err)
	}
	ckDir := t.TempDir()
	ck := filepath.Join(ckDir, "synthetic.bin")
	if err := synth.WriteLlama2c(ck, l2c, [32]byte{1}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(ckDir, "tok512.bin"), tok.Data, 0o644)
	for _, c := range []struct{ path, sizeOf string }{{hfDir, hfDir}, {ck, ckDir}} {
		size := dirSize(t, c.sizeOf)
		r, rss, took := runMeasured(t, nil, "model", "import", c.path, "--data-dir", t.TempDir(), "--json")
		wantCode(t, r, 0, "")
		t.Logf("%s: %.2f GB of files, peak RSS %.1f MB (%.1f%% of the size), %v",
			filepath.Base(c.path), float64(size)/1e9, float64(rss)/1e6, 100*float64(rss)/float64(size), took.Round(time.Millisecond))
		if rss > size+size/10 {
			t.Errorf("%s: peak RSS %d above the file size %d + 10%%", c.path, rss, size)
		}
		if !strings.Contains(r.stdout, `"format"`) {
			t.Fatalf("import output: %s", r)
		}
	}
}
