package textnorm

// Regenerate ts_table.go from OpenCC data (needs Debian's opencc package).
//go:generate sh internal/gen/gen.sh
