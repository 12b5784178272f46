package bpe

import (
	"fmt"
	"strings"

	"github.com/dlclark/regexp2"
)

// gpt2Pattern is the ByteLevel pre-tokenizer's own split (use_regex).
const gpt2Pattern = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`

// jsSpace is ECMAScript's \s (WhiteSpace and LineTerminator), as a
// character-class body.
const jsSpace = `\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`

func isJSSpace(r rune) bool {
	switch {
	case r >= '\t' && r <= '\r', r == ' ', r == 0xa0, r == 0x1680, r >= 0x2000 && r <= 0x200a,
		r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000, r == 0xfeff:
		return true
	}
	return false
}

// jsRewrites are the reference's rewrites of Python-only syntax (the
// case-insensitive contraction group), applied verbatim.
var jsRewrites = [][2]string{
	{`(?i:'s|'t|'re|'ve|'m|'ll|'d)`, `(?:'([sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))`},
}

// compileJS compiles a tokenizer.json pattern with ECMAScript's meaning of \s
// and \S, the reference's rewrites, and no other flag: regexp2's default
// (.NET) syntax runs the lookaheads and \p{…} classes these patterns use.
func compileJS(pattern string) (*regexp2.Regexp, error) {
	for _, r := range jsRewrites {
		pattern = strings.ReplaceAll(pattern, r[0], r[1])
	}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			n := pattern[i+1]
			i++
			switch {
			case n == 's' && inClass:
				b.WriteString(jsSpace)
			case n == 's':
				b.WriteString("[" + jsSpace + "]")
			case n == 'S' && inClass:
				return nil, fmt.Errorf("\\S inside a character class is not supported")
			case n == 'S':
				b.WriteString("[^" + jsSpace + "]")
			case n == '#' || n == '&' || n == '~':
				b.WriteByte(n)
			default:
				b.WriteByte('\\')
				b.WriteByte(n)
			}
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			// A ']' or '^]' right after '[' is literal.
			if i+1 < len(pattern) && pattern[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return regexp2.Compile(b.String(), regexp2.None)
}

// regexSplit appends the pieces of s cut at re's matches, keeping both the
// matches and the text between them (behaviour "Isolated").
func regexSplit(out []string, s string, re *regexp2.Regexp) []string {
	runes := []rune(s)
	prev := 0
	m, _ := re.FindRunesMatch(runes)
	for m != nil {
		if m.Index > prev {
			out = append(out, string(runes[prev:m.Index]))
		}
		if m.Length > 0 {
			out = append(out, string(runes[m.Index:m.Index+m.Length]))
		}
		prev = m.Index + m.Length
		m, _ = re.FindNextMatch(m)
	}
	if prev < len(runes) {
		out = append(out, string(runes[prev:]))
	}
	return out
}

// regexMatches appends re's non-empty matches in s (text between matches is
// dropped, as String.match does).
func regexMatches(out []string, s string, re *regexp2.Regexp) []string {
	runes := []rune(s)
	m, _ := re.FindRunesMatch(runes)
	for m != nil {
		if m.Length > 0 {
			out = append(out, string(runes[m.Index:m.Index+m.Length]))
		}
		m, _ = re.FindNextMatch(m)
	}
	return out
}

// byteToRune is GPT-2's bytes_to_unicode: printable Latin-1 bytes map to
// themselves, the other 68 to U+0100 onwards in byte order.
var byteToRune, runeToByte = func() ([256]rune, map[rune]byte) {
	var b2r [256]rune
	r2b := make(map[rune]byte, 256)
	n := 0
	for b := range 256 {
		if b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF {
			b2r[b] = rune(b)
		} else {
			b2r[b] = rune(256 + n)
			n++
		}
		r2b[b2r[b]] = byte(b)
	}
	return b2r, r2b
}()

func byteLevelString(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteRune(byteToRune[c])
	}
	return b.String()
}
