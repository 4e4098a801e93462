package jobs

import (
	"context"
	"time"
)

// Roles of the people jobs write to.
const (
	RoleCadre = "cadre"
	RoleAdmin = "admin"
)

// Channels a person can be reached on.
const (
	ChannelWeChat = "wechat"
	ChannelWeCom  = "wecom"
)

// Person is someone the jobs write to: a cadre (村干部, 法律明白人) or an
// administrator.
type Person struct {
	Channel string
	UserID  string
	Name    string
	Village string
	Role    string
	// Joined is when they were bound; a cadre who joined less than the
	// inactivity window ago is not nudged. Zero means unknown.
	Joined time.Time
}

// Key identifies the person across channels, as recorded in job_sends.
func (p Person) Key() string { return p.Channel + ":" + p.UserID }

// Label is how digests and the dry run name a person: 张三（李家庄村）.
func (p Person) Label() string {
	name := p.Name
	if name == "" {
		name = p.UserID
	}
	if p.Village != "" {
		return name + "（" + p.Village + "）"
	}
	return name
}

// People lists everyone the jobs may write to: cadres and administrators.
type People interface {
	People(ctx context.Context) ([]Person, error)
}

// Count is one row of a breakdown (activities by type, questions by topic).
type Count struct {
	Name string
	N    int
}

// LedgerSummary is the ledger's totals over a period.
type LedgerSummary struct {
	Activities         int
	Participants       int
	Materials          int
	Consultations      int
	Mediations         int
	MediationsResolved int
	// TrainingSessions and TrainingParticipants are 学法培训 场次 / 参训
	// 人次: cadres' own study, counted apart from 宣传活动 and 参与群众.
	TrainingSessions     int
	TrainingParticipants int
	ByType               []Count
	ByVillage            []Count
	// Reporters are the Person.Key()s of those who recorded anything.
	Reporters []string
}

// Ledger is what the jobs read of the activity ledger (台账).
type Ledger interface {
	// Summary totals the records dated in [from, to).
	Summary(ctx context.Context, from, to time.Time) (LedgerSummary, error)
	// LastRecord is when the person last recorded an activity.
	LastRecord(ctx context.Context, channel, userID string) (at time.Time, ok bool, err error)
}

// Questions is what the digest reads of residents' question log.
type Questions interface {
	// Count is how many questions were asked in [from, to).
	Count(ctx context.Context, from, to time.Time) (int, error)
	// TopTopics are the most asked topics, most first.
	TopTopics(ctx context.Context, from, to time.Time, n int) ([]Count, error)
	// Unanswered is how many questions found no answer, with up to limit
	// examples of their text.
	Unanswered(ctx context.Context, from, to time.Time, limit int) (total int, examples []string, err error)
}

// LawRef is one law article found in the knowledge base.
type LawRef struct {
	Law     string // 《中华人民共和国消费者权益保护法》
	Article string // 第二十五条
}

// LawFinder finds the articles a publicity topic points to.
type LawFinder interface {
	FindLaws(ctx context.Context, query string, k int) ([]LawRef, error)
}

// KBChange is one change to the knowledge base.
type KBChange struct {
	// Action is "added", "retired" or "removed".
	Action string
	Title  string
	At     time.Time
}

// KBChanges lists what admins changed in the knowledge base in [from, to).
type KBChanges interface {
	Changes(ctx context.Context, from, to time.Time) ([]KBChange, error)
}
