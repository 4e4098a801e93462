package main

import (
	"strings"
	"testing"
)

func TestKBSearchKindMustBeKnown(t *testing.T) {
	data := t.TempDir()
	for _, kind := range []string{"laws", "law,faqs", "法律"} {
		code, out, errOut := run(t, "", "kb", "search", "--data-dir", data, "--kind", kind, "彩礼")
		if code != 2 || !strings.Contains(errOut, "want law, material or faq") || out != "" {
			t.Errorf("--kind %s: exit %d, stdout %q, stderr %q; want a usage error listing the kinds", kind, code, out, errOut)
		}
	}
	if code, out, errOut := run(t, "", "kb", "search", "--data-dir", data, "--kind", "law, faq", "彩礼"); code != 0 || !strings.Contains(out, "彩礼") {
		t.Errorf("--kind 'law, faq': exit %d\n%s%s", code, out, errOut)
	}
}
