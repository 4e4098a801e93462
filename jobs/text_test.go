package jobs

import (
	"fmt"
	"strings"
	"testing"
)

// A week's digest as administrators read it.
func Example_digestText() {
	fmt.Println(digestText(digestData{
		From: sh(2026, 3, 9, 0, 0), To: sh(2026, 3, 16, 0, 0),
		This: LedgerSummary{Activities: 5, Participants: 320, Materials: 600, Consultations: 14,
			Mediations: 4, MediationsResolved: 3,
			ByType:    []Count{{"普法宣传", 3}, {"矛盾调解", 2}},
			ByVillage: []Count{{"李家庄村", 3}, {"王家屯村", 2}}},
		Prev:       LedgerSummary{Activities: 3, Participants: 400, Materials: 600, Mediations: 2, MediationsResolved: 1},
		Silent:     []Person{{Name: "赵六", Village: "赵村"}},
		Cadres:     12,
		HaveLedger: true,
		Questions:  42, PrevQuestions: 30, HaveQuestions: true,
		TopTopics:    []Count{{"婚姻家庭", 7}, {"宅基地", 5}},
		Unanswered:   2,
		UnansweredEx: []string{"村里修路占了我家的地，补偿怎么算？", "网上买的东西坏了商家不退怎么办"},
		KBChanges:    []KBChange{{Action: "added", Title: "中华人民共和国妇女权益保障法"}},
		HaveKB:       true,
		Failures:     []Failure{{Job: JobPublicityCalendar, Name: "张三（李家庄村）", ErrCode: 45015}},
	}))
	// Output:
	// 【上周普法工作周报】3月9日—3月15日
	// 宣传活动 5场（前一周 3，多2）
	// · 按类型：普法宣传 3，矛盾调解 2
	// · 按村：李家庄村 3，王家屯村 2
	// 参与群众 320人次（前一周 400，少80）
	// 发放资料 600份（与前一周持平）
	// 法律咨询 14人次（前一周 0，多14）
	// 调解纠纷 4件（前一周 2，多2），调解成功 3件，成功率 75%（前一周 50%）
	// 上周没有记录的村干部（1人）：赵六（赵村）
	// 居民提问 42条（前一周 30，多12）
	// 问得最多：婚姻家庭 7，宅基地 5
	// 还没答上的问题 2条，例如：
	// 1. 村里修路占了我家的地，补偿怎么算？
	// 2. 网上买的东西坏了商家不退怎么办
	// 可用 pufabot questions answer 补充答复。
	// 知识库变化：新增《中华人民共和国妇女权益保障法》
	// 发送失败 1条：
	// · 张三（李家庄村） 宣传日提醒：超过48小时没和公众号互动，客服消息发不出（45015）
	// 请提醒他们给公众号发条消息，或配置模板消息/企业微信。
}

// Loading a whole law corpus in one week is counted, not listed.
func TestDigestCollapsesManyKBChanges(t *testing.T) {
	var cs []KBChange
	for i := 0; i < 300; i++ {
		cs = append(cs, KBChange{Action: "added", Title: fmt.Sprintf("法律%03d", i)})
	}
	cs = append(cs, KBChange{Action: "retired", Title: "旧条例"})
	text := digestText(digestData{From: sh(2026, 3, 9, 0, 0), To: sh(2026, 3, 16, 0, 0), KBChanges: cs, HaveKB: true})
	for _, want := range []string{"新增300份（《法律000》《法律001》《法律002》《法律003》《法律004》等）", "停用《旧条例》"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "法律005") || len(text) > MaxMessageBytes {
		t.Errorf("digest lists too much (%d bytes):\n%s", len(text), text)
	}
}

func TestReminderTextForPeriods(t *testing.T) {
	tests := []struct {
		name string
		day  dueDay
		want []string
	}{
		{"month", dueDay{PublicityDay: builtinCalendar()[3], Start: sh(2026, 5, 1, 0, 0), DaysLeft: 3},
			[]string{"5月是民法典宣传月，5月1日开始，还有3天", "婚姻家庭、继承", "开展民法典宣传"}},
		{"week", dueDay{PublicityDay: builtinCalendar()[6], Start: sh(2026, 12, 1, 0, 0), DaysLeft: 3},
			[]string{"12月1日—12月7日是宪法宣传周，还有3天"}},
		{"today", dueDay{PublicityDay: builtinCalendar()[4], Start: sh(2026, 6, 26, 0, 0), DaysLeft: 0},
			[]string{"6月26日是6·26国际禁毒日，就是今天"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reminderText(Person{Name: "张三"}, tt.day, nil)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("reminder lacks %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "知识库") {
				t.Errorf("reminder mentions laws though none were found:\n%s", got)
			}
		})
	}
}

func TestDigestWithoutCadresSaysSo(t *testing.T) {
	text := digestText(digestData{From: sh(2026, 3, 9, 0, 0), To: sh(2026, 3, 16, 0, 0), HaveLedger: true})
	if !strings.Contains(text, "还没有绑定的村干部") || strings.Contains(text, "每位村干部都有记录") {
		t.Errorf("digest with no cadres:\n%s", text)
	}
}
