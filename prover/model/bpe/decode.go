package bpe

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Decode runs the decoder chain over the tokens of ids (added tokens
// included, as their text) and returns the text. Invalid UTF-8 from byte
// pieces becomes U+FFFD per maximal invalid subsequence (the WHATWG rule the
// reference's TextDecoder follows).
func (t *Tokenizer) Decode(ids []int) (string, error) {
	toks := make([]string, len(ids))
	for i, id := range ids {
		p, err := t.Piece(id)
		if err != nil {
			return "", err
		}
		toks[i] = p
	}
	if len(t.c.Decoder) == 0 {
		return strings.Join(toks, " "), nil // the reference's rule without a decoder
	}
	for _, d := range t.c.Decoder {
		switch d.Kind {
		case "Replace":
			for i := range toks {
				toks[i] = strings.ReplaceAll(toks[i], d.A, d.B)
			}
		case "ByteFallback":
			toks = fuseBytePieces(toks)
		case "Fuse":
			toks = []string{strings.Join(toks, "")}
		case "Strip":
			for i := range toks {
				toks[i] = strip(toks[i], d.A, d.Start, d.Stop)
			}
		case "ByteLevel":
			toks = t.byteLevelDecode(toks)
		default:
			return "", fmt.Errorf("bpe: decoder %s", d.Kind)
		}
	}
	return strings.Join(toks, ""), nil
}

// fuseBytePieces replaces each run of <0xXX> pieces by the text of its bytes.
func fuseBytePieces(toks []string) []string {
	var out []string
	var run []byte
	flush := func() {
		if len(run) > 0 {
			out = append(out, decodeUTF8(run))
			run = run[:0]
		}
	}
	for _, tok := range toks {
		if b, ok := parseBytePiece(tok); ok {
			run = append(run, b)
			continue
		}
		flush()
		out = append(out, tok)
	}
	flush()
	return out
}

func parseBytePiece(p string) (byte, bool) {
	if len(p) != 6 || p[:3] != "<0x" || p[5] != '>' {
		return 0, false
	}
	v, err := strconv.ParseUint(p[3:5], 16, 8)
	return byte(v), err == nil
}

// strip removes up to start leading and stop trailing copies of the
// character c.
func strip(s, c string, start, stop int) string {
	for i := 0; i < start && strings.HasPrefix(s, c); i++ {
		s = s[len(c):]
	}
	for i := 0; i < stop && strings.HasSuffix(s, c); i++ {
		s = s[:len(s)-len(c)]
	}
	return s
}

// byteLevelDecode maps runs of ordinary tokens back to bytes and decodes
// them; added tokens pass through as their text.
func (t *Tokenizer) byteLevelDecode(toks []string) []string {
	var out []string
	var run []byte
	flush := func() {
		if len(run) > 0 {
			out = append(out, decodeUTF8(run))
			run = run[:0]
		}
	}
	for _, tok := range toks {
		if id, ok := t.index[tok]; ok && t.isAdd[id] {
			flush()
			out = append(out, tok)
			continue
		}
		for _, r := range tok {
			if b, ok := runeToByte[r]; ok {
				run = append(run, b)
			}
			// characters outside the map have no byte (the reference
			// yields undefined → 0 for them; no vocabulary piece has one)
		}
	}
	flush()
	return out
}

// decodeUTF8 decodes b, replacing each maximal invalid subsequence by one
// U+FFFD (WHATWG "UTF-8 decode").
func decodeUTF8(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			i += n
			continue
		}
		// Invalid: consume the longest prefix that could still start a
		// valid sequence (WHATWG's bounds on the second byte), at least one.
		sb.WriteRune(utf8.RuneError)
		i += invalidPrefix(b[i:])
	}
	return sb.String()
}

func invalidPrefix(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1
	}
	n := 1
	for k := 0; k < need && n < len(b); k++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
