package share

import (
	"encoding/base32"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// The printed recovery key is the recovery payload in Crockford's base32
// (no I, L, O or U, so nothing reads as something else), in lines of four
// groups of four characters, each line ending with its own check character.
// Typing it back, a mistake is pinned to its line; the payload's checksum
// then catches whatever the line checks miss.
const (
	crockford       = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	printableLine   = 16 // data characters per line
	printableGroup  = 4
	printableHeader = "PeerPlayPay recovery key (keep it secret, like a password)"
)

var crockfordEncoding = base32.NewEncoding(crockford).WithPadding(base32.NoPadding)

// printableLines is how many lines a key has.
func printableLines() int {
	n := crockfordEncoding.EncodedLen(recoveryPayloadLen)
	return (n + printableLine - 1) / printableLine
}

// lineCheck weighs each character by its position and the line by its
// number, modulo the prime 31: any single wrong character (except 0 for Z)
// and any swap of two neighbours changes it, and so does a line typed in
// the wrong place.
func lineCheck(lineNo int, data string) byte {
	sum := 17 * lineNo
	for i := 0; i < len(data); i++ {
		sum += (i + 1) * strings.IndexByte(crockford, data[i])
	}
	return crockford[sum%31]
}

// PrintableKey returns the identity as text to print or write down.
func (i *Identity) PrintableKey(team TeamID) string {
	enc := crockfordEncoding.EncodeToString(recoveryPayload(i.seed, team))
	var b strings.Builder
	b.WriteString(printableHeader + "\n")
	fmt.Fprintf(&b, "Member: %s\n", i.id)
	if !team.IsZero() {
		fmt.Fprintf(&b, "Team: %s\n", team)
	}
	for n := 1; len(enc) > 0; n++ {
		line := enc[:min(printableLine, len(enc))]
		enc = enc[len(line):]
		fmt.Fprintf(&b, "%d: ", n)
		for g := 0; g < len(line); g += printableGroup {
			b.WriteString(line[g:min(g+printableGroup, len(line))])
			b.WriteByte(' ')
		}
		b.WriteString(" " + string(lineCheck(n, line)) + "\n")
	}
	return b.String()
}

var lineNumber = regexp.MustCompile(`^(\d{1,2})\s*[:.)]\s*`)

// normalizeCrockford upper-cases and maps the letters people confuse with
// digits; it returns false if a character is not part of a key.
func normalizeCrockford(s string) (string, rune, bool) {
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToUpper(r)
		switch r {
		case ' ', '\t', '-':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > unicode.MaxASCII || !strings.ContainsRune(crockford, r) {
			return "", r, false
		}
		b.WriteRune(r)
	}
	return b.String(), 0, true
}

func parsePrintable(text string) (seed [32]byte, team TeamID, err error) {
	want := printableLines()
	total := crockfordEncoding.EncodedLen(recoveryPayloadLen)
	var data strings.Builder
	n := 0
	for _, raw := range strings.Split(text, "\n") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		numbered := false
		if m := lineNumber.FindStringSubmatch(raw); m != nil {
			numbered = true
			var num int
			fmt.Sscan(m[1], &num)
			if num != n+1 {
				return seed, team, recoveryDamaged(fmt.Sprintf("line %d where %d expected", num, n+1), fmt.Sprintf(
					"Line %d of the recovery key is missing or out of order (found line %d there). Type the lines in order, each once.", n+1, num))
			}
			raw = raw[len(m[0]):]
		}
		line, bad, ok := normalizeCrockford(raw)
		if !ok {
			if numbered {
				return seed, team, recoveryDamaged("character "+string(bad), fmt.Sprintf(
					"Line %d of the recovery key contains %q, which recovery keys never use. Check that line.", n+1, bad))
			}
			continue // a title or a Member:/Team: line
		}
		n++
		if n > want {
			return seed, team, recoveryDamaged("too many lines", fmt.Sprintf("The recovery key has more than %d lines. Type only the numbered lines of the key.", want))
		}
		size := min(printableLine, total-(n-1)*printableLine)
		if len(line) != size+1 {
			return seed, team, recoveryDamaged(fmt.Sprintf("line %d length %d", n, len(line)), fmt.Sprintf(
				"Line %d of the recovery key has %d characters; it should have %d and then its check character. A character is missing or extra.", n, len(line)-1, size))
		}
		if lineCheck(n, line[:size]) != line[size] {
			return seed, team, recoveryDamaged(fmt.Sprintf("line %d check", n), fmt.Sprintf(
				"Line %d of the recovery key has a typo: its check character does not match. Compare that line with the original.", n))
		}
		data.WriteString(line[:size])
	}
	if n != want {
		return seed, team, recoveryDamaged(fmt.Sprintf("%d lines", n), fmt.Sprintf(
			"The recovery key has %d lines; it should have %d. A line is missing.", n, want))
	}
	p, derr := crockfordEncoding.DecodeString(data.String())
	if derr != nil {
		return seed, team, recoveryDamaged(derr.Error(), "The recovery key cannot be read. Compare it carefully with the original.")
	}
	return parseRecoveryPayload(p)
}
