package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/zkllm/zkllm/internal/atomicfile"
)

// platforms whose dependency graphs are joined: a few modules are linked on
// one OS only (DataDog/zstd needs cgo, go-ole is Windows-only).
var platforms = []struct{ goos, goarch, cgo string }{
	{"linux", "amd64", "1"},
	{"linux", "arm64", "0"},
	{"darwin", "arm64", "0"},
	{"windows", "amd64", "0"},
}

const target = "./cmd/zkllm"

// listedPackage is the part of `go list -json` output used here.
type listedPackage struct {
	ImportPath string
	Standard   bool
	Module     *listedModule
}

type listedModule struct {
	Path    string
	Version string
	Dir     string
	Main    bool
	Replace *listedModule
}

// module is one linked module, joined over platforms.
type module struct {
	Path, Version, Dir string
	pkgs               map[string]bool
	on                 map[string]bool // platforms linking it
}

func (m *module) packages() []string { return sortedKeys(m.pkgs) }

// entry is one row of the output.
type entry struct {
	path, version, licence, files, platforms, note string
}

func main() {
	out := flag.String("out", "docs/THIRD_PARTY_LICENSES.md", "file to write")
	flag.Parse()
	mods, err := linkedModules()
	if err != nil {
		fail(err)
	}
	entries, err := classifyAll(mods)
	if err != nil {
		fail(err)
	}
	var buf bytes.Buffer
	render(&buf, entries)
	if err := atomicfile.Write(*out, buf.Bytes(), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "licenses:", err)
	os.Exit(1)
}

// linkedModules runs go list on every platform and joins the modules.
func linkedModules() (map[string]*module, error) {
	mods := map[string]*module{}
	for _, p := range platforms {
		plat := p.goos + "/" + p.goarch
		cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Module", target)
		cmd.Env = append(os.Environ(), "GOOS="+p.goos, "GOARCH="+p.goarch, "CGO_ENABLED="+p.cgo, "GOFLAGS=-mod=readonly")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list (%s): %v\n%s", plat, err, stderr.String())
		}
		dec := json.NewDecoder(bytes.NewReader(stdout))
		for {
			var pkg listedPackage
			if err := dec.Decode(&pkg); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				return nil, fmt.Errorf("go list (%s) output: %w", plat, err)
			}
			if pkg.Standard || pkg.Module == nil || pkg.Module.Main {
				continue
			}
			src := pkg.Module
			if src.Replace != nil {
				src = src.Replace
			}
			m := mods[pkg.Module.Path]
			if m == nil {
				m = &module{Path: pkg.Module.Path, Version: src.Version, Dir: src.Dir, pkgs: map[string]bool{}, on: map[string]bool{}}
				mods[pkg.Module.Path] = m
			}
			if m.Version != src.Version {
				return nil, fmt.Errorf("%s: version %s on one platform, %s on another", m.Path, m.Version, src.Version)
			}
			if src.Dir == "" {
				return nil, fmt.Errorf("%s@%s is not in the module cache (go mod download)", m.Path, src.Version)
			}
			m.pkgs[pkg.ImportPath] = true
			m.on[plat] = true
		}
	}
	return mods, nil
}

// classifyAll settles every module's licence, or fails with every module it
// could not settle.
func classifyAll(mods map[string]*module) ([]entry, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	std, err := classifyModule(strings.TrimSpace(string(goroot)))
	if err != nil {
		return nil, err
	}
	if ids := std["LICENSE"]; len(ids) != 1 {
		return nil, fmt.Errorf("Go's own LICENSE classifies as %v", ids)
	}
	entries := []entry{{path: "Go standard library and runtime", version: "(toolchain)", licence: std["LICENSE"][0],
		files: "LICENSE", platforms: "all"}}
	var problems []string
	for _, path := range sortedKeys(mods) {
		m := mods[path]
		e, err := settle(m)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s@%s: %v", m.Path, m.Version, err))
			continue
		}
		entries = append(entries, e)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%d module(s) need a decision (add a reviewed rule in internal/tools/licenses/rules.go):\n  %s",
			len(problems), strings.Join(problems, "\n  "))
	}
	return entries, nil
}

func settle(m *module) (entry, error) {
	files, err := classifyModule(m.Dir)
	if err != nil {
		return entry{}, err
	}
	e := entry{path: m.Path, version: m.Version, files: strings.Join(sortedKeys(files), ", "), platforms: "all"}
	if len(m.on) < len(platforms) {
		e.platforms = strings.Join(sortedKeys(m.on), ", ")
	}
	if r, ok := rules[m.Path]; ok {
		l, err := r.apply(m, files)
		if err != nil {
			return entry{}, err
		}
		e.licence, e.note = l, r.note
		if e.files == "" {
			e.files = r.evidenceFile
		}
		return e, nil
	}
	if len(files) == 0 {
		return entry{}, errors.New("no licence file")
	}
	var ids []string
	for _, f := range sortedKeys(files) {
		if len(files[f]) == 0 {
			return entry{}, fmt.Errorf("%s matches no known licence text", f)
		}
		for _, id := range files[f] {
			if strings.Contains(id, "GPL") {
				return entry{}, fmt.Errorf("%s is %s", f, id)
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	e.licence = strings.Join(ids, ", ")
	return e, nil
}

func render(w io.Writer, entries []entry) {
	fmt.Fprintln(w, "<!-- Code generated by `go run ./internal/tools/licenses`; DO NOT EDIT. -->")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "# Third-party licences of the zkllm binary")
	fmt.Fprintln(w)
	var plats []string
	for _, p := range platforms {
		plats = append(plats, p.goos+"/"+p.goarch)
	}
	fmt.Fprintf(w, "Every module that `go build %s` links (default build tags; the union over %s), with the licence "+
		"read from its licence files in the module cache. zkllm itself is Apache-2.0 (`LICENSE`). "+
		"A build with `-tags cuda` also links NVIDIA's CUDA runtime, under NVIDIA's own licence (not listed here). "+
		"Several licences in one row are the texts its files carry (dual licensing, or code it bundles). "+
		"CI regenerates this file and fails on any difference.\n\n", target, strings.Join(plats, ", "))
	count := map[string]int{}
	for _, e := range entries {
		count[e.licence]++
	}
	fmt.Fprintln(w, "| licence | modules |")
	fmt.Fprintln(w, "|---|---|")
	for _, l := range sortedKeys(count) {
		fmt.Fprintf(w, "| %s | %d |\n", l, count[l])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| module | version | licence | licence files | platforms | note |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, e := range entries {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", e.path, e.version, e.licence, e.files, e.platforms, e.note)
	}
}
