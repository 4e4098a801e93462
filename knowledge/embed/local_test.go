package embed

import (
	"context"
	"math"
	"testing"
)

func TestLocalEmbed(t *testing.T) {
	l := NewLocal(256)
	if l.Dim() != 256 || l.ID() != "local-ngram-v1/256" {
		t.Fatalf("Dim, ID = %d, %q", l.Dim(), l.ID())
	}
	texts := []string{
		"夫妻一方要求离婚的，可以向人民法院提起离婚诉讼。",
		"夫妻一方要求離婚的，可以向人民法院提起離婚訴訟。",
		"夫妻要求离婚，向人民法院提起诉讼",
		"机动车发生交通事故造成人身伤亡的，由保险公司赔偿。",
		"",
	}
	vs, err := l.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(texts) {
		t.Fatalf("got %d vectors, want %d", len(vs), len(texts))
	}
	for i, v := range vs[:4] {
		if n := norm(v); math.Abs(n-1) > 1e-5 {
			t.Errorf("vector %d has norm %f, want 1", i, n)
		}
	}
	if norm(vs[4]) != 0 {
		t.Errorf("empty text: norm %f, want 0", norm(vs[4]))
	}
	if c := cos(vs[0], vs[1]); c < 0.9999 {
		t.Errorf("Simplified vs Traditional cosine = %f, want 1", c)
	}
	if related, unrelated := cos(vs[2], vs[0]), cos(vs[2], vs[3]); related <= unrelated {
		t.Errorf("question·divorce article = %f <= question·traffic article = %f", related, unrelated)
	}
	again, _ := l.Embed(context.Background(), texts[:1])
	for i := range again[0] {
		if again[0][i] != vs[0][i] {
			t.Fatal("Embed is not deterministic")
		}
	}
}

func norm(v []float32) float64 { return math.Sqrt(cos(v, v)) }

func cos(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
