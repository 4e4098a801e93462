package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pufabot/pufabot/knowledge"
	"github.com/pufabot/pufabot/knowledge/chunk"
	"github.com/pufabot/pufabot/knowledge/loader"
)

// KnowledgeBase is what the admin API needs of the knowledge base
// (*knowledge.Base).
type KnowledgeBase interface {
	AddFile(ctx context.Context, name string, data []byte, kind string) (knowledge.DocInfo, error)
	Document(ctx context.Context, id string) (knowledge.DocInfo, error)
	List(ctx context.Context) ([]knowledge.DocInfo, error)
	Remove(ctx context.Context, id string) error
	Retire(ctx context.Context, id, status string) error
	Search(ctx context.Context, query string, opts knowledge.SearchOptions) ([]knowledge.Result, error)
}

var _ KnowledgeBase = (*knowledge.Base)(nil)

// multipartOverhead is the room allowed above upload_limit for the
// multipart framing and the small form fields.
const multipartOverhead = 64 << 10

// kbRoutes adds the knowledge-base admin API when a knowledge base is
// configured.
func (s *Server) kbRoutes(admin *gin.RouterGroup) {
	if s.deps.KB == nil {
		return
	}
	admin.POST("/kb/documents", s.kbUpload)
	admin.GET("/kb/documents", s.kbList)
	admin.DELETE("/kb/documents/:id", s.kbRemove)
	admin.POST("/kb/documents/:id/retire", s.kbRetire)
	admin.GET("/kb/search", s.kbSearch)
}

// kbUpload reads the multipart field "file" (and optional "kind" and
// "replace") into memory, capped at upload_limit, and adds it. Only the
// file's base name is used; nothing is written anywhere but the database,
// and nothing at all when the file is refused. An upload is known by its
// file name, so a file whose name is already stored with other content
// (村规民约.txt of two villages) is refused with 409 unless "replace" asks
// for the replacement (see checkReplace).
func (s *Server) kbUpload(c *gin.Context) {
	limit := s.admin.UploadLimit
	if c.Request.ContentLength > limit+multipartOverhead {
		errorJSON(c, http.StatusRequestEntityTooLarge, "file larger than the upload limit of "+strconv.FormatInt(limit, 10)+" bytes")
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+multipartOverhead)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		errorJSON(c, http.StatusBadRequest, "want a multipart/form-data body with a \"file\" field")
		return
	}
	var (
		name, kind, replace string
		data                []byte
		got                 bool
	)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.uploadReadError(c, err)
			return
		}
		switch part.FormName() {
		case "file":
			name = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, limit+1))
			if err != nil {
				s.uploadReadError(c, err)
				return
			}
			if int64(len(data)) > limit {
				errorJSON(c, http.StatusRequestEntityTooLarge, "file larger than the upload limit of "+strconv.FormatInt(limit, 10)+" bytes")
				return
			}
			got = true
		case "kind":
			kind, err = readField(part)
			if err != nil {
				s.uploadReadError(c, err)
				return
			}
		case "replace":
			replace, err = readField(part)
			if err != nil {
				s.uploadReadError(c, err)
				return
			}
		}
		part.Close()
	}
	if !got || name == "" {
		errorJSON(c, http.StatusBadRequest, "missing the \"file\" field (with a file name)")
		return
	}
	name = knowledge.SafeName(name)
	s.uploadMu.Lock()
	defer s.uploadMu.Unlock()
	if !s.checkReplace(c, name, data, strings.TrimSpace(replace)) {
		return
	}
	doc, err := s.deps.KB.AddFile(c.Request.Context(), name, data, strings.TrimSpace(kind))
	if err != nil {
		s.kbError(c, err)
		return
	}
	c.JSON(http.StatusCreated, doc)
}

// uploadDocID is the id the knowledge base gives an upload of this base
// name (knowledge.Base.AddFile keys uploads by "upload:"+name; docID hashes
// the key). TestUploadIDMatchesKnowledgeBase keeps the two in step.
func uploadDocID(name string) string {
	sum := sha256.Sum256([]byte("upload:" + name))
	return "d-" + hex.EncodeToString(sum[:5])
}

// conflictResponse is the 409 body of an upload that would replace a
// different document of the same file name.
type conflictResponse struct {
	Error    string            `json:"error"`
	Existing knowledge.DocInfo `json:"existing"`
}

