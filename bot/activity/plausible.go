package activity

import (
	"errors"
	"fmt"
)

// MaxCount caps each count of one record: a single activity with more than
// 100000 participants, materials, consultations, households or disputes is
// a typo (99999999999, 一百亿), not a fact to add to the year's totals.
const MaxCount = 100000

// ErrImplausible is wrapped by an *ImplausibleError.
var ErrImplausible = errors.New("implausible count")

// ImplausibleError names a count of a record above MaxCount.
type ImplausibleError struct {
	// Field is the count's name as the cadre knows it (参与人数, 资料份数 …).
	Field string
	// Value is the count as written.
	Value int
}

func (e *ImplausibleError) Error() string {
	return fmt.Sprintf("%v: %s %d is above %d", ErrImplausible, e.Field, e.Value, MaxCount)
}

// Unwrap makes errors.Is(err, ErrImplausible) true.
func (e *ImplausibleError) Unwrap() error { return ErrImplausible }

// CheckCounts returns an *ImplausibleError for the first count of f above
// MaxCount (or below zero), nil when all are plausible.
func CheckCounts(f Fields) error {
	for _, c := range []struct {
		field string
		n     int
	}{
		{"参与人数", f.Participants},
		{"资料份数", f.Materials},
		{"咨询人次", f.Consultations},
		{"入户户数", f.Households},
		{"调解件数", f.Mediations},
		{"调解成功件数", f.MediationsResolved},
	} {
		if c.n > MaxCount || c.n < 0 {
			return &ImplausibleError{Field: c.field, Value: c.n}
		}
	}
	return nil
}
