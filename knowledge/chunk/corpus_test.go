package chunk

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pufabot/pufabot/internal/sharedtest"
	"github.com/pufabot/pufabot/knowledge/loader"
)

// sharedDir finds ../shared beside the repository root (the directory
// holding go.mod), or skips the test.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(sharedtest.Root(tb, "corpus"), "corpus")
}

type manifestRow struct {
	file, title, date string
	articles          int
}

func readManifest(t *testing.T, path string) []manifestRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	var rows []manifestRow
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if header {
			header = false
			continue
		}
		n, _ := strconv.Atoi(rec[len(rec)-1])
		rows = append(rows, manifestRow{file: rec[0], title: rec[1], date: rec[2], articles: n})
	}
	return rows
}

// checkLaw loads and splits one corpus file and checks it against the
// manifest: law kind, full name, every article found, none empty.
func checkLaw(t *testing.T, path string, row manifestRow, strictOrder bool) []Chunk {
	t.Helper()
	doc, err := loader.Load(path)
	if err != nil {
		t.Errorf("%s: %v", row.file, err)
		return nil
	}
	meta, chunks := Split(doc, "")
	if meta.Kind != KindLaw {
		t.Errorf("%s: kind %q", row.file, meta.Kind)
	}
	if meta.Title != row.title {
		t.Errorf("%s: title %q, want %q", row.file, meta.Title, row.title)
	}
	if len(meta.VersionDate) != len("2006-01-02") && (strictOrder || meta.VersionDate != "") {
		t.Errorf("%s: version date %q", row.file, meta.VersionDate)
	}
	articles := 0
	prevNum, prevSub := 0, 0
	for i, c := range chunks {
		if strings.TrimSpace(c.Text) == "" || c.Seq != i || c.Law != row.title {
			t.Errorf("%s: bad chunk %+v", row.file, c)
		}
		if c.Article == "" {
			continue
		}
		articles++
		num, sub, ok := ParseArticle(c.Article)
		if !ok || num != c.ArticleNum || !strings.HasPrefix(c.Text, c.Article) {
			t.Errorf("%s: article %q num %d", row.file, c.Article, c.ArticleNum)
		}
		if strictOrder && (num < prevNum || num == prevNum && sub <= prevSub) {
			t.Errorf("%s: %s after %s", row.file, c.Article, FormatArticle(prevNum))
		}
		prevNum, prevSub = num, sub
	}
	if articles != row.articles {
		t.Errorf("%s: %d articles, manifest says %d", row.file, articles, row.articles)
	}
	return chunks
}

func TestCorpusLaws(t *testing.T) {
	corpus := sharedDir(t)
	rows := readManifest(t, filepath.Join(corpus, "laws-manifest.tsv"))
	if len(rows) != 137 {
		t.Fatalf("manifest lists %d files, want 137", len(rows))
	}
	known := map[string][]struct{ article, chapter, text string }{
		"民法典.md": {
			{"第一千零七十九条", "第五编 婚姻家庭 / 第四章 离婚", "离婚"},
			{"第一条", "第一编 总则 / 第一章 基本规定", "民事主体的合法权益"},
		},
		"劳动合同法(2012-12-28).md": {{"第四十七条", "第四章 劳动合同的解除和终止", "经济补偿"}},
		"刑法.md":                {{"第一百三十三条之一", "", "醉酒驾驶机动车"}},
		"宪法.md":                {{"", "序言", "中国是世界上历史最悠久的国家之一"}},
	}
	for _, row := range rows {
		chunks := checkLaw(t, filepath.Join(corpus, "laws", row.file), row, true)
		for _, k := range known[row.file] {
			found := false
			for _, c := range chunks {
				if c.Article == k.article && strings.Contains(c.Text, k.text) {
					found = true
					if k.chapter != "" && c.Chapter != k.chapter {
						t.Errorf("%s %s: chapter %q, want %q", row.file, k.article, c.Chapter, k.chapter)
					}
				}
			}
			if !found {
				t.Errorf("%s: no chunk %q with %q", row.file, k.article, k.text)
			}
		}
	}
}

// TestCorpusLawsAll checks all 3,305 files of laws-all (about 5 s); skipped
// with -short.
func TestCorpusLawsAll(t *testing.T) {
	if testing.Short() {
		t.Skip("laws-all check skipped with -short")
	}
	corpus := sharedDir(t)
	rows := readManifest(t, filepath.Join(corpus, "laws-all-manifest.tsv"))
	for _, row := range rows {
		checkLaw(t, filepath.Join(corpus, "laws-all", row.file), row, false)
	}
}

// BenchmarkLoadSplitLaws loads and chunks corpus/laws (137 files).
func BenchmarkLoadSplitLaws(b *testing.B) { benchLoadSplit(b, "laws") }

// BenchmarkLoadSplitLawsAll loads and chunks the whole laws-all corpus
// (3,305 files, 140,000 articles) once per iteration.
func BenchmarkLoadSplitLawsAll(b *testing.B) { benchLoadSplit(b, "laws-all") }

func benchLoadSplit(b *testing.B, dir string) {
	corpus := sharedDir(b)
	var paths []string
	filepath.WalkDir(filepath.Join(corpus, dir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, p := range paths {
			doc, err := loader.Load(p)
			if err != nil {
				b.Fatal(err)
			}
			_, chunks := Split(doc, "")
			n += len(chunks)
		}
		b.ReportMetric(float64(n), "chunks")
	}
}
