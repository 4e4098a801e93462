package knowledge

import (
	"strings"
	"time"

	"github.com/pufabot/pufabot/bot/confval"
)

// AnswerConfig is the [answer] section: how residents' questions are
// answered and where uncovered ones are referred.
type AnswerConfig struct {
	// OfficeName, OfficePhone, OfficeAddress and OfficeHours are the local
	// 司法所 contacts given when the material does not cover a question.
	OfficeName    string `toml:"office_name"`
	OfficePhone   string `toml:"office_phone"`
	OfficeAddress string `toml:"office_address"`
	OfficeHours   string `toml:"office_hours"`

	// CoveredThreshold is the lowest top search score at which a question
	// counts as covered by the material; below it the resident is referred.
	CoveredThreshold float64 `toml:"covered_threshold"`
	// CoveredThresholdUnmarked is the same for a message that holds no
	// legal word, or holds an off-topic cue besides one (see the safety
	// lists): such a message is more likely off-topic, so it needs a
	// stronger match. Below it a message without a legal word gets the
	// off-topic steer, not a referral. A curated entry matching at least
	// this well makes such a message count as legal all the same (it tells
	// a resident's trouble in everyday words).
	CoveredThresholdUnmarked float64 `toml:"covered_threshold_unmarked"`
	// FAQThreshold is the lowest score at which a curated FAQ entry is
	// answered with its own text, without the LLM; FAQOverlap is the share
	// of wording (character pairs of the shorter text) the question must
	// share with the entry's question as well.
	FAQThreshold float64 `toml:"faq_threshold"`
	FAQOverlap   float64 `toml:"faq_overlap"`
	// FAQLead lets an entry worded unlike the question answer all the same
	// when the search itself singles it out: first of all results, ahead of
	// every law article, with a score of at least FAQThreshold+FAQLead and
	// at least FAQLead above the next entry's. 0 turns this off.
	FAQLead float64 `toml:"faq_lead"`
	// Results is how many chunks are retrieved for one question.
	Results int `toml:"results"`
	// QuoteChars caps one quoted article in an extractive answer (runes).
	QuoteChars int `toml:"quote_chars"`

	// HistoryTurns is how many earlier questions of the same user are
	// remembered for follow-ups; 0 turns conversation memory off.
	HistoryTurns int `toml:"history_turns"`
	// HistoryExpiry forgets the conversation after this much silence; it is
	// also how long after an answer "有用" / "没用" count as feedback on it.
	HistoryExpiry confval.Duration `toml:"history_expiry"`

	// WordsFile adds admin-maintained words to the safety lists (sections
	// [emergency] [injection] [political] [sensitive] [profanity]
	// [greeting] [offtopic] [legal] [personal] [request] [place]); empty means the
	// built-in lists only.
	WordsFile string `toml:"words_file"`
}

// DefaultAnswerConfig returns the embedded defaults.
func DefaultAnswerConfig() AnswerConfig {
	return AnswerConfig{
		OfficeName:               "本地司法所",
		CoveredThreshold:         0.50,
		CoveredThresholdUnmarked: 0.65,
		FAQThreshold:             0.60,
		FAQOverlap:               0.60,
		FAQLead:                  0.04,
		Results:                  6,
		QuoteChars:               160,
		HistoryTurns:             3,
		HistoryExpiry:            confval.D(30 * time.Minute),
	}
}

// Validate reports a setting that cannot work.
func (c AnswerConfig) Validate() error {
	switch {
	case c.CoveredThreshold < 0:
		return confval.Errorf("answer.covered_threshold", "must not be negative")
	case c.CoveredThresholdUnmarked < 0:
		return confval.Errorf("answer.covered_threshold_unmarked", "must not be negative")
	case c.FAQThreshold < 0:
		return confval.Errorf("answer.faq_threshold", "must not be negative")
	case c.FAQOverlap < 0 || c.FAQOverlap > 1:
		return confval.Errorf("answer.faq_overlap", "must be between 0 and 1, got %g", c.FAQOverlap)
	case c.FAQLead < 0 || c.FAQLead > 1:
		return confval.Errorf("answer.faq_lead", "must be between 0 and 1, got %g", c.FAQLead)
	case c.Results < 1 || c.Results > 50:
		return confval.Errorf("answer.results", "must be between 1 and 50, got %d", c.Results)
	case c.QuoteChars < 40:
		return confval.Errorf("answer.quote_chars", "must be at least 40, got %d", c.QuoteChars)
	case c.HistoryTurns < 0 || c.HistoryTurns > 20:
		return confval.Errorf("answer.history_turns", "must be between 0 and 20, got %d", c.HistoryTurns)
	case c.HistoryExpiry.Duration <= 0:
		return confval.Errorf("answer.history_expiry", "must be positive")
	case strings.TrimSpace(c.OfficeName) == "":
		return confval.Errorf("answer.office_name", "must not be empty")
	}
	return nil
}
