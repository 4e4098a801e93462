package knowledge

import (
	"runtime/debug"
	"testing"
)

func TestLowerGCRestores(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tt := range []struct{ operator, during int }{
		{100, buildGCPercent}, // default: lowered while building
		{10, 10},              // the operator's lower setting stays
		{-1, -1},              // GOGC=off stays off
	} {
		debug.SetGCPercent(tt.operator)
		restore := lowerGC()
		if got := debug.SetGCPercent(tt.during); got != tt.during {
			t.Errorf("GOGC %d: %d while building, want %d", tt.operator, got, tt.during)
		}
		restore()
		if got := debug.SetGCPercent(tt.operator); got != tt.operator {
			t.Errorf("GOGC %d: %d after the build, want it restored", tt.operator, got)
		}
	}
}
