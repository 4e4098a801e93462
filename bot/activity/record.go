package activity

import "time"

// Activity types (活动类型), as counted in year-end reports.
const (
	TypePublicity    = "普法宣传"
	TypeLecture      = "法治讲座"
	TypeVisit        = "入户走访"
	TypeMediation    = "矛盾调解"
	TypeConsultation = "法律咨询"
	TypeTraining     = "学习培训"
	TypeOther        = "其他"
)

// Types lists the activity types in report order.
var Types = []string{TypePublicity, TypeLecture, TypeVisit, TypeMediation, TypeConsultation, TypeTraining, TypeOther}

// Fields is what a cadre's report says. Its JSON shape is exactly what
// `pufabot activity parse --json` prints.
type Fields struct {
	Date               string   `json:"date"` // YYYY-MM-DD, "" when unknown
	Type               string   `json:"type"` // one of Types, "" when unknown
	Place              string   `json:"place"`
	Topics             []string `json:"topics"`
	Participants       int      `json:"participants"`
	Materials          int      `json:"materials"`
	Consultations      int      `json:"consultations"`
	Households         int      `json:"households"`
	Mediations         int      `json:"mediations"`
	MediationsResolved int      `json:"mediations_resolved"`
	// Note is the original text of the report, always kept.
	Note string `json:"note"`
}

// Record is one stored ledger entry.
type Record struct {
	ID int64
	Fields
	// Channel and UserID identify who reported it; Reporter and Village are
	// their name and village at the time.
	Channel  string
	UserID   string
	Reporter string
	Village  string
	// Photos are file names under the data dir's photo folder.
	Photos    []string
	CreatedAt time.Time
}
