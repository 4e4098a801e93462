package httpapi

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/bot/storage"
	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/embed"
)

const kbToken = "0123456789abcdef-token"

const uploadLaw = `# 中华人民共和国乡村测试法

<!-- INFO END -->

## 第一章 总则

第一条 为了保护农村村民的宅基地权益，制定本法。

第二条 禁止家庭暴力。

第三条 借款人应当按照约定的期限返还借款。
`

// newKBServer serves a real knowledge base on a temporary database.
func newKBServer(t *testing.T, uploadLimit int64) (*Server, *knowledge.Base) {
	t.Helper()
	kb, err := knowledge.Open(context.Background(), storage.MustOpenTemp(t), knowledge.DefaultConfig(),
		knowledge.DefaultEmbeddingConfig(), knowledge.Options{Embedder: embed.NewLocal(64), NoStarter: true})
	if err != nil {
		t.Fatal(err)
	}
	admin := DefaultAdminConfig()
	admin.Token = kbToken
	admin.UploadLimit = uploadLimit
	return New(DefaultConfig(), admin, Deps{KB: kb}), kb
}

func multipartBody(t *testing.T, name string, data []byte, kind string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if kind != "" {
		mw.WriteField("kind", kind)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func do(t *testing.T, s *Server, method, target string, body io.Reader, ctype string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Header.Set("Authorization", "Bearer "+kbToken)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return w
}

func upload(t *testing.T, s *Server, name string, data []byte, kind string) *httptest.ResponseRecorder {
	t.Helper()
	body, ctype := multipartBody(t, name, data, kind)
	return do(t, s, http.MethodPost, "/admin/kb/documents", body, ctype)
}

func docCount(t *testing.T, kb *knowledge.Base) int {
	t.Helper()
	docs, err := kb.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(docs)
}

func TestKBAdminLifecycle(t *testing.T) {
	s, kb := newKBServer(t, 1<<20)

	w := upload(t, s, "../../乡村测试法.md", []byte(uploadLaw), "")
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	var doc knowledge.DocInfo
	json.Unmarshal(w.Body.Bytes(), &doc)
	if doc.Source != "乡村测试法.md" || doc.Kind != "law" || doc.Chunks != 3 || doc.ID == "" {
		t.Fatalf("uploaded doc = %+v (a path in the name must be dropped)", doc)
	}

	w = do(t, s, http.MethodGet, "/admin/kb/documents", nil, "")
	var list struct{ Documents []knowledge.DocInfo }
	json.Unmarshal(w.Body.Bytes(), &list)
	if w.Code != http.StatusOK || len(list.Documents) != 1 || list.Documents[0].ID != doc.ID {
		t.Fatalf("list: %d %s", w.Code, w.Body)
	}

	w = do(t, s, http.MethodGet, "/admin/kb/search?q="+urlq("借钱不还")+"&k=2", nil, "")
	var sr struct {
		Query   string
		Results []map[string]any
	}
	json.Unmarshal(w.Body.Bytes(), &sr)
	if w.Code != http.StatusOK || sr.Query != "借钱不还" || len(sr.Results) == 0 || sr.Results[0]["article"] != "第三条" ||
		sr.Results[0]["law"] != "中华人民共和国乡村测试法" || sr.Results[0]["doc_id"] != doc.ID {
		t.Fatalf("search: %d %s", w.Code, w.Body)
	}

	w = do(t, s, http.MethodPost, "/admin/kb/documents/"+doc.ID+"/retire", strings.NewReader(`{"status":"已修改"}`), "application/json")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "已修改") {
		t.Fatalf("retire: %d %s", w.Code, w.Body)
	}
	w = do(t, s, http.MethodGet, "/admin/kb/search?q="+urlq("借款"), nil, "")
	if !strings.Contains(w.Body.String(), `"results":[]`) {
		t.Fatalf("retired document still found: %s", w.Body)
	}
	w = do(t, s, http.MethodPost, "/admin/kb/documents/"+doc.ID+"/retire?status=作废", nil, "")
	if w.Code != http.StatusBadRequest {
		t.Fatalf("bad status: %d %s", w.Code, w.Body)
	}

	w = do(t, s, http.MethodDelete, "/admin/kb/documents/"+doc.ID, nil, "")
	if w.Code != http.StatusOK || docCount(t, kb) != 0 {
		t.Fatalf("delete: %d %s", w.Code, w.Body)
	}
	w = do(t, s, http.MethodDelete, "/admin/kb/documents/"+doc.ID, nil, "")
	if w.Code != http.StatusNotFound {
		t.Fatalf("second delete: %d %s", w.Code, w.Body)
	}
}

func urlq(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "%", "%25"), " ", "+") }

