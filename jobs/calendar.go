package jobs

import (
	"fmt"
	"sort"
	"time"
)

// PublicityDay is one national or local legal-publicity day (or the first
// day of a publicity week or month).
type PublicityDay struct {
	// Key identifies the day inside a year ("03-15", "12-week"); with the
	// year it is the period a reminder is claimed for.
	Key string
	// Month and Day are when it starts; Span is how many days it lasts
	// (1 for a day, 7 for 宪法宣传周, 31 for 民法典宣传月).
	Month time.Month
	Day   int
	Span  int
	// Year is set for a one-off day added in config; 0 recurs every year.
	Year int
	// Name is how the reminder names it.
	Name string
	// Theme is the short subject of the example report in the reminder
	// ("消费者权益保护法" → "开展消费者权益保护法宣传").
	Theme string
	// Topics are suggested themes, and what the knowledge base is searched
	// for to list relevant laws.
	Topics []string
}

// builtinCalendar is the national calendar of legal-publicity days that
// township reports are organised around.
func builtinCalendar() []PublicityDay {
	return []PublicityDay{
		{Key: "03-08", Month: 3, Day: 8, Span: 1, Name: "三八国际妇女节", Theme: "妇女权益保障法",
			Topics: []string{"妇女权益保障", "反家庭暴力", "婚姻家庭"}},
		{Key: "03-15", Month: 3, Day: 15, Span: 1, Name: "3·15国际消费者权益日", Theme: "消费者权益保护法",
			Topics: []string{"消费者权益保护", "产品质量", "食品安全"}},
		{Key: "04-15", Month: 4, Day: 15, Span: 1, Name: "4·15全民国家安全教育日", Theme: "国家安全法",
			Topics: []string{"国家安全", "反间谍", "网络安全"}},
		{Key: "05-month", Month: 5, Day: 1, Span: 31, Name: "民法典宣传月", Theme: "民法典",
			Topics: []string{"婚姻家庭", "继承", "借款合同", "相邻关系"}},
		{Key: "06-26", Month: 6, Day: 26, Span: 1, Name: "6·26国际禁毒日", Theme: "禁毒法",
			Topics: []string{"禁毒", "吸毒的法律责任"}},
		{Key: "11-09", Month: 11, Day: 9, Span: 1, Name: "11·9全国消防日", Theme: "消防法",
			Topics: []string{"消防安全", "火灾预防"}},
		{Key: "12-week", Month: 12, Day: 1, Span: 7, Name: "宪法宣传周", Theme: "宪法",
			Topics: []string{"宪法", "公民基本权利和义务"}},
		{Key: "12-04", Month: 12, Day: 4, Span: 1, Name: "12·4国家宪法日", Theme: "宪法",
			Topics: []string{"宪法", "依宪治国"}},
	}
}

// calendar is the built-in days plus those added in config.
func calendar(extra []ExtraDay) []PublicityDay {
	days := builtinCalendar()
	for _, e := range extra {
		t, err := parseExtraDate(e.Date, 2024)
		if err != nil {
			continue // Validate has rejected it already
		}
		d := PublicityDay{Key: "extra-" + e.Date, Month: t.Month(), Day: t.Day(), Span: 1, Name: e.Name, Topics: e.Topics, Theme: e.Name}
		if len(e.Topics) > 0 {
			d.Theme = e.Topics[0]
		}
		if len(e.Date) == 10 {
			d.Year = t.Year()
		}
		days = append(days, d)
	}
	return days
}

// dueDay is a publicity day falling inside a reminder window.
type dueDay struct {
	PublicityDay
	// Start is the day's first date (midnight in the zone).
	Start time.Time
	// DaysLeft is how many days from the run's date to Start.
	DaysLeft int
}

// Period is the job_runs period of a reminder: one per day and year.
func (d dueDay) Period() string { return fmt.Sprintf("%04d-%s", d.Start.Year(), d.Key) }

// dueWithin returns the days that start between tomorrow and
// today+daysBefore (inclusive; with daysBefore 0, today), nearest first. A reminder is due daysBefore
// days ahead; a day still ahead but inside the window is also returned, so
// that a reminder missed on its exact day goes out late rather than never
// (the (job, period) claim keeps it to once).
func dueWithin(days []PublicityDay, today time.Time, daysBefore int) []dueDay {
	loc := today.Location()
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	var out []dueDay
	for _, d := range days {
		for _, y := range []int{today.Year(), today.Year() + 1} {
			if d.Year != 0 && d.Year != y {
				continue
			}
			start := time.Date(y, d.Month, d.Day, 0, 0, 0, 0, loc)
			if start.Month() != d.Month { // 02-29 in a common year
				continue
			}
			left := daysBetween(today, start)
			if left >= min(daysBefore, 1) && left <= daysBefore {
				out = append(out, dueDay{PublicityDay: d, Start: start, DaysLeft: left})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// daysBetween counts calendar days from a to b (both midnight in one zone),
// robust to daylight-saving shifts.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	ua := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	ub := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
