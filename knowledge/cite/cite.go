// Package cite reads the law articles a text cites: 《中华人民共和国民法典》第一千零七十九条,
// lists after it (、第一千零八十条), and 同法 / 同条例 / 同规定 / 同解释 / 同办法第N条 for
// the law named just before (with or without an article of its own). The
// answerer uses it for an FAQ answer's 依据 line, the index for the
// articles an FAQ entry points search to.
package cite

import "regexp"

// Ref is one cited article: the law as written between 《》 and the article
// as printed (第一千零七十九条, 第8条, 第十条之一).
type Ref struct {
	Law     string
	Article string
}

const digits = `[0-9零〇一二两三四五六七八九十百千万]+`

var (
	// article is 第N条 (之M), with optional 第K款 / 第K项 after it.
	article = `第` + digits + `条(?:之[一二三四五六七八九十]+)?(?:第` + digits + `[款项])*`
	// citation is a law (《…》 or 同法 …) and the articles listed after it.
	citation = regexp.MustCompile(`(《[^《》\n]{1,60}》|同法|同条例|同规定|同解释|同办法)(?:的)?((?:` + article +
		`\s*[、，,和及与]?\s*)*)`)
	articleNo = regexp.MustCompile(`第` + digits + `条(?:之[一二三四五六七八九十]+)?`)
)

// Articles returns the articles text cites, in order, repeats included. A
// 同法 with no law named before it is skipped.
func Articles(text string) []Ref {
	var out []Ref
	last := ""
	for _, m := range citation.FindAllStringSubmatch(text, -1) {
		law := m[1]
		if law[0] == "《"[0] {
			last = law[len("《") : len(law)-len("》")]
		}
		if last == "" {
			continue
		}
		for _, a := range articleNo.FindAllString(m[2], -1) {
			out = append(out, Ref{Law: last, Article: a})
		}
	}
	return out
}
