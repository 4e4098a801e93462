package knowledge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pufabot/pufabot/bot"
	"github.com/pufabot/pufabot/knowledge/cite"
	"github.com/pufabot/pufabot/knowledge/questions"
	"github.com/pufabot/pufabot/knowledge/safety"
	"github.com/pufabot/pufabot/knowledge/textnorm"
)

// Searcher finds the chunks a question points to; knowledge.Base implements
// it. Retired documents must not be returned unless asked for.
type Searcher interface {
	Search(ctx context.Context, query string, opts SearchOptions) ([]Result, error)
}

// FAQAdder turns an admin's reply into a curated FAQ entry; knowledge.Base
// implements it.
type FAQAdder interface {
	AddFAQ(ctx context.Context, question, answer, source string) (docID string, err error)
}

// Pusher sends a text to a user outside a reply (customer-service message
// on the Official Account, app message on WeCom). An error means the text
// did not reach the user.
type Pusher interface {
	Push(ctx context.Context, ch bot.Channel, userID, text string) error
}

// AnswererDeps are the parts the answerer talks to. Search is required.
type AnswererDeps struct {
	Search Searcher
	// FAQ receives admins' replies as FAQ entries; nil: replies are only
	// logged.
	FAQ FAQAdder
	// Log is the question log and conversation memory; nil: nothing is
	// recorded and follow-ups are not understood.
	Log *questions.Store
	// Push delivers admins' replies; nil: replies are recorded as not
	// delivered.
	Push Pusher
	// Model overrides the LLM client built from the [llm] section.
	Model  ChatModel
	Logger *slog.Logger
	// Now is the clock for conversation expiry and the log's times.
	Now func() time.Time
	// Location is the zone dates are shown in to admins (nil: time.Local).
	Location *time.Location
	// Observe, when set, is told the mode and latency of every answer
	// (for /metrics).
	Observe func(mode string, latency time.Duration)
}

// Answer is the outcome of one question. Its JSON shape is what `pufabot
// ask --json` prints.
type Answer struct {
	Question string `json:"question"`
	// Mode is llm, faq, extractive, referral, safety, offtopic or declined.
	Mode      string     `json:"mode"`
	Covered   bool       `json:"covered"`
	Text      string     `json:"text"`
	Citations []Citation `json:"citations"`
	LatencyMS int64      `json:"latency_ms"`
	// QuestionID is the question's id in the log (0 when not logged).
	QuestionID int64 `json:"-"`
}

// Answerer turns a resident's question into a grounded answer: safety
// triage, conversation context, retrieval, a covered / not covered
// decision, a curated FAQ or the LLM or the quoted articles, a citation
// check, and the WeChat format. It is safe for concurrent use.
type Answerer struct {
	cfg    AnswerConfig
	llmCfg LLMConfig
	deps   AnswererDeps
	model  ChatModel
	words  *safety.Lists
}

var _ bot.Answerer = (*Answerer)(nil)

