package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/knowledge"
)

const (
	rulesLi   = "李家庄村村规民约\n第一条 本村村民应当遵守法律。\n第二条 李家庄村禁止在河道倾倒垃圾。\n"
	rulesWang = "王家村村规民约\n第一条 本村村民应当遵守法律。\n第二条 王家村禁止焚烧秸秆。\n"
)

// uploadWith posts a file with extra form fields.
func uploadWith(t *testing.T, s *Server, name, data string, fields map[string]string) (int, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(data))
	mw.Close()
	w := do(t, s, http.MethodPost, "/admin/kb/documents", &buf, mw.FormDataContentType())
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("response is not JSON: %d %s", w.Code, w.Body)
	}
	return w.Code, body
}

func titles(t *testing.T, kb *knowledge.Base) []string {
	t.Helper()
	docs, err := kb.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.Title)
	}
	return out
}

func TestUploadIDMatchesKnowledgeBase(t *testing.T) {
	s, _ := newKBServer(t, 1<<20)
	for _, name := range []string{"村规民约.txt", "a b.md"} {
		code, body := uploadWith(t, s, name, rulesLi+name, nil)
		if code != http.StatusCreated || body["id"] != uploadDocID(name) {
			t.Errorf("upload %s: %d id %v, uploadDocID says %s (the knowledge base changed how it names uploads)",
				name, code, body["id"], uploadDocID(name))
		}
	}
}

func TestKBUploadSameNameNeedsReplace(t *testing.T) {
	tests := []struct {
		name       string
		second     string            // content of the second upload of 村规民约.txt
		fields     map[string]string // its form fields; "ID" stands for the first document's id
		wantCode   int
		wantTitles []string // titles stored afterwards
		wantInErr  []string
	}{
		{"other village's rules refused", rulesWang, nil, http.StatusConflict, []string{"李家庄村村规民约"},
			[]string{"村规民约.txt", "李家庄村村规民约", "replace=ID", "filename="}},
		{"same content again is a no-op", rulesLi, nil, http.StatusCreated, []string{"李家庄村村规民约"}, nil},
		{"replace=1", rulesWang, map[string]string{"replace": "1"}, http.StatusCreated, []string{"王家村村规民约"}, nil},
		{"replace=id", rulesWang, map[string]string{"replace": "ID"}, http.StatusCreated, []string{"王家村村规民约"}, nil},
		{"replace=0 is no", rulesWang, map[string]string{"replace": "0"}, http.StatusConflict, []string{"李家庄村村规民约"},
			[]string{"replace=0 does not name", "ID"}},
		{"replace=wrong id", rulesWang, map[string]string{"replace": "d-0000000000"}, http.StatusConflict,
			[]string{"李家庄村村规民约"}, []string{"d-0000000000", "ID"}},
		{"kind does not bypass", rulesWang, map[string]string{"kind": "material"}, http.StatusConflict,
			[]string{"李家庄村村规民约"}, []string{"replace=ID"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, kb := newKBServer(t, 1<<20)
			code, first := uploadWith(t, s, "村规民约.txt", rulesLi, nil)
			if code != http.StatusCreated {
				t.Fatalf("first upload: %d %v", code, first)
			}
			id := first["id"].(string)
			fields := map[string]string{}
			for k, v := range tc.fields {
				fields[k] = strings.ReplaceAll(v, "ID", id)
			}
			code, body := uploadWith(t, s, "../王家村/村规民约.txt", tc.second, fields)
			if code != tc.wantCode {
				t.Fatalf("second upload: got %d %v, want %d", code, body, tc.wantCode)
			}
			if got := titles(t, kb); strings.Join(got, ",") != strings.Join(tc.wantTitles, ",") {
				t.Errorf("stored titles = %v, want %v", got, tc.wantTitles)
			}
			if code == http.StatusCreated {
				if body["id"] != id {
					t.Errorf("id = %v, want %s (a replacement keeps the id)", body["id"], id)
				}
				return
			}
			msg, _ := body["error"].(string)
			for _, want := range tc.wantInErr {
				if want = strings.ReplaceAll(want, "ID", id); !strings.Contains(msg, want) {
					t.Errorf("error %q does not contain %q", msg, want)
				}
			}
			if ex, _ := body["existing"].(map[string]any); ex["id"] != id || ex["title"] != "李家庄村村规民约" {
				t.Errorf("existing = %v, want the stored document %s", body["existing"], id)
			}
		})
	}
}

func TestKBUploadReplaceOfUnknownName(t *testing.T) {
	s, kb := newKBServer(t, 1<<20)
	code, first := uploadWith(t, s, "村规民约.txt", rulesLi, nil)
	if code != http.StatusCreated {
		t.Fatalf("first upload: %d %v", code, first)
	}
	id := first["id"].(string)
	// replace=<id> with a file of another name would add, not replace: refused.
	code, body := uploadWith(t, s, "王家村村规民约.txt", rulesWang, map[string]string{"replace": id})
	if code != http.StatusConflict || !strings.Contains(body["error"].(string), "no uploaded document is stored under the file name 王家村村规民约.txt") {
		t.Fatalf("replace=%s under a new name: %d %v", id, code, body)
	}
	// A new name is simply added, both villages' rules kept.
	if code, body = uploadWith(t, s, "王家村村规民约.txt", rulesWang, nil); code != http.StatusCreated {
		t.Fatalf("new name: %d %v", code, body)
	}
	if got := titles(t, kb); len(got) != 2 {
		t.Errorf("titles = %v, want both villages' rules", got)
	}
}

func TestKBSearchKindMustBeKnown(t *testing.T) {
	s, _ := newKBServer(t, 1<<20)
	if code, body := uploadWith(t, s, "乡村测试法.md", uploadLaw, nil); code != http.StatusCreated {
		t.Fatalf("upload: %d %v", code, body)
	}
	tests := []struct {
		kind     string
		wantCode int
	}{
		{"laws", http.StatusBadRequest},
		{"law,faqs", http.StatusBadRequest},
		{"law", http.StatusOK},
		{"law,material", http.StatusOK},
	}
	for _, tt := range tests {
		w := do(t, s, http.MethodGet, "/admin/kb/search?q="+urlq("借款")+"&kind="+tt.kind, nil, "")
		if w.Code != tt.wantCode || (w.Code == http.StatusBadRequest && !strings.Contains(w.Body.String(), "want law, material or faq")) {
			t.Errorf("kind=%s: %d %s, want %d", tt.kind, w.Code, w.Body, tt.wantCode)
		}
	}
}
