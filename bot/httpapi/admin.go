package httpapi

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// adminAuth guards /admin with the configured bearer token. With no token
// configured the whole /admin tree answers 404, as if it did not exist.
func (s *Server) adminAuth() gin.HandlerFunc {
	want := []byte(s.admin.Token)
	return func(c *gin.Context) {
		if len(want) == 0 {
			c.AbortWithStatus(http.StatusNotFound)
			return
		}
		got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="pufabot admin"`)
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "missing or wrong admin token"})
			return
		}
		c.Next()
	}
}

// errorJSON answers an admin API error in one shape.
func errorJSON(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"error": msg})
}
