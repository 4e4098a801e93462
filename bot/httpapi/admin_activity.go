package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pufabot/pufabot/bot/activity"
)

// Ledger is what the admin API needs of the activity ledger
// (*activity.Store).
type Ledger interface {
	Export(ctx context.Context, w io.Writer, format string, from, to time.Time) error
	// Location is the zone in which the ledger's days are counted.
	Location() *time.Location
}

var _ Ledger = (*activity.Store)(nil)

// activityRoutes adds the ledger export when a ledger is configured.
func (s *Server) activityRoutes(admin *gin.RouterGroup) {
	if s.deps.Ledger == nil {
		return
	}
	admin.GET("/activities", s.activityExport)
}

// activityExport serves GET /admin/activities?from=2025-01-01&to=2025-12-31&format=xlsx|csv:
// the records dated from..to (both inclusive) as a download. The file is
// built in memory first, so an error is a JSON error, never half a file.
func (s *Server) activityExport(c *gin.Context) {
	loc := s.deps.Ledger.Location()
	from, err := activity.ParseDay(c.Query("from"), loc)
	if err != nil {
		errorJSON(c, http.StatusBadRequest, "from: "+err.Error())
		return
	}
	last, err := activity.ParseDay(c.Query("to"), loc)
	if err != nil {
		errorJSON(c, http.StatusBadRequest, "to: "+err.Error())
		return
	}
	if last.Before(from) {
		errorJSON(c, http.StatusBadRequest, "to is before from")
		return
	}
	format := c.DefaultQuery("format", activity.FormatXLSX)
	var ctype string
	switch format {
	case activity.FormatXLSX:
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case activity.FormatCSV:
		ctype = "text/csv; charset=utf-8"
	default:
		errorJSON(c, http.StatusBadRequest, "format must be xlsx or csv")
		return
	}
	var buf bytes.Buffer
	if err := s.deps.Ledger.Export(c.Request.Context(), &buf, format, from, last.AddDate(0, 0, 1)); err != nil {
		s.deps.Logger.Error("export activities", "err", err)
		errorJSON(c, http.StatusInternalServerError, "export failed")
		return
	}
	name := fmt.Sprintf("台账_%s_%s.%s", from.Format("20060102"), last.Format("20060102"), format)
	ascii := fmt.Sprintf("activities_%s_%s.%s", from.Format("20060102"), last.Format("20060102"), format)
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, url.PathEscape(name)))
	c.Data(http.StatusOK, ctype, buf.Bytes())
}
