package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// licenceFile matches the names of licence files at a module's root.
var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|unlicense)([.\-_][a-z0-9.\-_]*)?$`)

// findLicenceFiles lists the licence files at the root of dir, sorted.
func findLicenceFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && licenceFile.MatchString(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// normalize lowercases text and collapses whitespace and comment markers, so
// markers match however a file is wrapped or indented.
func normalize(text string) string {
	text = strings.ToLower(text)
	text = strings.NewReplacer("\u00a0", " ", "#", " ", "//", " ", "*", " ", ">", " ", "`", "").Replace(text)
	return strings.Join(strings.Fields(text), " ")
}

// marker identifies one licence: every phrase in all must occur; in the GPL
// family the title must open the text (each of those licences mentions the
// others in its body). An id may have several markers (full text, or the
// standard notice that points to it).
type marker struct {
	id    string
	title string   // must occur in the first 400 characters, if set
	all   []string // must all occur anywhere
	none  []string // must not occur anywhere
}

var markers = []marker{
	{id: "LGPL-3.0", title: "gnu lesser general public license version 3"},
	{id: "LGPL-2.1", title: "gnu lesser general public license version 2.1"},
	{id: "GPL-3.0", title: "gnu general public license version 3"},
	{id: "GPL-2.0", title: "gnu general public license version 2"},
	{id: "AGPL-3.0", title: "gnu affero general public license version 3"},
	{id: "Apache-2.0", all: []string{"apache license", "version 2.0", "terms and conditions for use, reproduction, and distribution"}},
	{id: "Apache-2.0", all: []string{"licensed under the apache license, version 2.0", "you may not use this file except in compliance with the license"}},
	{id: "Apache-2.0 OR MIT", all: []string{"licensed under the permissive license stack, meaning either of", "apache-2.0 software license", "mit software license"}},
	{id: "MPL-2.0", all: []string{"mozilla public license version 2.0"}},
	{id: "MPL-2.0", all: []string{"mozilla public license, version 2.0", "1.1. \"contributor\""}},
	{id: "MIT", all: []string{"permission is hereby granted, free of charge, to any person obtaining a copy",
		"the above copyright notice and this permission notice shall be included"}},
	{id: "ISC", all: []string{"this software for any purpose with or without fee is hereby granted",
		"the above copyright notice and this permission notice appear in all copies",
		"the software is provided \"as is\" and the author disclaims all warranties"}},
	{id: "BSD-3-Clause", all: []string{"redistribution and use in source and binary forms, with or without modification, are permitted",
		"may be used to endorse or promote products derived from this software"}},
	{id: "BSD-2-Clause", all: []string{"redistribution and use in source and binary forms, with or without modification, are permitted",
		"this list of conditions and the following disclaimer"},
		none: []string{"may be used to endorse or promote products derived from this software"}},
	{id: "Unlicense", all: []string{"this is free and unencumbered software released into the public domain"}},
	{id: "CC0-1.0", all: []string{"cc0 1.0 universal"}},
}

// pointer texts only refer to other licence files of the same module (a
// LICENSE saying "dual-licensed under Apache 2.0 and MIT" beside
// LICENSE-APACHE and LICENSE-MIT): they add nothing and are skipped.
var pointerPhrases = []string{"dual-licensed under", "dual licensed under", "licensed under either of"}

// classify returns the licences whose texts text contains (one file may hold
// several, e.g. MIT followed by a BSD notice), or nil. isPointer reports a
// short text that only refers to the module's other licence files.
func classify(text string) (ids []string, isPointer bool) {
	n := normalize(text)
	head := n
	if len(head) > 400 {
		head = head[:400]
	}
	for _, m := range markers {
		if m.title != "" && !strings.Contains(head, m.title) {
			continue
		}
		ok := true
		for _, p := range m.all {
			ok = ok && strings.Contains(n, p)
		}
		for _, p := range m.none {
			ok = ok && !strings.Contains(n, p)
		}
		if ok && !slices.Contains(ids, m.id) {
			ids = append(ids, m.id)
		}
	}
	if len(ids) == 0 && len(n) < 2000 {
		for _, p := range pointerPhrases {
			if strings.Contains(n, p) {
				return nil, true
			}
		}
	}
	return ids, false
}

// classifyModule reads the licence files of the module in dir and returns
// the licence of each file that states one.
func classifyModule(dir string) (map[string][]string, error) {
	files, err := findLicenceFiles(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		ids, pointer := classify(string(b))
		if pointer {
			continue
		}
		out[f] = ids // nil: unrecognised, reported by the caller
	}
	return out, nil
}
