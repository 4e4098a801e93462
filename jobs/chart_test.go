package jobs

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"strings"
	"testing"
)

// chartFont loads the default chart font, skipping when the machine has
// none (Debian: apt-get install fonts-droid-fallback).
func chartFontOrSkip(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(DefaultChartFont); err != nil {
		t.Skipf("no chart font at %s (apt-get install fonts-droid-fallback): %v", DefaultChartFont, err)
	}
}

func TestDigestChartPNG(t *testing.T) {
	chartFontOrSkip(t)
	font, err := loadChartFont(DefaultChartFont)
	if err != nil {
		t.Fatal(err)
	}
	d := digestData{From: sh(2026, 3, 9, 0, 0), To: sh(2026, 3, 16, 0, 0),
		This: LedgerSummary{Activities: 5, ByType: []Count{{"普法宣传", 3}, {"矛盾调解", 2}}},
		Prev: LedgerSummary{Activities: 4, ByType: []Count{{"普法宣传", 1}, {"法治讲座", 3}}}}
	img, err := digestChart(font, d)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if cfg.Width != chartWidth || cfg.Height != chartHeight {
		t.Errorf("chart is %dx%d, want %dx%d", cfg.Width, cfg.Height, chartWidth, chartHeight)
	}
	if p := os.Getenv("PUFABOT_CHART_OUT"); p != "" { // to look at it
		_ = os.WriteFile(p, img, 0o644)
	}
	if none, err := digestChart(font, digestData{}); none != nil || err != nil {
		t.Errorf("empty weeks drew a chart (%d bytes, %v)", len(none), err)
	}
}

// With chart = true the digest goes out as its text then the chart image,
// each recorded as its own part; the dry run names the image.
func TestDigestWithChart(t *testing.T) {
	chartFontOrSkip(t)
	e := newEnv(t)
	e.ledger.byFrom[sh(2026, 3, 9, 0, 0).Format("2006-01-02T15:04:05Z07:00")] = LedgerSummary{
		Activities: 2, ByType: []Count{{"普法宣传", 2}}}
	s := e.service("a", func(c *Config) { c.WeeklyDigest.Chart = true })
	var out strings.Builder
	at := sh(2026, 3, 16, 8, 0)
	if _, err := s.Run(context.Background(), JobWeeklyDigest, at, RunOptions{DryRun: true, Out: &out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "[图表") || !strings.Contains(out.String(), "(2/2)") {
		t.Errorf("dry run does not show the chart as part 2/2:\n%s", out.String())
	}
	e.run(s, JobWeeklyDigest, at)
	got := e.sender.all
	if len(got) != 2 || got[0].Msg.Text == "" || got[1].Msg.Image == nil {
		t.Fatalf("sent %d messages (%+v), want the text then the image", len(got), got)
	}
	if _, err := png.DecodeConfig(bytes.NewReader(got[1].Msg.Image)); err != nil {
		t.Errorf("image is not a PNG: %v", err)
	}
}

func TestChartFontMissingFailsAtStart(t *testing.T) {
	e := newEnv(t)
	cfg := DefaultConfig()
	cfg.WeeklyDigest.Chart, cfg.WeeklyDigest.ChartFont = true, t.TempDir()+"/none.ttf"
	_, err := New(context.Background(), cfg, Deps{DB: e.db, People: e.people})
	if err == nil || !strings.Contains(err.Error(), "jobs.weekly_digest.chart_font") {
		t.Errorf("New = %v, want a chart_font error", err)
	}
}
