//go:build !linux

package storage

// fsHint has no portable statfs outside Linux; the write probe remains.
func fsHint(dir string) string { return "" }