// checkReplace decides whether an upload of name may go ahead, answering
// the request itself when it may not. An upload whose name is stored with
// other content would replace that document, so it needs replace=1 (or
// yes, true) or replace=<that document's id>; an upload of the same
// content, or of a new name, needs nothing. replace=<id> naming any other
// document is refused too: it would not replace what the admin meant.
func (s *Server) checkReplace(c *gin.Context, name string, data []byte, replace string) bool {
	ctx := c.Request.Context()
	id := uploadDocID(name)
	old, err := s.deps.KB.Document(ctx, id)
	found := err == nil
	if err != nil && !errors.Is(err, knowledge.ErrNotFound) {
		s.kbError(c, err)
		return false
	}
	sum := sha256.Sum256(data)
	switch r := strings.ToLower(replace); {
	case !found:
		if r == "" || r == "1" || r == "yes" || r == "true" {
			return true
		}
		errorJSON(c, http.StatusConflict, fmt.Sprintf(
			"replace=%s: no uploaded document is stored under the file name %s, so this upload would add a new document "+
				"and leave %s as it is; nothing was changed. Upload under the stored document's file name (see GET /admin/kb/documents, "+
				"field source), or remove %s first (DELETE /admin/kb/documents/%s)", replace, name, replace, replace, replace))
		return false
	case old.SHA256 == hex.EncodeToString(sum[:]):
		return true // the same file again: a no-op
	case r == "1" || r == "yes" || r == "true" || replace == old.ID:
		return true
	case r != "":
		c.AbortWithStatusJSON(http.StatusConflict, conflictResponse{Existing: old, Error: fmt.Sprintf(
			"replace=%s does not name the document stored under the file name %s, which is %s %s; nothing was changed. "+
				"To replace that one, send replace=%s; to keep both, upload this file under another name",
			replace, name, old.ID, old.Title, old.ID)})
		return false
	default:
		c.AbortWithStatusJSON(http.StatusConflict, conflictResponse{Existing: old, Error: fmt.Sprintf(
			"another document is already stored under the file name %s: %s %s, with different content; nothing was changed. "+
				"To replace it, upload again with the form field replace=%s; to keep both, upload under another file name "+
				"(curl -F \"file=@%s;filename=NEWNAME%s\")", name, old.ID, old.Title, old.ID, name, path.Ext(name))})
		return false
	}
}

func readField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 256))
	return string(b), err
}

func (s *Server) uploadReadError(c *gin.Context, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		errorJSON(c, http.StatusRequestEntityTooLarge, "file larger than the upload limit of "+strconv.FormatInt(s.admin.UploadLimit, 10)+" bytes")
		return
	}
	errorJSON(c, http.StatusBadRequest, "cannot read the upload: "+err.Error())
}

// kbError maps a knowledge-base error to a status and a reason an admin can
// act on; unexpected errors are logged and answered 500 without detail.
func (s *Server) kbError(c *gin.Context, err error) {
	var fe *loader.FileError
	switch {
	case errors.Is(err, knowledge.ErrNotFound):
		errorJSON(c, http.StatusNotFound, err.Error())
	case errors.Is(err, knowledge.ErrBadKind), errors.Is(err, knowledge.ErrBadStatus):
		errorJSON(c, http.StatusBadRequest, err.Error())
	case errors.Is(err, loader.ErrUnsupported):
		errorJSON(c, http.StatusUnsupportedMediaType, err.Error())
	case errors.Is(err, loader.ErrTooLarge):
		errorJSON(c, http.StatusRequestEntityTooLarge, err.Error())
	case errors.As(err, &fe):
		errorJSON(c, http.StatusUnprocessableEntity, err.Error())
	default:
		s.deps.Logger.Error("knowledge base admin request failed", "path", c.Request.URL.Path, "err", err)
		errorJSON(c, http.StatusInternalServerError, "internal error, see the server log")
	}
}

func (s *Server) kbList(c *gin.Context) {
	docs, err := s.deps.KB.List(c.Request.Context())
	if err != nil {
		s.kbError(c, err)
		return
	}
	if docs == nil {
		docs = []knowledge.DocInfo{}
	}
	c.JSON(http.StatusOK, gin.H{"documents": docs})
}

func (s *Server) kbRemove(c *gin.Context) {
	id := c.Param("id")
	if err := s.deps.KB.Remove(c.Request.Context(), id); err != nil {
		s.kbError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": id, "removed": true})
}

func (s *Server) kbRetire(c *gin.Context) {
	id := c.Param("id")
	var body struct {
		Status string `json:"status"`
	}
	status := c.Query("status")
	if status == "" && c.Request.ContentLength != 0 && strings.HasPrefix(c.ContentType(), "application/json") {
		if err := c.ShouldBindJSON(&body); err != nil {
			errorJSON(c, http.StatusBadRequest, "want a JSON body like {\"status\": \"已废止\"}")
			return
		}
		status = body.Status
	}
	if status == "" {
		status = knowledge.StatusRepealed
	}
	if err := s.deps.KB.Retire(c.Request.Context(), id, status); err != nil {
		s.kbError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": id, "status": status})
}

// kbSearchResponse has the shape of one line of `pufabot kb search --json`.
type kbSearchResponse struct {
	Query   string             `json:"query"`
	Results []knowledge.Result `json:"results"`
}

func (s *Server) kbSearch(c *gin.Context) {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		errorJSON(c, http.StatusBadRequest, "missing q")
		return
	}
	opts := knowledge.SearchOptions{K: 5, IncludeRetired: c.Query("include_retired") == "1"}
	if ks := c.Query("k"); ks != "" {
		k, err := strconv.Atoi(ks)
		if err != nil || k <= 0 || k > 100 {
			errorJSON(c, http.StatusBadRequest, "k must be a number from 1 to 100")
			return
		}
		opts.K = k
	}
	if kind := c.Query("kind"); kind != "" {
		for _, kd := range strings.Split(kind, ",") {
			kd = strings.TrimSpace(kd)
			if kd != chunk.KindLaw && kd != chunk.KindMaterial && kd != chunk.KindFAQ {
				errorJSON(c, http.StatusBadRequest, fmt.Sprintf("kind %q: want law, material or faq (several separated by commas)", kd))
				return
			}
			opts.Kinds = append(opts.Kinds, kd)
		}
	}
	rs, err := s.deps.KB.Search(c.Request.Context(), q, opts)
	if err != nil {
		s.kbError(c, err)
		return
	}
	if rs == nil {
		rs = []knowledge.Result{}
	}
	c.JSON(http.StatusOK, kbSearchResponse{Query: q, Results: rs})
}
