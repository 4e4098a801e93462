// Package faq holds the starter questions and answers shipped with
// pufabot, written in the project's own words, each citing the law and
// article it rests on. The knowledge base loads them when it is empty, so a
// fresh installation answers everyday questions at once.
package faq

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed starter.md
var starter string

// Entry is one question with its answer.
type Entry struct {
	Question string
	Answer   string
}

// Title is the name of the starter document in the knowledge base.
const Title = "乡亲们常问的法律问题"

// Source is the file name the starter FAQ is shown under.
const Source = "starter.md"

// Version numbers the content of starter.md; bump it with every change to
// the file (TestStarterVersion fails until it is). A knowledge base keeps a
// starter FAQ of a newer version than the running build's, so going back
// to an older build does not take entries away.
const Version = 1

// SourceName is the source a starter FAQ of the given version is stored
// under: "starter.md v1".
func SourceName(version int) string { return fmt.Sprintf("%s v%d", Source, version) }

// VersionOf returns the version a stored starter FAQ's source names, and 0
// for a source without one (stored before versions were kept).
func VersionOf(source string) int {
	rest, ok := strings.CutPrefix(source, Source+" v")
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(rest)
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// Starter returns the raw Markdown of the starter FAQ.
func Starter() []byte { return []byte(starter) }

// Entries returns the starter questions and answers in file order.
func Entries() []Entry { return Parse(starter) }

// Parse reads a FAQ in the starter's Markdown shape: each "## " heading is
// a question, the paragraphs under it (a leading "答：" dropped) its answer.
func Parse(md string) []Entry {
	var out []Entry
	var cur *Entry
	var body []string
	flush := func() {
		if cur != nil {
			cur.Answer = strings.TrimSpace(strings.Join(body, "\n"))
			if cur.Answer != "" {
				out = append(out, *cur)
			}
		}
		cur, body = nil, nil
	}
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(line)
		if q, ok := strings.CutPrefix(line, "## "); ok {
			flush()
			cur = &Entry{Question: strings.TrimSpace(q)}
			continue
		}
		if strings.HasPrefix(line, "# ") {
			flush()
			continue
		}
		if cur == nil || line == "" {
			continue
		}
		line = strings.TrimPrefix(line, "答：")
		body = append(body, line)
	}
	flush()
	return out
}
