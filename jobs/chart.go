package jobs

import (
	"fmt"
	"os"

	"github.com/go-analyze/charts"
	"github.com/golang/freetype/truetype"
)

// Chart size in pixels: readable on a phone, far below WeChat's 10 MB.
const chartWidth, chartHeight = 800, 480

// loadChartFont reads the TrueType font the chart's Chinese labels are
// drawn with (the library's own fonts have no CJK glyphs); of a TrueType
// collection (.ttc) the first font is used.
func loadChartFont(path string) (*truetype.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	f, err := truetype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("chart font %s: %w (need a TrueType .ttf or .ttc font)", path, err)
	}
	return f, nil
}

// digestChart draws last week's activities by type against the week
// before as a PNG bar chart; nil when neither week has any.
func digestChart(font *truetype.Font, d digestData) ([]byte, error) {
	if d.This.Activities == 0 && d.Prev.Activities == 0 {
		return nil, nil
	}
	var labels []string
	index := map[string]int{}
	for _, cs := range [][]Count{d.This.ByType, d.Prev.ByType} {
		for _, c := range cs {
			if _, ok := index[c.Name]; !ok {
				index[c.Name] = len(labels)
				labels = append(labels, c.Name)
			}
		}
	}
	if len(labels) == 0 {
		return nil, nil
	}
	this, prev := make([]float64, len(labels)), make([]float64, len(labels))
	for _, c := range d.This.ByType {
		this[index[c.Name]] = float64(c.N)
	}
	for _, c := range d.Prev.ByType {
		prev[index[c.Name]] = float64(c.N)
	}
	opt := charts.NewBarChartOptionWithData([][]float64{this, prev})
	opt.Title.Text = fmt.Sprintf(chartTitle, cnDate(d.From), cnDate(d.To.AddDate(0, 0, -1)))
	opt.Title.FontStyle = charts.FontStyle{Font: font, FontSize: 16}
	opt.CategoryAxis.Labels = labels
	opt.CategoryAxis.LabelFontStyle = charts.FontStyle{Font: font, FontSize: 12}
	whole := func(f float64) string { return fmt.Sprintf("%.0f", f) }
	opt.ValueAxis = []charts.ValueAxisOption{{Min: charts.Ptr(0.0), Unit: 1, ValueFormatter: whole,
		LabelFontStyle: charts.FontStyle{Font: font, FontSize: 11}}}
	for i := range opt.SeriesList {
		opt.SeriesList[i].Label = charts.SeriesLabel{Show: charts.Ptr(true), ValueFormatter: whole,
			FontStyle: charts.FontStyle{Font: font, FontSize: 12}}
	}
	opt.Legend = charts.LegendOption{
		SeriesNames: []string{chartThisWeek, chartPrevWeek},
		Offset:      charts.OffsetRight,
		FontStyle:   charts.FontStyle{Font: font, FontSize: 12},
	}
	p := charts.NewPainter(charts.PainterOptions{
		OutputFormat: charts.ChartOutputPNG, Width: chartWidth, Height: chartHeight, Font: font,
	})
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("draw digest chart: %w", err)
	}
	png, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("encode digest chart: %w", err)
	}
	return png, nil
}