// NewAnswerer builds an Answerer. Without an enabled [llm] section (and no
// deps.Model) answers are extractive.
func NewAnswerer(cfg AnswerConfig, llm LLMConfig, deps AnswererDeps) (*Answerer, error) {
	if deps.Search == nil {
		return nil, errors.New("answerer: a searcher is required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	words, err := safety.Load(cfg.WordsFile)
	if err != nil {
		return nil, fmt.Errorf("answerer: %w", err)
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Location == nil {
		deps.Location = time.Local
	}
	a := &Answerer{cfg: cfg, llmCfg: llm, deps: deps, words: words, model: deps.Model}
	if a.model == nil {
		if c := NewLLMClient(llm); c != nil {
			a.model = c
		}
	}
	if a.llmCfg.Timeout.Duration <= 0 {
		a.llmCfg.Timeout = DefaultLLMConfig().Timeout
	}
	return a, nil
}

// AnswerText implements bot.Answerer: the reply text, never empty. Internal
// failures are logged and the resident gets a plain sentence.
func (a *Answerer) AnswerText(ctx context.Context, q bot.Question) (string, error) {
	text, _, err := a.AnswerTextUrgent(ctx, q)
	return text, err
}

// AnswerTextUrgent is AnswerText that also tells an emergency reply
// (bot.UrgentAnswerer): nothing waiting for the resident is put in front
// of it.
func (a *Answerer) AnswerTextUrgent(ctx context.Context, q bot.Question) (string, bool, error) {
	ans, err := a.Answer(ctx, q)
	if err != nil {
		a.deps.Logger.Error("answer question", "user", bot.UserHash(q.Channel, q.UserID), "err", err)
	}
	if strings.TrimSpace(ans.Text) == "" {
		return textSearchTrouble, false, nil
	}
	return ans.Text, ans.Mode == questions.ModeSafety && strings.Contains(ans.Text, textEmergency), nil
}

// Answer answers one question and logs it. On a failure it still returns an
// Answer with a text for the resident, together with the error.
func (a *Answerer) Answer(ctx context.Context, q bot.Question) (Answer, error) {
	start := time.Now()
	if q.At.IsZero() {
		q.At = a.deps.Now()
	}
	w := work{q: q, norm: textnorm.Question(q.Text), llmBy: start.Add(a.llmCfg.Timeout.Duration)}
	err := a.run(ctx, &w)
	w.ans.Question = q.Text
	if w.ans.Citations == nil {
		w.ans.Citations = []Citation{}
	}
	if strings.TrimSpace(w.ans.Text) == "" {
		w.ans.Text, w.ans.Mode = textSearchTrouble, questions.ModeReferral
	}
	w.ans.LatencyMS = time.Since(start).Milliseconds()
	if a.deps.Observe != nil {
		a.deps.Observe(w.ans.Mode, time.Since(start))
	}
	if a.deps.Log != nil {
		id, lerr := a.deps.Log.Add(context.WithoutCancel(ctx), w.entry())
		if lerr != nil {
			err = errors.Join(err, lerr)
		}
		w.ans.QuestionID = id
	}
	return w.ans, err
}

// work is one question on its way through the pipeline.
type work struct {
	// llmBy is when every LLM call of this answer must be done: the
	// [llm] timeout counted from the start, rewrite and answer together.
	llmBy   time.Time
	q       bot.Question
	norm    string
	query   string
	results []Result
	ans     Answer
	topic   string
}

func (w *work) entry() questions.Entry {
	var sources []string
	for i, r := range w.results {
		if i == 3 {
			break
		}
		sources = append(sources, sourceOf(r))
	}
	return questions.Entry{
		At: w.q.At, Channel: w.q.Channel, UserID: w.q.UserID,
		Question: w.q.Text, Normalized: w.norm, Query: w.query, Sources: sources, Topic: w.topic,
		Covered: w.ans.Covered, Mode: w.ans.Mode, Answer: w.ans.Text, LatencyMS: w.ans.LatencyMS,
	}
}

func sourceOf(r Result) string {
	if r.Kind == "faq" {
		return "FAQ:" + r.Title
	}
	if r.Article != "" {
		return "《" + r.Law + "》" + r.Article
	}
	if r.Law != "" {
		return "《" + r.Law + "》"
	}
	return r.Title
}

func (a *Answerer) run(ctx context.Context, w *work) error {
	tri := a.words.Triage(w.norm)
	switch tri.Verdict {
	case safety.Urgent:
		urgent := emergencyText(tri.Matched)
		if !tri.Legal || !asksSomething(w.norm) {
			w.ans = Answer{Mode: questions.ModeSafety, Text: urgent}
			return nil
		}
		// The emergency numbers come first; the legal answer follows.
		err := a.answerQuestion(ctx, w, tri)
		switch w.ans.Mode {
		case questions.ModeLLM, questions.ModeFAQ, questions.ModeExtractive:
			w.ans.Text = urgent + "\n\n" + w.ans.Text
			w.ans.Mode = questions.ModeSafety
		default:
			w.ans = Answer{Mode: questions.ModeSafety, Text: urgent}
		}
		return err
	case safety.Decline:
		w.ans = Answer{Mode: questions.ModeDeclined, Text: textDeclined}
		return nil
	case safety.RoleChange:
		w.ans = Answer{Mode: questions.ModeSafety, Text: textRoleChange}
		return nil
	}
	return a.answerQuestion(ctx, w, tri)
}

// questionMarks are the words of a message that asks something (几 only
// where it asks an amount: 几个人 in 我被几个人关在屋里 asks nothing).
var questionMarks = []string{"?", "？", "吗", "怎么", "如何", "能不能", "可不可以", "可以", "什么", "哪", "谁", "是否", "能否",
	"要不要", "有没有", "算不算", "该不该", "行不行", "多少",
	"几年", "几天", "几日", "几个月", "几倍", "几万", "几千", "几级", "几岁", "几次"}

// asksSomething tells a message that asks a question from a cry for help.
// A spoken question may end in 不 or 没 alone (以前的事还能告他不).
func asksSomething(s string) bool {
	for _, m := range questionMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	s = strings.TrimRight(s, sentencePunctuation)
	return strings.HasSuffix(s, "不") || strings.HasSuffix(s, "没")
}

// sentencePunctuation is what a message may end with after its last word.
const sentencePunctuation = "。！？!?，,；;~～… "

// answerQuestion is the pipeline after triage: conversation, retrieval,
// covered or not, FAQ, LLM or extractive.
func (a *Answerer) answerQuestion(ctx context.Context, w *work, tri safety.Result) error {
	question := tri.Rest
	prev, err := a.previousTurn(ctx, w.q)
	if err != nil {
		a.deps.Logger.Warn("conversation memory", "err", err)
	}
	followUp := prev != nil && isFollowUp(question)
	switch tri.Verdict {
	case safety.Chat:
		w.ans = Answer{Mode: questions.ModeOffTopic, Text: textGreeting}
		switch {
		case containsAnyOf(tri.Matched, thanksWords):
			w.ans.Text = textThanks
		case containsAnyOf(tri.Matched, whoWords):
			w.ans.Text = textWhoAmI
		}
		return nil
	case safety.Off:
		if !followUp {
			// An off-topic cue may sit in a legal question worded like a
			// curated one (健身房办的卡退不了钱): a strong FAQ match wins.
			if faq, ok := a.bestFAQ(question, a.faqResults(ctx, question)); ok {
				w.query = question
				w.ans = faqReply(faq)
				return nil
			}
			w.ans = Answer{Mode: questions.ModeOffTopic, Text: textOffTopic}
			if containsAnyOf(tri.Matched, healthWords) {
				w.ans.Text = textOffTopicHealth
			}
			return nil
		}
	}
	legal := tri.Legal || followUp
	w.query = question
	if followUp {
		w.query = a.standalone(ctx, w.llmBy, prev, question)
	}

	// One search, deeper than the results used: with many laws loaded a
	// curated entry may rank below the articles, and a strong match among
	// the first faqLookahead still wins (a second, FAQ-only search would
	// cost as much as the first).
	found, err := a.deps.Search.Search(ctx, w.query, SearchOptions{K: max(a.cfg.Results, faqLookahead)})
	if err != nil {
		w.ans = Answer{Mode: questions.ModeReferral, Text: textSearchTrouble}
		return fmt.Errorf("search: %w", err)
	}
	results := found[:min(len(found), a.cfg.Results)]
	w.results = results
	if len(results) > 0 && results[0].Kind != "faq" {
		w.topic = shortLaw(results[0].Law)
	}

	// A follow-up with nothing before it (那如果他不同意呢 as a first
	// message) says too little to be taken for a curated question; one
	// that tells its own story (他家的牛跑进我地里把玉米啃光了) does not.
	bare := !followUp && isFollowUp(question) && len(contentBigrams(question)) < standaloneWords
	if faq, ok := a.bestFAQ(w.query, found); ok && !bare {
		w.ans = faqReply(faq)
		return nil
	}
	// A message without a legal word that matches a curated entry as well
	// as the unmarked threshold asks is a legal matter told in everyday
	// words (高楼上掉下来个花盆砸了我): the entries are residents' questions.
	if !legal && !bare && tri.OffCue == "" && a.curatedTopic(found) {
		legal = true
	}
	threshold := a.cfg.CoveredThreshold
	unsure := !legal || tri.OffCue != ""
	if unsure {
		threshold = max(threshold, a.cfg.CoveredThresholdUnmarked)
	} else if faq, ok := a.leadingFAQ(found); ok && !bare {
		w.ans = faqReply(faq)
		return nil
	}
	laws := lawResults(results)
	if len(laws) == 0 || laws[0].Score < threshold || (unsure && !sharesWords(a.words.Cut(safety.Place, w.query), laws)) {
		if faq, ok := a.fallbackFAQ(w.query, results, legal); ok {
			w.ans = faqReply(faq)
			return nil
		}
		if !legal && !tri.Personal {
			w.ans = Answer{Mode: questions.ModeOffTopic, Text: textOffTopic}
			return nil
		}
		// A legal question, or a resident's own trouble told without a
		// legal word (我爹走了留下三间房怎么分): people can help.
		w.ans = Answer{Mode: questions.ModeReferral, Text: referralText(a.cfg)}
		return nil
	}
	w.topic = shortLaw(laws[0].Law)
	if followUp {
		laws = freshFirst(laws, citedIn(prev.Answer), threshold)
	}
	if a.model != nil {
		if ans, ok := a.generate(ctx, w.llmBy, w.query, laws); ok {
			w.ans = ans
			return nil
		}
	}
	w.ans = a.extractive(w.query, laws)
	return nil
}

// previousTurn returns the user's last legal question when the
// conversation is still live (no more than HistoryExpiry of silence).
func (a *Answerer) previousTurn(ctx context.Context, q bot.Question) (*questions.Entry, error) {
	if a.deps.Log == nil || a.cfg.HistoryTurns == 0 || q.UserID == "" {
		return nil, nil
	}
	expiry := a.cfg.HistoryExpiry.Duration
	turns, err := a.deps.Log.Recent(ctx, q.Channel, q.UserID, q.At.Add(-time.Duration(a.cfg.HistoryTurns)*expiry), a.cfg.HistoryTurns)
	if err != nil {
		return nil, err
	}
	last := q.At
	for i := range turns {
		t := &turns[i]
		if last.Sub(t.At) > expiry {
			return nil, nil
		}
		last = t.At
		switch t.Mode {
		case questions.ModeLLM, questions.ModeFAQ, questions.ModeExtractive, questions.ModeReferral:
			return t, nil
		}
	}
	return nil, nil
}

// followUpStarts are the words a follow-up question begins with.
var followUpStarts = []string{
	"那", "如果", "要是", "假如", "万一", "还有", "另外", "可是", "但是", "但", "不过",
	"他", "她", "对方", "这", "然后", "再", "还", "又", "也", "那么", "那如果", "是不是", "能不能", "可不可以",
}

// isFollowUp tells a question that leans on the previous one: it begins
// with a connective or pronoun, or is a short question ending in 呢.
func isFollowUp(q string) bool {
	q = strings.TrimSpace(q)
	for _, s := range followUpStarts {
		if strings.HasPrefix(q, s) {
			return true
		}
	}
	n := utf8.RuneCountInString(q)
	trimmed := strings.TrimRight(q, sentencePunctuation)
	return n <= 20 && strings.HasSuffix(trimmed, "呢")
}

// standalone makes a follow-up searchable on its own: the LLM rewrites it
// when one is configured and answers in time, else the previous question
// is put in front of it.
func (a *Answerer) standalone(ctx context.Context, by time.Time, prev *questions.Entry, question string) string {
	base := prev.Query
	if base == "" {
		base = prev.Normalized
	}
	// Only the previous question's own words, not a whole chain of them.
	if r := []rune(base); len(r) > 80 {
		base = string(r[len(r)-80:])
	}
	combined := base + " " + question
	if a.model == nil {
		return combined
	}
	// The rewrite may use a third of the budget; the answer needs the rest.
	rctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Until(by)/3))
	defer cancel()
	out, err := a.model.Complete(rctx, promptRewrite, "前面的问题："+base+"\n追问："+question)
	out = strings.TrimSpace(out)
	if err != nil || out == "" || utf8.RuneCountInString(out) > 200 {
		if err != nil {
			a.deps.Logger.Warn("rewrite follow-up", "err", err)
		}
		return combined
	}
	return textnorm.Question(out)
}

// bestFAQ finds a curated entry that matches the question strongly: a
// search score of at least FAQThreshold and, since scores alone confuse
// neighbouring topics, most of the wording shared with the entry's question
// (FAQOverlap).
func (a *Answerer) bestFAQ(query string, results []Result) (Result, bool) {
	for _, r := range results {
		if r.Kind == "faq" && r.Score >= a.cfg.FAQThreshold && overlap(query, textnorm.Question(r.Title)) >= a.cfg.FAQOverlap && !a.citesRetiredLaw(r) {
			return r, true
		}
	}
	return Result{}, false
}

// standaloneWords is how many content pairs (contentBigrams) a first
// message needs to stand on its own although it begins like a follow-up.
const standaloneWords = 4

// curatedTopic reports whether a curated entry among the results matches
// the query as strongly as an unmarked message needs
// (CoveredThresholdUnmarked). An entry resting on a retired law does not
// count: it is not answered either.
func (a *Answerer) curatedTopic(results []Result) bool {
	for _, r := range results {
		if r.Kind == "faq" && r.Score >= a.cfg.CoveredThresholdUnmarked && !a.citesRetiredLaw(r) {
			return true
		}
	}
	return false
}

// leadingFAQ finds the curated entry the search singles out when the
// resident words the question otherwise (离婚了孩子判给谁 for 离婚时孩子归谁？,
// 老公在外面借的钱老婆要还吗 for 丈夫在外面借的钱，妻子也要还吗？): the entry is
// the first of all results, so ahead of every law article, scores at least
// FAQThreshold+FAQLead and leads the next entry by FAQLead. Without a rival
// entry among the results, the last result's score stands in for it (the
// rival ranks below it), and with no other result at all there is no
// rival. Only a message read as legal gets this far: a chat question about
// the WeChat app itself must not get the entry on WeChat transfer records.
func (a *Answerer) leadingFAQ(results []Result) (Result, bool) {
	lead := a.cfg.FAQLead
	if lead <= 0 || len(results) == 0 || results[0].Kind != "faq" {
		return Result{}, false
	}
	top := results[0]
	if top.Score < a.cfg.FAQThreshold+lead {
		return Result{}, false
	}
	rival := 0.0
	if len(results) > 1 {
		rival = results[len(results)-1].Score
	}
	for _, r := range results[1:] {
		if r.Kind == "faq" {
			rival = r.Score
			break
		}
	}
	if top.Score-rival < lead || a.citesRetiredLaw(top) {
		return Result{}, false
	}
	return top, true
}

// retiredLaws is what a Searcher that knows the documents' status (Base)
// also tells.
type retiredLaws interface {
	RetiredLaw(name string) bool
}

// citesRetiredLaw reports whether a curated answer rests on a law an admin
// retired (the 2012 治安管理处罚法 once the 2025 text replaced it): it may
// state what is no longer the law, so it is not used.
func (a *Answerer) citesRetiredLaw(r Result) bool {
	rl, ok := a.deps.Search.(retiredLaws)
	if !ok {
		return false
	}
	for _, c := range faqCitations(r.Text) {
		if rl.RetiredLaw(c.Law) {
			return true
		}
	}
	return false
}

// thanksWords are the greetings that thank: answered 不客气, not 您好.
var thanksWords = []string{"谢谢", "多谢", "感谢", "谢了", "辛苦"}

// whoWords are the greetings that ask who answers: the bot says it is a
// program, not a person or a lawyer.
var whoWords = []string{"你是谁", "你叫什么", "机器人", "你是人吗", "真人"}

// healthWords are the off-topic cues of a health worry: the steer points to
// a doctor as well (我妈血压高怎么办).
var healthWords = []string{"感冒", "发烧", "头疼", "吃什么药", "血压", "咳嗽"}

// faqLookahead is how deep the answer's search looks for a curated entry.
const faqLookahead = 20

// faqResults returns the curated entries that match the query best; a
// failed search is logged and gives none.
func (a *Answerer) faqResults(ctx context.Context, query string) []Result {
	rs, err := a.deps.Search.Search(ctx, query, SearchOptions{K: 3, Kinds: []string{"faq"}})
	if err != nil {
		a.deps.Logger.Warn("faq search", "err", err)
		return nil
	}
	return rs
}

// fallbackFAQ is the curated entry used when no law article covers a
// legal question (a knowledge base holding only the FAQ, or a topic the
// loaded laws miss): a slightly weaker match than bestFAQ asks for is still
// better than a referral, as long as the wording overlaps the entry's
// question just as strongly and the message reads as a legal question.
func (a *Answerer) fallbackFAQ(query string, results []Result, legal bool) (Result, bool) {
	if !legal {
		return Result{}, false
	}
	weak := 0.9 * min(a.cfg.CoveredThreshold, a.cfg.FAQThreshold)
	for _, r := range results {
		if r.Kind != "faq" || a.citesRetiredLaw(r) {
			continue
		}
		sameWords := r.Score >= weak && overlap(query, textnorm.Question(r.Title)) >= a.cfg.FAQOverlap
		strong := r.Score >= a.cfg.FAQThreshold && sharesWords(query, []Result{r})
		if sameWords || strong {
			return r, true
		}
	}
	return Result{}, false
}

// faqQuestion is the question an admin's answer to a logged question is
// filed under: for a follow-up (那如果他不同意呢) what was searched, with the
// earlier turn's words, so the entry does not answer everyone's
// follow-ups.
func faqQuestion(e questions.Entry) string {
	if e.Query != "" && e.Query != e.Normalized && e.Query != e.Question {
		return e.Query
	}
	return e.Question
}

// overlap is the share of the shorter text's character bigrams (letters
// and digits only) that also occur in the longer one.
func overlap(a, b string) float64 {
	ab, bb := bigrams(a), bigrams(b)
	if len(ab) > len(bb) {
		ab, bb = bb, ab
	}
	if len(ab) == 0 {
		return 0
	}
	n := 0
	for g := range ab {
		if bb[g] {
			n++
		}
	}
	return float64(n) / float64(len(ab))
}

func bigrams(s string) map[[2]rune]bool {
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		}
	}
	out := map[[2]rune]bool{}
	for i := 0; i+1 < len(rs); i++ {
		out[[2]rune{rs[i], rs[i+1]}] = true
	}
	return out
}

