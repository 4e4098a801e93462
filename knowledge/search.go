package knowledge

// SearchOptions tune one search.
type SearchOptions struct {
	// K is how many results to return (default 5).
	K int
	// Kinds limits results to these document kinds (law, material, faq);
	// empty means all.
	Kinds []string
	// IncludeRetired also returns chunks of retired documents (never used
	// for answers; for admins' search).
	IncludeRetired bool
}

// Result is one retrieved chunk. Its JSON shape is what `pufabot kb search
// --json` prints.
type Result struct {
	DocID   string  `json:"doc_id"`
	Law     string  `json:"law"`
	Article string  `json:"article"`
	Title   string  `json:"title"`
	Source  string  `json:"source"`
	Kind    string  `json:"kind"`
	Score   float64 `json:"score"`
	Text    string  `json:"text"`
	// Chapter is the heading path of the chunk.
	Chapter string `json:"-"`
	// ChunkID identifies the chunk in the database.
	ChunkID int64 `json:"-"`
}
