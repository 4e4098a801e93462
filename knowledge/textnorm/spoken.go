package textnorm

import "strings"

// spoken maps the spoken and regional forms residents type to the standard
// written words the word lists, the vocabulary and the search expect:
// 咋分 is 怎么分, 啥时候 is 什么时候, 俺爹 is 我爹. Only forms that mean one
// thing wherever they appear are listed (娃 is left alone: 娃娃鱼). Longer
// forms come first: the replacer tries them in this order.
var spoken = strings.NewReplacer(
	"咋个办", "怎么办", "咋办", "怎么办", "咋整", "怎么办", "咋弄", "怎么办", "咋搞", "怎么办",
	"咋个", "怎么", "咋样", "怎么样", "咋", "怎么",
	"啥子", "什么", "甚么", "什么", "么子", "什么", "啥", "什么",
	"俺们", "我们", "俺", "我", "咱们", "我们", "咱家", "我家",
	"晓得", "知道", "莫得", "没有", "木有", "没有",
)

// Spoken rewrites spoken and regional forms (咋, 啥, 俺, 晓得 …) into
// standard written words. It is for residents' questions and for the word
// lists matched against them, after Normalize; statutes never hold these
// forms.
func Spoken(s string) string {
	return spoken.Replace(s)
}

// Question normalises a resident's question for matching: Normalize, then
// Spoken.
func Question(s string) string {
	return Spoken(Normalize(s))
}
