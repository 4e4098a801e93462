package index

import (
	"strings"
	"unicode"
)

// Terms are uint64 keys: a Chinese bigram is r1<<32 | r2, a unigram r<<32,
// and an ASCII word or number an FNV hash with the top bit set (runes are
// below 1<<21, so the three kinds never collide).
const wordBit = 1 << 63

func bigramKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }
func unigramKey(a rune) uint64   { return uint64(a) << 32 }

func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// tokenize calls emit for every term of normalised text: bigrams inside runs
// of Han characters (a run of one character gives its unigram), all Han
// unigrams when unigrams is set, and ASCII words and numbers.
func tokenize(text string, unigrams bool, emit func(key uint64)) {
	var prev rune
	runLen := 0
	var word uint64
	wordLen := 0
	endRun := func() {
		if runLen == 1 && !unigrams {
			emit(unigramKey(prev))
		}
		runLen = 0
	}
	endWord := func() {
		if wordLen > 0 {
			emit(word | wordBit)
		}
		word, wordLen = 14695981039346656037, 0
	}
	word = 14695981039346656037
	for _, r := range text {
		switch {
		case isHan(r):
			endWord()
			if unigrams {
				emit(unigramKey(r))
			}
			if runLen > 0 {
				emit(bigramKey(prev, r))
			}
			prev = r
			runLen++
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			endRun()
			word ^= uint64(r)
			word *= 1099511628211
			wordLen++
		default:
			endRun()
			endWord()
		}
	}
	endRun()
	endWord()
}

// stopPhrases are the politeness and question words of residents'
// messages. They are rare in statutes, so BM25 would give them a high
// weight and match articles by accident; they are cut from queries before
// tokenising (replaced by a space, so no bigram spans the cut).
var stopPhrases = []string{
	"请问一下", "请问", "想问一下", "想问下", "我想问", "问一下", "想咨询", "咨询一下", "咨询",
	"您好", "你好", "谢谢", "律师", "麻烦", "帮忙", "帮我", "急急急",
	"怎么办", "怎么处理", "怎么解决", "怎么做", "怎么样", "怎么", "怎样", "如何处理", "如何",
	"该怎么", "应该", "可以吗", "可不可以", "能不能", "能否", "是否", "有没有", "是不是",
	"什么", "哪些", "哪个", "多少", "为什么", "吗", "呢", "吧", "啊", "呀",
	"我们", "我的", "他们", "现在", "已经", "这个", "那个", "一下", "还是", "就是", "但是", "因为", "所以",
	"请帮", "求助", "法律规定", "有关规定", "相关规定", "法律上",
}

// stripStopPhrases replaces the stop phrases in a normalised query by
// spaces, longest first.
func stripStopPhrases(q string, phrases []string) string {
	for _, p := range phrases {
		if strings.Contains(q, p) {
			q = strings.ReplaceAll(q, p, " ")
		}
	}
	return q
}
