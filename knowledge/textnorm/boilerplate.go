package textnorm

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// boilerExact are whole lines (after trimming, spaces and bullet marks
// removed, Simplified) that are page chrome on government web sites.
var boilerExact = map[string]bool{
	"用户登录": true, "登录": true, "注册": true, "立即注册": true, "还没有账号?": true, "还没有账号？": true,
	"还没有账号?立即注册": true, "还没有账号？立即注册": true, "退出": true, "忘记密码": true, "忘记密码?": true,
	"附件下载": true, "附件": true, "附件:": true, "附件：": true, "相关附件": true,
	"打印本页": true, "打印": true, "【打印】": true, "[打印]": true, "打印本文": true, "关闭窗口": true, "【关闭】": true,
	"[关闭]": true, "关闭": true, "关闭本页": true, "返回顶部": true, "【返回顶部】": true, "回到顶部": true, "返回": true,
	"收藏": true, "【收藏】": true, "加入收藏": true, "设为首页": true, "首页": true, "网站首页": true, "返回首页": true,
	"分享到": true, "分享到:": true, "分享到：": true, "分享": true,
	"扫一扫在手机打开当前页": true, "扫一扫在手机上查看当前页面": true, "扫一扫在手机上打开当前页": true,
	"微信里点“发现”,扫一下": true, "微信里点“发现”，扫一下": true, "二维码便可将本文分享至朋友圈。": true,
	"相关解读": true, "文字解读": true, "图片解读": true, "视频解读": true, "访谈解读": true, "媒体报道": true,
	"相关链接": true, "相关文章": true, "相关新闻": true, "网站地图": true, "联系我们": true, "无障碍": true,
	"无障碍浏览": true, "长者模式": true, "繁体": true, "简体": true, "繁體": true, "简体版": true, "繁体版": true,
	"字号": true, "字体": true, "大": true, "中": true, "小": true, "【大】": true, "【中】": true, "【小】": true,
	"上一篇": true, "下一篇": true, "上一条": true, "下一条": true, "当前位置": true, "您的位置": true,
	"您当前的位置": true, "搜索": true, "站内搜索": true, "请输入关键字": true, "请输入关键词": true,
}

// boilerPrefix marks lines that start with a chrome label followed by a value
// (索引号：…, 发布时间：…). They are only chrome when the line is short.
var boilerPrefix = []string{
	"索引号", "索 引 号", "发布机构", "发文机关", "公文生成日期", "生成日期", "发布时间", "发布日期", "发文日期",
	"成文日期", "信息来源", "来源", "文章来源", "浏览次数", "阅读次数", "点击数", "点击次数", "访问量", "作者",
	"责任编辑", "编辑", "审核", "校对", "供稿", "分类", "主题分类", "体裁分类", "文号", "有效性", "时间", "字号",
	"当前位置", "您的位置", "您当前的位置", "上一篇", "下一篇", "上一条", "下一条", "版权所有", "主办单位",
	"承办单位", "主办", "承办", "技术支持", "网站标识码", "网站标识", "联系电话", "地址", "邮编", "分享到",
	"扫一扫", "微信扫一扫", "手机扫一扫", "用户登录", "还没有账号", "打印本页",
}

var (
	// icpRe matches 备案 numbers (京ICP备12345号, 公网安备 …) anywhere on the line.
	icpRe = regexp.MustCompile(`(?i)icp备|icp证|公网安备|网安备`)
	// chromeRunRe matches lines made only of chrome words and separators,
	// e.g. "【打印】 【关闭】", "字号：大 中 小", "分享到：微信 微博".
	chromeWordRe = regexp.MustCompile(`^(?:[\s|｜/·•:：\-\[\]【】()（）]*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|返回|字号|字体|大|中|小|默认|分享到|分享|微信|微博|qq空间|qq|朋友圈|qzone|打印此页|纠错|我要纠错)[\s|｜/·•:：\-\[\]【】()（）]*)+$`)
)

// IsBoilerplate reports whether a line of a web page is page chrome (login
// prompts, share / print / close buttons, QR-code hints, 索引号 and
// 发布时间 metadata, breadcrumbs, copyright footers) rather than content.
// It only judges short lines: a real paragraph that mentions one of these
// words is never treated as chrome.
func IsBoilerplate(line string) bool {
	s := strings.TrimSpace(ToSimplified(FoldWidth(line)))
	s = strings.TrimLeft(s, "•·-*>» \t")
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n > 80 {
		return false
	}
	compact := strings.Join(strings.Fields(s), "")
	if boilerExact[compact] || boilerExact[s] {
		return true
	}
	if chromeWordRe.MatchString(strings.ToLower(s)) {
		return true
	}
	if icpRe.MatchString(s) {
		return true
	}
	if strings.Contains(compact, "版权所有") || strings.HasPrefix(compact, "copyright") || strings.HasPrefix(compact, "©") {
		return true
	}
	if n <= 60 {
		for _, p := range boilerPrefix {
			cp := strings.ReplaceAll(p, " ", "")
			if strings.HasPrefix(compact, cp) {
				rest := strings.TrimPrefix(compact, cp)
				if rest == "" || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：") {
					return true
				}
			}
		}
		// "发布时间：2024-03-13 浏览次数：123" style lines without a label first.
		if strings.Contains(compact, "浏览次数") || strings.Contains(compact, "阅读次数") || strings.Contains(compact, "点击数:") {
			return true
		}
		if strings.HasPrefix(compact, "扫一扫") || strings.HasPrefix(compact, "扫描二维码") {
			return true
		}
		if strings.Contains(compact, "分享至朋友圈") {
			return true
		}
	}
	return false
}
