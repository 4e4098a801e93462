package activity

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// ExportHeader is the header row of exports, one column per record field.
var ExportHeader = []string{"日期", "类型", "地点", "主题", "参与人数", "发放资料", "法律咨询", "入户户数",
	"调解纠纷", "调解成功", "上报人", "所属村", "照片", "原文"}

// exportRow is one record as export cells; numbers stay numbers.
func exportRow(r Record) []any {
	return []any{r.Date, r.Type, r.Place, strings.Join(r.Topics, "、"), r.Participants, r.Materials,
		r.Consultations, r.Households, r.Mediations, r.MediationsResolved, r.Reporter, r.Village,
		strings.Join(r.Photos, "; "), r.Note}
}

// Export formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// Export writes the live records dated in [from, to) to w as xlsx or csv.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, from, to time.Time) error {
	rs, err := s.Records(ctx, from, to)
	if err != nil {
		return err
	}
	switch format {
	case FormatXLSX:
		return WriteXLSX(w, rs)
	case FormatCSV:
		return WriteCSV(w, rs)
	}
	return fmt.Errorf("export: format must be xlsx or csv, got %q", format)
}

// WriteCSV writes records as UTF-8 CSV with a byte-order mark, which Excel
// needs to read Chinese text correctly. Text cells that a spreadsheet would
// run as a formula are prefixed with an apostrophe.
func WriteCSV(w io.Writer, rs []Record) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(ExportHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rs {
		row := exportRow(r)
		cells := make([]string, len(row))
		for i, v := range row {
			switch v := v.(type) {
			case int:
				cells[i] = strconv.Itoa(v)
			case string:
				cells[i] = defuse(v)
			}
		}
		if err := cw.Write(cells); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// defuse keeps a cell from being read as a formula by a spreadsheet.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteXLSX writes records as an Excel workbook with one sheet, 台账.
func WriteXLSX(w io.Writer, rs []Record) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	widths := []float64{12, 10, 16, 20, 9, 9, 9, 9, 9, 9, 10, 12, 24, 60}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	header := make([]any, len(ExportHeader))
	for i, h := range ExportHeader {
		header[i] = h
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for i, r := range rs {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, exportRow(r)); err != nil {
			return fmt.Errorf("write xlsx row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

var dayRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDay reads a day as operators write it: 2025-03-15, 2025/3/15,
// 2025.3.15, 20250315 or 2025年3月15日. It returns midnight of that day in loc.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	if sm := dayRe.FindStringSubmatch(s); sm != nil {
		y, _ = strconv.Atoi(sm[1])
		m, _ = strconv.Atoi(sm[2])
		d, _ = strconv.Atoi(sm[3])
	} else if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:])
	} else {
		return time.Time{}, fmt.Errorf("%q is not a date like 2025-03-15", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	return t, nil
}
