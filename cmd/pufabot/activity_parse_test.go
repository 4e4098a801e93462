package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestActivityParseJSONHasExactlyTheKeys(t *testing.T) {
	code, out, errOut := run(t, "", "activity", "parse", "--json", "--now", "2024-03-16T18:30:00+08:00",
		"3月15日在李家庄村文化广场开展消费者权益保护法宣传，参加群众120人，发放资料300份，解答咨询15人次")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line of JSON, got %q", out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("decode %q: %v", lines[0], err)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"consultations", "date", "households", "materials", "mediations", "mediations_resolved", "note", "participants", "place", "topics", "type"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
	for k, v := range map[string]any{"date": "2024-03-15", "type": "普法宣传", "place": "李家庄村",
		"participants": 120.0, "materials": 300.0, "consultations": 15.0, "households": 0.0, "mediations": 0.0} {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if topics, ok := got["topics"].([]any); !ok || len(topics) == 0 || topics[0] != "消费者权益" {
		t.Errorf("topics = %v, want [消费者权益]", got["topics"])
	}
}

func TestActivityParseTopicsNeverNull(t *testing.T) {
	code, out, _ := run(t, "", "activity", "parse", "--json", "--now", "2024-03-16T18:30:00+08:00", "今天开展普法宣传")
	if code != 0 || !strings.Contains(out, `"topics":[]`) {
		t.Fatalf("exit %d, out %q: want topics as an empty array", code, out)
	}
}

func TestActivityParseDefaultNowAndZone(t *testing.T) {
	// run's clock is 2026-03-16 10:00 UTC, 18:00 in Shanghai; a config with
	// another zone moves "today".
	code, out, _ := run(t, "", "activity", "parse", "--json", "今天开展普法宣传")
	if code != 0 || !strings.Contains(out, `"date":"2026-03-16"`) {
		t.Fatalf("exit %d, out %q: want today's date from Main.Now", code, out)
	}
	cfg := filepath.Join(t.TempDir(), "pufabot.toml")
	if err := os.WriteFile(cfg, []byte("[activity]\ntime_zone = \"Pacific/Kiritimati\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "activity", "parse", "--config", cfg, "--json", "--now", "2026-03-16T11:00:00Z", "今天开展普法宣传")
	if code != 0 || !strings.Contains(out, `"date":"2026-03-17"`) {
		t.Fatalf("exit %d, out %q, stderr %q: want the date in the configured zone (UTC+14)", code, out, errOut)
	}
}

func TestActivityParseCard(t *testing.T) {
	code, out, _ := run(t, "", "activity", "parse", "--now", "2025-05-12T12:00:00+08:00", "调解纠纷3起，均已调解成功")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"日期：2025-05-12（未写明，按默认）", "类型：矛盾调解", "调解纠纷：3 件", "调解成功：3 件", "原文：调解纠纷3起"} {
		if !strings.Contains(out, want) {
			t.Errorf("card lacks %q:\n%s", want, out)
		}
	}
}

func TestActivityParseUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"no text":  {"activity", "parse", "--json"},
		"bad now":  {"activity", "parse", "--now", "yesterday", "今天宣传"},
		"bad flag": {"activity", "parse", "--nope", "今天宣传"},
	} {
		t.Run(name, func(t *testing.T) {
			if code, _, _ := run(t, "", args...); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
		})
	}
}
