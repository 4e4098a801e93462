package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const kbTestLaw = `# 中华人民共和国乡村测试法

<!-- INFO END -->

## 第一章 总则

第一条 为了保护农村村民的宅基地权益，制定本法。

第二条 禁止家庭暴力。

第三条 借款人应当按照约定的期限返还借款。
`

func TestKBCommandsEndToEnd(t *testing.T) {
	data := t.TempDir()
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "乡村测试法.md"), []byte(kbTestLaw), 0o644)
	os.WriteFile(filepath.Join(src, "坏的.docx"), []byte("not a zip"), 0o644)

	code, out, errOut := run(t, "", "kb", "add", "--data-dir", data, src)
	if code != 1 || !strings.Contains(out, "新增 1 个文件") || !strings.Contains(out, "失败 1 个") || !strings.Contains(errOut, "坏的.docx") {
		t.Fatalf("kb add with a bad file: exit %d\nout %s\nerr %s", code, out, errOut)
	}
	os.Remove(filepath.Join(src, "坏的.docx"))
	if code, out, _ := run(t, "", "kb", "add", "--data-dir", data, src); code != 0 || !strings.Contains(out, "未变 1 个") {
		t.Fatalf("re-add: exit %d %s", code, out)
	}

	code, out, _ = run(t, "", "kb", "list", "--data-dir", data)
	id := regexp.MustCompile(`d-[0-9a-f]+`).FindString(out)
	// The starter FAQ was loaded into the empty base, plus the law.
	if code != 0 || !strings.Contains(out, "中华人民共和国乡村测试法") || !strings.Contains(out, "乡亲们常问的法律问题") || id == "" {
		t.Fatalf("kb list: exit %d\n%s", code, out)
	}

	// Questions from stdin: one JSON line each, in order, empty lines kept.
	code, out, _ = run(t, "借钱不还怎么办\n\n宅基地\n", "kb", "search", "--data-dir", data, "--json", "-k", "2", "--kind", "law")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 3 {
		t.Fatalf("kb search stdin: exit %d, %d lines:\n%s", code, len(lines), out)
	}
	var first struct {
		Query   string           `json:"query"`
		Results []map[string]any `json:"results"`
	}
	json.Unmarshal([]byte(lines[0]), &first)
	if first.Query != "借钱不还怎么办" || len(first.Results) == 0 {
		t.Fatalf("first line = %s", lines[0])
	}
	r := first.Results[0]
	for _, k := range []string{"doc_id", "law", "article", "title", "source", "kind", "score", "text"} {
		if _, ok := r[k]; !ok {
			t.Errorf("result lacks %q: %s", k, lines[0])
		}
	}
	if r["law"] != "中华人民共和国乡村测试法" || r["article"] != "第三条" {
		t.Errorf("top result = %v, want 第三条", r)
	}
	if lines[1] != `{"query":"","results":[]}` {
		t.Errorf("empty question line = %s", lines[1])
	}

	code, out, _ = run(t, "", "kb", "search", "--data-dir", data, "老公打人", "-k", "1")
	if code != 0 || !strings.Contains(out, "问：老公打人") || !strings.Contains(out, " 1. ") {
		t.Fatalf("kb search: exit %d\n%s", code, out)
	}

	lawID := ""
	for _, line := range strings.Split(mustRun(t, "kb", "list", "--data-dir", data), "\n") {
		if strings.Contains(line, "乡村测试法") {
			lawID = strings.Fields(line)[0]
		}
	}
	if out := mustRun(t, "kb", "retire", "--data-dir", data, lawID, "--status", "已修改"); !strings.Contains(out, "已修改") {
		t.Fatalf("kb retire: %s", out)
	}
	if out := mustRun(t, "kb", "search", "--data-dir", data, "--json", "--kind", "law", "借款"); !strings.Contains(out, `"results":[]`) {
		t.Fatalf("retired law still found: %s", out)
	}
	if code, _, _ := run(t, "", "kb", "retire", "--data-dir", data, lawID, "--status", "作废"); code != 2 {
		t.Errorf("bad status: exit %d, want 2", code)
	}
	if out := mustRun(t, "kb", "stats", "--data-dir", data); !strings.Contains(out, "文档 2 个") || !strings.Contains(out, "已修改 1") {
		t.Fatalf("kb stats: %s", out)
	}
	if out := mustRun(t, "kb", "remove", "--data-dir", data, lawID); !strings.Contains(out, "已删除 "+lawID) {
		t.Fatalf("kb remove: %s", out)
	}
	if code, _, errOut := run(t, "", "kb", "remove", "--data-dir", data, lawID); code != 1 || !strings.Contains(errOut, "no such document") {
		t.Errorf("second remove: exit %d %s", code, errOut)
	}
	if code, _, _ := run(t, "", "kb", "add", "--data-dir", data); code != 2 {
		t.Errorf("kb add without paths: exit %d, want 2", code)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, "", args...)
	if code != 0 {
		t.Fatalf("pufabot %v: exit %d\n%s%s", args, code, out, errOut)
	}
	return out
}
