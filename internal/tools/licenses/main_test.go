package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	bsdHead = "Redistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n" +
		"* Redistributions of source code must retain the above copyright notice,\n  this list of conditions and the following disclaimer.\n"
	bsdThird = "* Neither the name of the copyright holder nor the names of its contributors\n  may be used to endorse or promote products derived from this software\n  without specific prior written permission.\n"
	mitText  = "Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software ... subject to the following conditions:\n\n" +
		"The above copyright notice and this permission notice shall be included in\nall copies or substantial portions of the Software.\n"
)

func TestClassify(t *testing.T) {
	ours, err := os.ReadFile("../../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		text    string
		want    []string
		pointer bool
	}{
		{"our LICENSE", string(ours), []string{"Apache-2.0"}, false},
		{"MIT", "Copyright (c) 2020 X\n\n" + mitText, []string{"MIT"}, false},
		{"BSD-3-Clause", bsdHead + bsdThird, []string{"BSD-3-Clause"}, false},
		{"BSD-2-Clause, quoted", "> " + strings.ReplaceAll(bsdHead, "\n", "\n> "), []string{"BSD-2-Clause"}, false},
		{"LGPL-3.0 by its title", "                   GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n ... GNU General Public License ...", []string{"LGPL-3.0"}, false},
		{"GPL-3.0 by its title", "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n ... use the GNU Lesser General Public License instead", []string{"GPL-3.0"}, false},
		{"Apache notice", "Licensed under the Apache License, Version 2.0 (the \"License\");\n// you may not use this file except in compliance with the License.", []string{"Apache-2.0"}, false},
		{"two texts in one file", mitText + "\n---\n" + bsdHead + bsdThird, []string{"MIT", "BSD-3-Clause"}, false},
		{"dual-licence pointer", "This library is dual-licensed under Apache 2.0 and MIT terms.", nil, true},
		{"unknown", "All rights reserved. Ask us first.", nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, pointer := classify(tc.text)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) || pointer != tc.pointer {
				t.Fatalf("got %v pointer=%v, want %v pointer=%v", got, pointer, want, tc.pointer)
			}
		})
	}
}

func writeModule(t *testing.T, files map[string]string) *module {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &module{Path: "example.com/m", Version: "v1.0.0", Dir: dir, pkgs: map[string]bool{"example.com/m": true},
		on: map[string]bool{"linux/amd64": true}}
}

// A module the generator cannot settle fails the run instead of being listed
// with a guess.
func TestSettleRefusesWhatItCannotClassify(t *testing.T) {
	gpl := "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"
	for name, files := range map[string]map[string]string{
		"no licence file": {"README": "hello"},
		"unknown text":    {"LICENSE": "All rights reserved."},
		"GPL":             {"COPYING": gpl},
	} {
		if _, err := settle(writeModule(t, files)); err == nil {
			t.Errorf("%s: settled", name)
		}
	}
	e, err := settle(writeModule(t, map[string]string{"LICENSE-MIT": mitText, "LICENSE": "dual-licensed under MIT and BSD", "LICENSE-BSD": bsdHead + bsdThird}))
	if err != nil || e.licence != "BSD-3-Clause, MIT" || e.files != "LICENSE-BSD, LICENSE-MIT" {
		t.Fatalf("dual licence: %+v, %v", e, err)
	}
}

// A rule holds only while its evidence does.
func TestRuleChecksItsEvidence(t *testing.T) {
	r := rule{licence: "LGPL-3.0-or-later", filesAre: map[string]string{"COPYING": "GPL-3.0", "COPYING.LESSER": "LGPL-3.0"},
		evidenceFile: "README.md", evidenceText: "library is LGPL", forbidPkgPrefix: "cmd/"}
	m := writeModule(t, map[string]string{
		"COPYING":        "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n",
		"COPYING.LESSER": "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n",
		"README.md":      "the\n  library is LGPL",
	})
	files, err := classifyModule(m.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if l, err := r.apply(m, files); err != nil || l != "LGPL-3.0-or-later" {
		t.Fatalf("rule with its evidence: %q, %v", l, err)
	}
	m.pkgs["example.com/m/cmd/tool"] = true
	if _, err := r.apply(m, files); err == nil || !strings.Contains(err.Error(), "cmd/") {
		t.Fatalf("linked cmd/ package: %v", err)
	}
	delete(m.pkgs, "example.com/m/cmd/tool")
	delete(files, "COPYING.LESSER")
	if _, err := r.apply(m, files); err == nil {
		t.Fatal("rule applied with a licence file missing")
	}
	r.evidenceText = "something else"
	files["COPYING.LESSER"] = []string{"LGPL-3.0"}
	if _, err := r.apply(m, files); err == nil {
		t.Fatal("rule applied without its evidence")
	}
}
