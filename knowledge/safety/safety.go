// Package safety triages a resident's message before anything else looks at
// it: emergencies get emergency numbers, attempts to change the bot's role
// are dropped, chit-chat and off-topic messages get a steer back, political
// and sensitive requests a polite decline. It also checks generated answers
// against the same word lists.
//
// The word lists are plain data files embedded in the binary (data/*.txt,
// one pattern a line, "#" comments, "A&B" for "both A and B in one sentence"); admins extend
// them with one extra file whose sections name the list:
//
//	[emergency]
//	要寻短见
//	[offtopic]
//	广场舞
package safety

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// List names one word list.
type List string

// The word lists, each embedded as data/<name>.txt.
const (
	// Emergency: violence happening now, self-harm, someone in danger.
	Emergency List = "emergency"
	// Injection: attempts to change the bot's role or instructions.
	Injection List = "injection"
	// Political: topics the bot declines.
	Political List = "political"
	// Sensitive: requests the bot declines; also checked in answers.
	Sensitive List = "sensitive"
	// Profanity: words never allowed in a generated answer.
	Profanity List = "profanity"
	// Greeting: chit-chat.
	Greeting List = "greeting"
	// OffTopic: cues of questions outside the law.
	OffTopic List = "offtopic"
	// Legal: words that mark a message as a legal question.
	Legal List = "legal"
	// Personal: words of a resident telling their own trouble (我爹, 媳妇,
	// 咋办, 谁养 …): such a message without a legal word is not answered
	// from the law unless the match is sure, but it is not waved off as
	// off-topic either.
	Personal List = "personal"
	// Request: asks for something other than legal help (送啥礼物, 有什么
	// 技巧, 英文怎么说, 挑个好日子): off-topic even beside a legal word.
	Request List = "request"
	// Place: offices, officials and papers (派出所, 人民法院, 村委会, 社保局,
	// 户口本 …), and names holding a legal word (道德与法治, 今日说法). They
	// say where, who or which, not what the matter is: they are cut before
	// looking for legal words (社保局 holds 社保, 人民法院 民法) and are no
	// word a message shares with an article.
	Place List = "place"
)

// Lists are every list, in the order their files are read.
var allLists = []List{Emergency, Injection, Political, Sensitive, Profanity, Greeting, OffTopic, Legal, Personal, Request, Place}

//go:embed data/*.txt
var data embed.FS

// pattern is one line of a list: every part must occur in the text.
type pattern []string

// in tells whether text holds the pattern: a single word anywhere, the
// parts of an "A&B" pattern within one sentence.
func (p pattern) in(text string) bool {
	if len(p) == 1 {
		return strings.Contains(text, p[0])
	}
	for _, sentence := range strings.FieldsFunc(text, isSentenceEnd) {
		if p.all(sentence) {
			return true
		}
	}
	return false
}

func (p pattern) all(s string) bool {
	for _, part := range p {
		if !strings.Contains(s, part) {
			return false
		}
	}
	return true
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '\n':
		return true
	}
	return false
}

// Lists are the loaded word lists. A Lists is read-only after Load and safe
// for concurrent use.
type Lists struct {
	m map[List][]pattern
}

// Load reads the embedded lists and, when extraFile is not empty, the
// admin's additions. Every pattern is normalised as questions are
// (textnorm.Question: Simplified characters, lower case, spoken forms such
// as 咋 and 啥 in their written form), and matched against normalised text.
func Load(extraFile string) (*Lists, error) {
	l := &Lists{m: map[List][]pattern{}}
	for _, name := range allLists {
		b, err := data.ReadFile("data/" + string(name) + ".txt")
		if err != nil {
			return nil, fmt.Errorf("read embedded list %s: %w", name, err)
		}
		if err := l.parse(b, name, false); err != nil {
			return nil, fmt.Errorf("embedded list %s: %w", name, err)
		}
	}
	if extraFile != "" {
		b, err := os.ReadFile(extraFile)
		if err != nil {
			return nil, fmt.Errorf("read word list file: %w", err)
		}
		if err := l.parse(b, "", true); err != nil {
			return nil, fmt.Errorf("word list file %s: %w", extraFile, err)
		}
	}
	return l, nil
}

// parse adds the patterns of one file. With sections, "[name]" lines choose
// the list the following lines go to.
func (l *Lists) parse(b []byte, current List, sections bool) error {
	known := map[List]bool{}
	for _, n := range allLists {
		known[n] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if sections && strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			name := List(strings.TrimSpace(line[1 : len(line)-1]))
			if !known[name] {
				return fmt.Errorf("line %d: unknown list %q (known: %s)", n, name, listNames())
			}
			current = name
			continue
		}
		if current == "" {
			return fmt.Errorf("line %d: a word before any [list] header", n)
		}
		var p pattern
		for _, part := range strings.Split(textnorm.Question(line), "&") {
			if part = strings.TrimSpace(part); part != "" {
				p = append(p, part)
			}
		}
		if len(p) > 0 {
			l.m[current] = append(l.m[current], p)
		}
	}
	return sc.Err()
}

func listNames() string {
	var s []string
	for _, n := range allLists {
		s = append(s, string(n))
	}
	sort.Strings(s)
	return strings.Join(s, ", ")
}

// Match returns the first pattern of list found in text (normalised with
// textnorm.Question here), in its normalised form, and whether there was
// one.
func (l *Lists) Match(list List, text string) (string, bool) {
	return l.match(list, textnorm.Question(text))
}

// match is Match on text already normalised.
func (l *Lists) match(list List, text string) (string, bool) {
	for _, p := range l.m[list] {
		if p.in(text) {
			return strings.Join(p, "&"), true
		}
	}
	return "", false
}

