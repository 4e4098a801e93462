package confval

import "fmt"

// FieldError is an invalid configuration value. Key is the dotted TOML path
// ("wechat.encoding_aes_key") so the loader can point at the file's line.
type FieldError struct {
	Key string
	Msg string
}

func (e *FieldError) Error() string { return e.Key + ": " + e.Msg }

// Errorf builds a FieldError for key.
func Errorf(key, format string, args ...any) *FieldError {
	return &FieldError{Key: key, Msg: fmt.Sprintf(format, args...)}
}
