package knowledge

// AnswerConfig is the [answer] section: how residents' questions are
// answered and where uncovered ones are referred.
type AnswerConfig struct {
	// OfficeName, OfficePhone, OfficeAddress and OfficeHours are the local
	// 司法所 contacts given when the material does not cover a question.
	OfficeName    string `toml:"office_name"`
	OfficePhone   string `toml:"office_phone"`
	OfficeAddress string `toml:"office_address"`
	OfficeHours   string `toml:"office_hours"`
}

// DefaultAnswerConfig returns the embedded defaults.
func DefaultAnswerConfig() AnswerConfig { return AnswerConfig{OfficeName: "本地司法所"} }

// Validate reports a setting that cannot work.
func (c AnswerConfig) Validate() error { return nil }