// faqCitations lists the articles a curated answer names, for its 依据
// line; curated text is trusted as written.
func faqCitations(body string) []Citation {
	var out []Citation
	seen := map[Citation]bool{}
	for _, r := range cite.Articles(body) {
		c := Citation{Law: r.Law, Article: r.Article}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// faqReply answers with a curated entry's own text, its citations on the
// 依据 line and who wrote it.
func faqReply(faq Result) Answer {
	body := faqAnswer(faq.Text, faq.Title)
	cites := faqCitations(body)
	return Answer{Mode: questions.ModeFAQ, Covered: true, Citations: cites,
		Text: finish(body+"\n\n"+faqSource(faq), cites)}
}

// faqSource is the line that says who wrote a curated answer: the
// starter FAQ is the project's, every other entry an office's.
func faqSource(r Result) string {
	if r.DocID == docID(starterKey) {
		return textStarterSource
	}
	return textFAQSource
}

// faqAnswer takes the answer part of a FAQ chunk ("问：…\n答：…").
func faqAnswer(text, title string) string {
	for _, mark := range []string{"答：", "答:", "A：", "A:"} {
		if i := strings.Index(text, mark); i >= 0 {
			return strings.TrimSpace(text[i+len(mark):])
		}
	}
	text = strings.TrimSpace(text)
	if title != "" {
		text = strings.TrimSpace(strings.TrimPrefix(text, title))
	}
	return text
}

// citedIn lists the articles an earlier answer cited, as sourceOf
// writes them.
func citedIn(answer string) []string {
	var out []string
	for _, c := range faqCitations(answer) {
		out = append(out, c.String())
	}
	return out
}

// sharesWords tells whether the question and one of the two best chunks
// have a content word in common (a character pair without function
// characters or question words). Retrieval can find articles by meaning
// alone ("纸飞机" → 客运合同); for a message that is not clearly legal that
// is too little to answer from.
func sharesWords(question string, laws []Result) bool {
	q := contentBigrams(question)
	for i, r := range laws {
		if i == 2 {
			break
		}
		for b := range contentBigrams(textnorm.Question(r.Text)) {
			if q[b] {
				return true
			}
		}
	}
	return false
}

// functionChars never make a content word.
const functionChars = "的了吗呢吧啊呀么是在有我你他她它们这那个和与及或也都就还又很把被给让对从到为以于之其可能会要该应得地着过哦嗯"

// questionBigrams are frequent pairs that say nothing about the topic,
// keyed by their two characters (a lookup without a string conversion).
var questionBigrams = runePairs(
	"怎么", "什么", "如何", "可以", "应该", "哪里", "为什",
	"需要", "情况", "问题", "多少", "是否", "能否", "怎样",
	"有没", "没有", "不能", "现在", "今天", "明天", "时候",
	"东西", "知道", "一下", "这样", "那么", "如果", "但是",
	"因为", "所以", "然后", "已经", "自己", "别人", "人家",
	"合法", "违法", "犯法",
)

// runePairs makes a set of character pairs from two-character strings.
func runePairs(pairs ...string) map[[2]rune]bool {
	out := make(map[[2]rune]bool, len(pairs))
	for _, p := range pairs {
		r := []rune(p)
		out[[2]rune{r[0], r[1]}] = true
	}
	return out
}

func contentBigrams(s string) map[[2]rune]bool {
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, r)
		} else {
			rs = append(rs, ' ')
		}
	}
	// A question word is a gap, so its characters make no pair with
	// their neighbours either (样合 of 这样合法吗 is no word).
	for i := 0; i+1 < len(rs); i++ {
		if questionBigrams[[2]rune{rs[i], rs[i+1]}] {
			rs[i], rs[i+1] = ' ', ' '
			i++
		}
	}
	out := map[[2]rune]bool{}
	for i := 0; i+1 < len(rs); i++ {
		a, b := rs[i], rs[i+1]
		if a == ' ' || b == ' ' || strings.ContainsRune(functionChars, a) || strings.ContainsRune(functionChars, b) {
			continue
		}
		out[[2]rune{a, b}] = true
	}
	return out
}

