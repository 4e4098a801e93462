package bot

import (
	"strings"
	"unicode/utf8"
)

// MaxReplyBytes is WeChat's limit for a passive or customer-service text
// reply, counted in UTF-8 bytes (about 680 Chinese characters).
const MaxReplyBytes = 2048

// SplitReply cuts text so that the first part, with the continuation hint
// appended, fits in limit bytes. It cuts after the last sentence end (。！？
// ；or a line break) that fits, else after the last comma, else at a rune
// boundary. rest is empty when text fits whole.
func SplitReply(text string, limit int) (first, rest string) {
	if len(text) <= limit {
		return text, ""
	}
	budget := limit - len(textMoreHint)
	if budget < 16 {
		budget = limit
	}
	cut := budget
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	head := text[:cut]
	best := -1
	for _, sep := range []string{"\n", "。", "！", "？", "；", "!", "?"} {
		if i := strings.LastIndex(head, sep); i >= 0 && i+len(sep) > best {
			best = i + len(sep)
		}
	}
	if best < len(head)/3 { // no sentence end in a useful place: try a comma
		for _, sep := range []string{"，", ",", "、"} {
			if i := strings.LastIndex(head, sep); i >= 0 && i+len(sep) > best {
				best = i + len(sep)
			}
		}
	}
	if best > 0 {
		cut = best
	}
	first = strings.TrimRight(text[:cut], " \n") + textMoreHint
	rest = strings.TrimLeft(text[cut:], " \n")
	return first, rest
}
