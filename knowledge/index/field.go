package index

import "strings"

// fieldIndex is a small BM25 index over the distinct values of one field
// (law names, chapter paths). Many chunks share one value, so the field is
// scored once per value and the score added to the chunks that carry it.
type fieldIndex struct {
	ids     map[string]int32
	lens    []uint32
	sumLen  int64
	terms   map[uint64][]fieldPosting
	nGroups int
	// interp marks values naming a judicial interpretation (最高人民法院…).
	interp []bool
}

type fieldPosting struct {
	group int32
	tf    uint32
}

func newFieldIndex() fieldIndex {
	return fieldIndex{ids: map[string]int32{}, terms: map[uint64][]fieldPosting{}}
}

// group returns the id of value, indexing it on first sight. The empty
// value is group -1.
func (f *fieldIndex) group(value string, unigrams bool) int32 {
	if value == "" {
		return -1
	}
	if g, ok := f.ids[value]; ok {
		return g
	}
	g := int32(len(f.lens))
	f.ids[value] = g
	counts := map[uint64]uint32{}
	var n uint32
	tokenize(value, unigrams, func(k uint64) { counts[k]++; n++ })
	for k, tf := range counts {
		f.terms[k] = append(f.terms[k], fieldPosting{g, tf})
	}
	f.lens = append(f.lens, n)
	f.interp = append(f.interp, strings.HasPrefix(value, "最高人民法院") || strings.HasPrefix(value, "最高人民检察院"))
	f.sumLen += int64(n)
	f.nGroups++
	return g
}

// scores returns the BM25 score of every group for the query terms (nil
// when no term matches).
func (f *fieldIndex) scores(q map[uint64]float64, k1, b float64) []float64 {
	if f.nGroups == 0 {
		return nil
	}
	var out []float64
	avg := float64(f.sumLen) / float64(f.nGroups)
	n := float64(f.nGroups)
	for k, qw := range q {
		ps := f.terms[k]
		if len(ps) == 0 {
			continue
		}
		if out == nil {
			out = make([]float64, f.nGroups)
		}
		idf := bm25IDF(n, float64(len(ps)))
		for _, p := range ps {
			tf := float64(p.tf)
			out[p.group] += qw * idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(f.lens[p.group])/avg))
		}
	}
	return out
}