// freshFirst moves the articles the previous answer already gave behind
// the others, so that a follow-up gets something new when the retrieval
// offers it with a score of at least min.
func freshFirst(laws []Result, given []string, min float64) []Result {
	old := map[string]bool{}
	for _, s := range given {
		old[s] = true
	}
	var fresh, seen []Result
	for _, r := range laws {
		if old[sourceOf(r)] || r.Score < min {
			seen = append(seen, r)
		} else {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return laws
	}
	return append(fresh, seen...)
}

// lawResults keeps the law and material chunks, best first.
func lawResults(rs []Result) []Result {
	var out []Result
	for _, r := range rs {
		if r.Kind != "faq" && strings.TrimSpace(r.Text) != "" {
			out = append(out, r)
		}
	}
	return out
}

func citationOf(r Result) Citation {
	law := r.Law
	if law == "" {
		law = r.Title
	}
	return Citation{Law: law, Article: r.Article}
}

// extractive quotes the best one or two articles with the next step.
func (a *Answerer) extractive(question string, laws []Result) Answer {
	picked := laws[:1]
	for _, r := range laws[1:] {
		if r.Score < 0.6*laws[0].Score {
			break
		}
		if citationOf(r) != citationOf(laws[0]) { // a second chunk of the same article is no second article
			picked = append(picked, r)
			break
		}
	}
	var b strings.Builder
	nLaws := 0
	for _, r := range picked {
		if r.Kind != "material" {
			nLaws++
		}
	}
	switch nLaws {
	case len(picked):
		b.WriteString(textExtractiveLead)
	case 0:
		b.WriteString(textExtractiveLeadMaterial)
	default:
		b.WriteString(textExtractiveLeadMixed)
	}
	var cites []Citation
	for _, r := range picked {
		c := citationOf(r)
		cites = append(cites, c)
		b.WriteString("\n\n")
		b.WriteString(c.String())
		switch {
		case r.Kind == "material":
			b.WriteString("里讲")
		case c.Article != "":
			b.WriteString("规定")
		}
		b.WriteString("：“")
		b.WriteString(quote(r.Text, r.Article, a.cfg.QuoteChars))
		b.WriteString("”")
	}
	b.WriteString("\n\n")
	b.WriteString(nextStep(question, picked[0].Law, picked[0].Chapter))
	return Answer{Mode: questions.ModeExtractive, Covered: true, Citations: cites,
		Text: finish(b.String(), cites)}
}

// finish appends the 依据 line and the disclaimer.
func finish(body string, cites []Citation) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(body))
	if len(cites) > 0 {
		b.WriteString("\n\n")
		b.WriteString(textBasis)
		for i, c := range cites {
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(c.String())
		}
	}
	b.WriteString("\n")
	b.WriteString(textDisclaimer)
	return b.String()
}

