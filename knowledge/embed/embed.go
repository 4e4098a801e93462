// Package embed turns text into vectors for the knowledge base's vector
// index: an offline, deterministic local embedder (the default) and, in
// other files, OpenAI-compatible providers.
package embed

import "context"

// Embedder turns texts into vectors of Dim() dimensions, one per text, in
// order. Implementations are safe for concurrent use.
type Embedder interface {
	// Embed returns one vector per text.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	// Dim is the length of every vector Embed returns.
	Dim() int
	// ID names the provider, model and dimensions ("local-ngram-v1/256").
	// It is stored with the vectors, so that a change of embedder triggers
	// re-embedding instead of mixing incomparable vectors.
	ID() string
}
