package vocab

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExpandBuiltin(t *testing.T) {
	v, err := Load("")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name, q string
		want    []string // words the expansion must add
		not     []string // words it must not add
	}{
		{"domestic violence", "老公经常打老婆怎么办", []string{"家庭暴力"}, nil},
		{"debt", "朋友欠钱不还", []string{"借款", "还款"}, nil},
		{"deadbeat", "遇到老赖了", []string{"失信被执行人"}, nil},
		{"fired", "被公司炒鱿鱼了", []string{"解除劳动合同", "用人单位"}, nil},
		{"traditional script", "被公司辭退了", []string{"解除劳动合同"}, nil},
		{"children who neglect a parent", "我妈七十多了，三个儿子都不管她", []string{"赡养"}, nil},
		{"something found in food", "面包里吃出了虫子", []string{"食品安全"}, nil},
		{"a spouse who died", "老伴走了，存折上的钱儿女怎么分", []string{"继承"}, nil},
		{"hurt on a building site", "在工地摔断了腿", []string{"工伤"}, nil},
		{"hurt while working for a private person", "给人家盖房子干活时摔下来了", []string{"提供劳务", "接受劳务"}, nil},
		{"land taken for a road", "镇上修路要占我家两亩地", []string{"征收土地", "土地补偿费"}, nil},
		{"driving after drinking", "喝酒以后开车被抓了会怎样", []string{"醉酒", "驾驶机动车"}, nil},
		{"a hand caught in a machine", "打工的时候手指被机器轧断了", []string{"工伤"}, nil},
		// Session 7, a blind probe: violence at home said around the verb,
		// a beating and a debt told in everyday words.
		{"violence after drinking", "老公经常喝酒打我，我想离婚", []string{"家庭暴力"}, nil},
		{"a beating", "被邻居打了一顿，牙掉了两颗", []string{"殴打", "人身损害"}, nil},
		{"a loan told as a story", "邻居借了我两万块钱三年了一直不还", []string{"借款"}, nil},
		{"noise told as 吵得", "邻居吵得我晚上睡不着怎么办", []string{"噪声"}, nil},
		{"no colloquial word", "今天天气很好", nil, nil},
		{"statute word already present", "家庭暴力打老婆", nil, []string{"家庭暴力 家庭暴力"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := v.Expand(tc.q)
			if !strings.HasPrefix(got, tc.q) {
				t.Fatalf("Expand(%q) = %q, want the query first", tc.q, got)
			}
			added := strings.TrimPrefix(got, tc.q)
			if tc.want == nil && tc.not == nil && added != "" {
				t.Errorf("Expand(%q) added %q, want nothing", tc.q, added)
			}
			for _, w := range tc.want {
				if !strings.Contains(added, w) {
					t.Errorf("Expand(%q) = %q, want it to add %q", tc.q, got, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("Expand(%q) = %q, must not contain %q", tc.q, got, w)
				}
			}
		})
	}
}

func TestLoadExtraFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("# 本地说法\n搞对象 处对象 => 恋爱 婚约\n\n"), 0o644)
	v, err := Load(good)
	if err != nil {
		t.Fatalf("Load(%s): %v", good, err)
	}
	if got := v.Expand("处对象分手了"); !strings.Contains(got, "婚约") {
		t.Errorf("admin rule not applied: %q", got)
	}
	base, _ := Load("")
	if v.Len() != base.Len()+2 {
		t.Errorf("Len = %d, want built-in %d + 2", v.Len(), base.Len())
	}

	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("好的 => 规则\n缺少箭头 规则\n"), 0o644)
	_, err = Load(bad)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("Load(bad) error = %v, want one naming %s and line 2", err, bad)
	}
	if _, err := Load(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("Load(missing file): want error")
	}
}

// TestSpokenFormsMatchEitherWay: a rule written with a spoken form (咋分)
// matches the written one (怎么分) and the reverse.
func TestSpokenFormsMatchEitherWay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vocab.txt")
	if err := os.WriteFile(path, []byte("老宅咋分 => 继承\n祖屋怎么分 => 遗产\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"老宅怎么分": "继承", "俺家祖屋咋分": "遗产"} {
		if got := v.Words(q); !slices.Contains(got, want) {
			t.Errorf("Words(%q) = %v, want %s among them", q, got, want)
		}
	}
}