// Len is the number of patterns in a list.
func (l *Lists) Len(list List) int { return len(l.m[list]) }

// Verdict is the outcome of triage.
type Verdict string

// Verdicts, in the order Triage checks them.
const (
	// Pass: a question for the answerer (Rest holds it).
	Pass Verdict = "pass"
	// Urgent: someone may be in danger now.
	Urgent Verdict = "emergency"
	// Decline: political or sensitive.
	Decline Verdict = "declined"
	// RoleChange: only an attempt to change the bot's role, nothing to answer.
	RoleChange Verdict = "injection"
	// Chat: greeting or chit-chat.
	Chat Verdict = "chitchat"
	// Off: a question outside the law.
	Off Verdict = "offtopic"
)

// Result is what Triage found.
type Result struct {
	Verdict Verdict
	// Rest is the message with role-change sentences removed; the
	// answerer works on it.
	Rest string
	// Matched is the pattern that decided, for logs.
	Matched string
	// Legal tells whether the message holds a legal word; the answerer
	// treats an uncovered message without one as off-topic.
	Legal bool
	// Injected is true when role-change sentences were removed.
	Injected bool
	// Personal tells whether the message tells the resident's own trouble
	// (a Personal word); the answerer refers such a message to people
	// who can help instead of treating it as off-topic.
	Personal bool
	// OffCue is an off-topic or chit-chat cue found in a message that also
	// holds a legal word (such a message passes, but is less sure to be a
	// legal question).
	OffCue string
}

// Triage classifies a message (normalised here with textnorm.Question; Rest
// is the text as given, less any role-change clause). Emergencies win over
// everything, then political and sensitive requests; role-change sentences
// are dropped and whatever remains is judged on its own; a request for
// something other than legal help makes it off-topic, greetings and
// off-topic cues only when the message holds no legal word (places cut).
func (l *Lists) Triage(text string) Result {
	low := textnorm.Question(text)
	// 我 想 死: letters spaced out (or voice text with pauses) are joined
	// before looking for an emergency.
	if w, ok := l.match(Emergency, low); ok {
		return Result{Verdict: Urgent, Rest: text, Matched: w, Legal: l.legal(low)}
	} else if w, ok := l.match(Emergency, strings.Join(strings.Fields(low), "")); ok {
		return Result{Verdict: Urgent, Rest: text, Matched: w, Legal: l.legal(low)}
	}
	if w, ok := l.match(Political, low); ok {
		return Result{Verdict: Decline, Rest: text, Matched: w}
	}
	if w, ok := l.match(Sensitive, low); ok {
		return Result{Verdict: Decline, Rest: text, Matched: w}
	}
	rest, injected := l.dropInjection(text)
	res := Result{Verdict: Pass, Rest: rest, Injected: injected}
	if injected {
		res.Matched = "injection"
		if strings.TrimSpace(strings.Trim(rest, sentencePunct)) == "" {
			res.Verdict = RoleChange
			return res
		}
	}
	low = textnorm.Question(rest)
	res.Legal = l.legal(low)
	_, res.Personal = l.match(Personal, low)
	off, isOff := l.match(OffTopic, low)
	greet, isGreet := l.match(Greeting, low)
	req, isReq := l.match(Request, low)
	switch {
	case isReq:
		// 老人过生日送啥礼物好: the legal word names the subject, the
		// request is for something else.
		res.Verdict, res.Matched = Off, req
	case res.Legal && isOff:
		res.OffCue = off
	case res.Legal && isGreet:
		res.OffCue = greet
	case res.Legal:
	case isOff:
		res.Verdict, res.Matched = Off, off
	case isGreet:
		res.Verdict, res.Matched = Chat, greet
	}
	return res
}

// Cut returns text (normalised with textnorm.Question) with every word of
// list replaced by a space; "A&B" patterns are left alone.
func (l *Lists) Cut(list List, text string) string {
	return l.cut(list, textnorm.Question(text))
}

// cut is Cut on text already normalised.
func (l *Lists) cut(list List, text string) string {
	for _, p := range l.m[list] {
		if len(p) == 1 && strings.Contains(text, p[0]) {
			text = strings.ReplaceAll(text, p[0], " ")
		}
	}
	return text
}

// legal tells whether normalised text holds a legal word once places are
// cut (社保局 is no 社保).
func (l *Lists) legal(low string) bool {
	_, ok := l.match(Legal, l.cut(Place, low))
	return ok
}

// sentencePunct ends or separates sentences and clauses.
const sentencePunct = "。！？!?；;，,\n "

// dropInjection removes every clause that holds a role-change pattern.
func (l *Lists) dropInjection(text string) (string, bool) {
	if _, ok := l.Match(Injection, text); !ok {
		return text, false
	}
	var keep []string
	for _, clause := range splitClauses(text) {
		if _, bad := l.Match(Injection, clause); !bad {
			keep = append(keep, clause)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "")), true
}

// splitClauses cuts text after every clause separator, keeping it.
func splitClauses(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if strings.ContainsRune(sentencePunct, r) && r != ' ' {
			end := i + len(string(r))
			out = append(out, text[start:end])
			start = end
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// CheckAnswer returns the first political, sensitive or profane pattern in
// a generated answer; ok is false when the answer is clean.
func (l *Lists) CheckAnswer(answer string) (string, bool) {
	low := textnorm.Question(answer)
	for _, list := range []List{Profanity, Political, Sensitive} {
		if w, ok := l.match(list, low); ok {
			return w, true
		}
	}
	return "", false
}