// quote trims an article for quoting: without its own number, whitespace
// collapsed, cut after a sentence end within max runes.
func quote(text, article string, max int) string {
	t := strings.TrimSpace(text)
	if article != "" {
		t = strings.TrimSpace(strings.TrimPrefix(t, article))
	}
	t = strings.Join(strings.Fields(t), " ")
	r := []rune(t)
	if len(r) <= max {
		return t
	}
	cut := string(r[:max])
	best := -1
	for _, sep := range []string{"。", "；", "："} {
		if i := strings.LastIndex(cut, sep); i > best {
			best = i
		}
	}
	if best > len(cut)/3 {
		return cut[:best] + "……"
	}
	return cut + "……"
}

// maxPromptQuestion and maxPromptArticle cap the question and each article
// in the prompt (runes), so that a pasted essay or a long article cannot eat
// the time budget.
const (
	maxPromptQuestion = 500
	maxPromptArticle  = 600
)

// generate asks the LLM within the budget and keeps its answer only when it
// is grounded: at least one retrieved article cited, no invented one left,
// no sensitive word.
func (a *Answerer) generate(ctx context.Context, by time.Time, question string, laws []Result) (Answer, bool) {
	known := map[articleKey]Citation{}
	var prompt strings.Builder
	prompt.WriteString("参考条文：\n")
	for i, r := range laws {
		c := citationOf(r)
		if r.Article == "" {
			known[articleKey{law: shortLaw(c.Law)}] = c // material: may be named, has no articles
		} else {
			if n := articleNumber(r.Article); n > 0 {
				suffix := ""
				if m := articleRe.FindStringSubmatch(r.Article); m != nil {
					suffix = m[2]
				}
				known[articleKey{law: shortLaw(c.Law), num: n, suffix: suffix}] = c
			}
		}
		text := strings.TrimSpace(r.Text)
		if rs := []rune(text); len(rs) > maxPromptArticle {
			text = string(rs[:maxPromptArticle]) + "……"
		}
		fmt.Fprintf(&prompt, "[%d] %s\n%s\n\n", i+1, c.String(), text)
	}
	prompt.WriteString("村民的问题：")
	if r := []rune(question); len(r) > maxPromptQuestion {
		question = string(r[:maxPromptQuestion])
	}
	prompt.WriteString(question)

	lctx, cancel := context.WithDeadline(ctx, by)
	defer cancel()
	out, err := a.model.Complete(lctx, promptSystem, prompt.String())
	if err != nil {
		a.deps.Logger.Warn("llm answer", "err", err)
		return Answer{}, false
	}
	out = dropOwnBasis(out)
	cleaned, cites := checkCitations(out, known)
	if len(cites) == 0 || strings.TrimSpace(cleaned) == "" || !bareArticlesKnown(cleaned, known) {
		a.deps.Logger.Info("llm answer not grounded, using extractive")
		return Answer{}, false
	}
	if w, bad := a.words.CheckAnswer(cleaned); bad {
		a.deps.Logger.Warn("llm answer tripped the word list, using extractive", "word", w)
		return Answer{}, false
	}
	return Answer{Mode: questions.ModeLLM, Covered: true, Citations: cites, Text: finish(cleaned, cites)}, true
}

// bareArticlesKnown checks the article numbers written without 《》
// ("刑法第九百九十九条"): each must be the number of a retrieved article,
// since the law it belongs to cannot be told for sure.
func bareArticlesKnown(text string, known map[articleKey]Citation) bool {
	nums := map[int]bool{}
	for k := range known {
		nums[k.num] = true
	}
	for _, m := range articleRe.FindAllStringSubmatch(text, -1) {
		if !nums[articleNumber(m[1])] {
			return false
		}
	}
	return true
}

// dropOwnBasis removes a model's own 依据 / disclaimer lines and Markdown
// emphasis; the answerer writes its own.
func dropOwnBasis(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "依据：") || strings.HasPrefix(t, "依据:") || strings.HasPrefix(t, "**依据") {
			continue
		}
		keep = append(keep, strings.ReplaceAll(line, "**", ""))
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}
