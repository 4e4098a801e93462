package knowledge

import "github.com/pufabot/pufabot/knowledge/chunk"

// RetiredLaw reports whether the knowledge base holds the named law (full
// or short name) only in retired documents: an admin retired it (已废止 /
// 已修改) and loaded no current text under that name. A curated answer
// citing it is then not used, as the law's own articles are not.
func (b *Base) RetiredLaw(name string) bool {
	short := shortLaw(name)
	if short == "" {
		return false
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	retired := false
	for _, d := range b.docs {
		if d.kind != chunk.KindLaw || shortLaw(d.title) != short {
			continue
		}
		if d.status == StatusCurrent {
			return false
		}
		retired = true
	}
	return retired
}