// zipBomb is a .docx whose document.xml unpacks to more than the loader's cap.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("[Content_Types].xml")
	f.Write([]byte(`<?xml version="1.0"?><Types/>`))
	f, _ = zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 60 {
		f.Write(chunk)
	}
	zw.Close()
	return buf.Bytes()
}

const noTextPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func TestKBUploadRefusesBadFilesAndWritesNothing(t *testing.T) {
	s, kb := newKBServer(t, 1<<20)
	tests := []struct {
		name     string
		file     string
		data     []byte
		kind     string
		want     int
		contains string
	}{
		{"unsupported type", "表格.xls", []byte("x"), "", http.StatusUnsupportedMediaType, "unsupported"},
		{"zip bomb docx", "炸弹.docx", zipBomb(t), "", http.StatusRequestEntityTooLarge, "炸弹.docx"},
		{"not a zip", "坏的.docx", []byte("plain text, not a zip"), "", http.StatusUnprocessableEntity, "坏的.docx"},
		{"pdf without text", "扫描件.pdf", []byte(noTextPDF), "", http.StatusUnprocessableEntity, "扫描件.pdf"},
		{"bad kind", "a.md", []byte(uploadLaw), "statute", http.StatusBadRequest, "kind"},
		{"over upload limit", "大.txt", bytes.Repeat([]byte("字"), 1<<19), "", http.StatusRequestEntityTooLarge, "limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasSuffix(tc.file, ".pdf") && testing.Short() {
				t.Skip("starting the PDF engine takes seconds")
			}
			w := upload(t, s, tc.file, tc.data, tc.kind)
			if w.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.want, w.Body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || !strings.Contains(e.Error, tc.contains) {
				t.Fatalf("body %s, want an error mentioning %q", w.Body, tc.contains)
			}
			if n := docCount(t, kb); n != 0 {
				t.Fatalf("%d documents stored after a refused upload", n)
			}
		})
	}
}

// TestKBUploadHugeBody sends a 200 MB upload: refused from its declared
// length, or while streaming when the length is not declared, never read
// whole.
func TestKBUploadHugeBody(t *testing.T) {
	s, kb := newKBServer(t, 1<<20)
	const size = 200 << 20
	for _, declared := range []bool{true, false} {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			fw, err := mw.CreateFormFile("file", "巨大.txt")
			if err != nil {
				return
			}
			buf := bytes.Repeat([]byte("法"), 1<<16)
			for written := 0; written < size; written += len(buf) {
				if _, err := fw.Write(buf); err != nil {
					pw.CloseWithError(err)
					return
				}
			}
			mw.Close()
			pw.Close()
		}()
		req := httptest.NewRequest(http.MethodPost, "/admin/kb/documents", pr)
		req.Header.Set("Authorization", "Bearer "+kbToken)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.ContentLength = -1
		if declared {
			req.ContentLength = size + 1000
		}
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		pr.CloseWithError(io.ErrClosedPipe)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("declared=%v: status %d, want 413: %s", declared, w.Code, w.Body)
		}
		if n := docCount(t, kb); n != 0 {
			t.Fatalf("%d documents stored", n)
		}
	}
}

func TestKBRoutesNeedTokenAndKB(t *testing.T) {
	s, _ := newKBServer(t, 1<<20)
	req := httptest.NewRequest(http.MethodGet, "/admin/kb/documents", nil)
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	if w.Code != http.StatusUnauthorized {
		t.Fatalf("no token: %d, want 401", w.Code)
	}
	admin := DefaultAdminConfig()
	admin.Token = kbToken
	noKB := New(DefaultConfig(), admin, Deps{})
	if w := do(t, noKB, http.MethodGet, "/admin/kb/documents", nil, ""); w.Code != http.StatusNotFound {
		t.Fatalf("no knowledge base: %d, want 404", w.Code)
	}
	if w := do(t, s, http.MethodGet, "/admin/kb/search?q=x&k=abc", nil, ""); w.Code != http.StatusBadRequest {
		t.Fatalf("bad k: %d, want 400", w.Code)
	}
}
