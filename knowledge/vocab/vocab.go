// Package vocab bridges residents' everyday words and the words of the
// statutes: 打老婆 → 家庭暴力, 老赖 → 失信被执行人, 炒鱿鱼 → 解除劳动合同.
// A query is expanded with the statute words of every colloquial term it
// contains, so that a lexical search can find articles that share no word
// with the question.
//
// The rules come from the embedded vocab.txt and, optionally, an admin's
// file in the same format, read at start-up (no rebuild needed):
//
//	# comment
//	打老婆 家暴 => 家庭暴力
//	欠钱不还 => 借款 还款 债务
//
// Left of "=>" are one or more colloquial words (any of them triggers the
// rule), right of it the statute words appended to the query.
package vocab

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

//go:embed vocab.txt
var builtin string

// Vocab is a set of colloquial → statute rules. It is read-only after Load
// and safe for concurrent use.
type Vocab struct {
	rules []rule
}

type rule struct {
	from string
	to   []string
}

// Load reads the built-in rules and, when extraFile is not empty, the
// admin's rules from that file (added to the built-in ones). A malformed
// line is an error naming the file and line.
func Load(extraFile string) (*Vocab, error) {
	v := &Vocab{}
	if err := v.parse("vocab.txt (built-in)", strings.NewReader(builtin)); err != nil {
		return nil, err
	}
	if extraFile != "" {
		f, err := os.Open(extraFile)
		if err != nil {
			return nil, fmt.Errorf("vocabulary: %w", err)
		}
		defer f.Close()
		if err := v.parse(extraFile, f); err != nil {
			return nil, err
		}
	}
	// Longest colloquial words first, so Expand can skip a rule whose word
	// lies inside one already matched (老赖 inside 老赖账).
	sort.SliceStable(v.rules, func(i, j int) bool { return len(v.rules[i].from) > len(v.rules[j].from) })
	return v, nil
}

func (v *Vocab) parse(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		left, right, ok := strings.Cut(s, "=>")
		from := strings.Fields(textnorm.Question(left))
		to := strings.Fields(textnorm.Normalize(right))
		if !ok || len(from) == 0 || len(to) == 0 {
			return fmt.Errorf("vocabulary %s line %d: want \"口语词 => 法律词 …\", got %q", name, line, sc.Text())
		}
		for _, f := range from {
			v.rules = append(v.rules, rule{from: f, to: to})
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("vocabulary %s: %w", name, err)
	}
	return nil
}

// Len is the number of colloquial words known.
func (v *Vocab) Len() int { return len(v.rules) }

// Expand returns the query followed by the statute words of every
// colloquial word found in it (each statute word once, and none the query
// already contains). A query with no colloquial word comes back unchanged.
func (v *Vocab) Expand(query string) string {
	add := v.Words(query)
	if len(add) == 0 {
		return query
	}
	return query + " " + strings.Join(add, " ")
}

// Words returns the statute words Expand would append to the query, for a
// search that weighs them apart from the question's own words
// (index.Query.Expansion).
func (v *Vocab) Words(query string) []string {
	norm := textnorm.Question(query)
	var add []string
	seen := map[string]bool{}
	var matched []string
	for _, r := range v.rules {
		if !strings.Contains(norm, r.from) {
			continue
		}
		inside := false
		for _, m := range matched {
			if m != r.from && strings.Contains(m, r.from) {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		matched = append(matched, r.from)
		for _, t := range r.to {
			if !seen[t] && !strings.Contains(norm, t) {
				seen[t] = true
				add = append(add, t)
			}
		}
	}
	return add
}
