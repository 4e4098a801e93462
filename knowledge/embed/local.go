package embed

import (
	"context"
	"fmt"
	"math"
	"unicode"

	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// Local is the offline embedder: hashed character n-gram features of the
// normalised text (Traditional folded to Simplified, full-width to
// half-width), projected into Dim dimensions by feature hashing and
// L2-normalised, so that the dot product of two vectors is their cosine
// similarity. It needs no model file and no network, and the same text
// always gives the same vector.
//
// Features: Chinese character unigrams, bigrams and trigrams inside runs of
// Han characters, and ASCII words and numbers. Each feature weighs
// (1 + ln tf) times a weight for its length (longer n-grams say more),
// and n-grams made only of very common function characters (的, 是, 在 …)
// are down-weighted, because they carry little meaning.
type Local struct {
	dim    int
	common map[rune]bool
}

// NewLocal returns a local embedder of dim dimensions (256 when dim <= 0).
func NewLocal(dim int) *Local {
	if dim <= 0 {
		dim = 256
	}
	common := make(map[rune]bool)
	for _, r := range commonChars {
		common[r] = true
	}
	return &Local{dim: dim, common: common}
}

// Dim is the vector length.
func (l *Local) Dim() int { return l.dim }

// ID names this embedder and its dimensions; it changes whenever the
// feature scheme does, so stored vectors are re-embedded.
func (l *Local) ID() string { return fmt.Sprintf("local-ngram-v1/%d", l.dim) }

// Embed returns one L2-normalised vector per text. An empty text gives a
// zero vector.
func (l *Local) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("local embed: %w", ctx.Err())
		}
		out[i] = l.embedOne(t)
	}
	return out, nil
}

func (l *Local) embedOne(text string) []float32 {
	text = textnorm.Normalize(text)
	counts := make(map[uint64]float32)
	var run []rune
	flush := func() {
		for i := range run {
			for n := 1; n <= 3 && i+n <= len(run); n++ {
				g := run[i : i+n]
				w := ngramWeight[n]
				if l.allCommon(g) {
					w *= commonWeight
				}
				counts[hashRunes(g)] += w
			}
		}
		run = run[:0]
	}
	var word []rune
	flushWord := func() {
		if len(word) > 0 {
			counts[hashRunes(word)^wordSalt] += 1
			word = word[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			run = append(run, r)
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
			word = append(word, r)
		default:
			flush()
			flushWord()
		}
	}
	flush()
	flushWord()

	vec := make([]float32, l.dim)
	for h, c := range counts {
		// c already carries the n-gram weight once per occurrence; the
		// sub-linear transform keeps repeated phrases from dominating.
		w := float32(1 + math.Log(float64(c)))
		if c < 1 {
			w = c
		}
		idx := int(h % uint64(l.dim))
		if h>>63 == 1 {
			w = -w
		}
		vec[idx] += w
	}
	var norm float64
	for _, v := range vec {
		norm += float64(v) * float64(v)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range vec {
			vec[i] *= inv
		}
	}
	return vec
}

// ngramWeight weighs a feature by its n-gram length (index = n).
var ngramWeight = [4]float32{0, 0.5, 1, 1.2}

const (
	commonWeight = 0.2
	wordSalt     = 0x9e3779b97f4a7c15
)

// commonChars are function characters so frequent in both questions and
// statutes that n-grams made only of them say nothing about the topic.
const commonChars = "的了是在和与或及其之为对以于我你他她它们有无不也就都而但并被把将这那个些所者等应当可以如何怎么吗呢吧啊请问想要会能人一上下中到说从给让还"

func (l *Local) allCommon(g []rune) bool {
	for _, r := range g {
		if !l.common[r] {
			return false
		}
	}
	return true
}

// hashRunes is FNV-1a over the runes, inlined to avoid allocations.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		for _, b := range [4]byte{byte(r), byte(r >> 8), byte(r >> 16), byte(r >> 24)} {
			h ^= uint64(b)
			h *= 1099511628211
		}
	}
	// FNV's low bits are poorly mixed for short inputs; finish with the
	// splitmix64 finaliser before taking them modulo the dimension.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
