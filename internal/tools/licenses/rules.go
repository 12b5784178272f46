package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// rule is a reviewed decision for one module whose licence files alone do
// not settle its licence. Each rule names evidence that is checked on every
// run, so an upgrade that changes the facts fails instead of passing on a
// stale decision.
type rule struct {
	licence string
	note    string
	// filesAre: the classified licence files must be exactly these
	// (file → licence); nil means the module must have no licence file.
	filesAre map[string]string
	// evidence: this file of the module must contain this text.
	evidenceFile, evidenceText string
	// forbidPkgPrefix: no linked package may live under this directory of
	// the module (e.g. go-ethereum's GPL-licensed cmd/).
	forbidPkgPrefix string
}

var rules = map[string]rule{
	"github.com/ethereum/go-ethereum": {
		licence: "LGPL-3.0-or-later",
		note: "library code outside cmd/ is LGPL-3.0 (COPYING.LESSER); GPL-3.0 (COPYING) covers only its cmd/ " +
			"programs, none of which is linked",
		filesAre:        map[string]string{"COPYING": "GPL-3.0", "COPYING.LESSER": "LGPL-3.0"},
		evidenceFile:    "README.md",
		evidenceText:    "all code outside of the `cmd` directory) is licensed under the [GNU Lesser General Public License v3.0]",
		forbidPkgPrefix: "cmd/",
	},
	"github.com/alexbrainman/goissue34681": {
		licence:      "BSD-3-Clause",
		note:         "no licence file in the module; its source headers say Copyright The Go Authors, BSD-style (Go's licence)",
		evidenceFile: "doc.go",
		evidenceText: "Copyright 2019 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style",
	},
	"github.com/holiman/bloomfilter/v2": {
		licence:      "MIT",
		note:         "no licence file in the module; its source headers say \"MIT license\"",
		evidenceFile: "bloomfilter.go",
		evidenceText: "// MIT license",
	},
}

// apply checks r's evidence for module m (whose classified files are files)
// and returns the licence it settles on.
func (r rule) apply(m *module, files map[string][]string) (string, error) {
	if r.filesAre == nil && len(files) != 0 {
		return "", fmt.Errorf("rule expects no licence file, found %s: review the rule", strings.Join(sortedKeys(files), ", "))
	}
	if r.filesAre != nil {
		got := map[string]string{}
		for f, ids := range files {
			got[f] = strings.Join(ids, "+")
		}
		if !mapsEqual(got, r.filesAre) {
			return "", fmt.Errorf("licence files are %v, the rule expects %v: review the rule", got, r.filesAre)
		}
	}
	if r.evidenceFile != "" {
		b, err := os.ReadFile(filepath.Join(m.Dir, r.evidenceFile))
		if err != nil {
			return "", fmt.Errorf("rule evidence: %w", err)
		}
		if !strings.Contains(normalizeSpace(string(b)), normalizeSpace(r.evidenceText)) {
			return "", fmt.Errorf("rule evidence %q no longer in %s: review the rule", r.evidenceText, r.evidenceFile)
		}
	}
	if r.forbidPkgPrefix != "" {
		for _, p := range m.packages() {
			rel := strings.TrimPrefix(strings.TrimPrefix(p, m.Path), "/")
			if strings.HasPrefix(rel+"/", r.forbidPkgPrefix) {
				return "", fmt.Errorf("the binary links %s, under %s: that code is not under %s", p, r.forbidPkgPrefix, r.licence)
			}
		}
	}
	return r.licence, nil
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
