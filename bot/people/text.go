package people

// User-facing texts of the people commands, in one place so they can be read
// and reworded as a whole.
const (
	textBound = "绑定成功！%s，您好。\n" +
		"以后开展普法宣传、调解纠纷，直接发给我就能记台账，比如\"今天在%s开展反诈宣传，参加群众80人，发放资料200份\"。\n" +
		"回复\"帮助\"看全部用法。"

	textBoundAdmin = "绑定成功！%s，您好，您是管理员。回复\"帮助\"看全部用法。"

	textUnknownCode = "这个绑定码不对，请核对6位数字后再发一次，比如\"绑定 123456\"。"

	textExpiredCode = "这个绑定码已过期（有效期7天），请联系司法所重新要一个。"

	textUsedCode = "这个绑定码已经用过了。如果不是您本人绑定的，请联系司法所。"

	textLocked = "绑定码输错次数太多了，为了安全，请%d分钟后再试。如果绑定码一直不对，请联系司法所核对。"

	textAlreadyBound = "%s，您已经绑定好了（%s），不用再绑定。直接发活动情况就能记台账，回复\"帮助\"看全部用法。"

	textAlreadyBoundAdmin = "%s，您已经绑定好了（管理员），不用再绑定。回复\"帮助\"看全部用法。"

	textBindUsage = "请发\"绑定\"加6位绑定码，比如\"绑定 123456\"。"

	textInviteUsage = "请这样发：邀请 姓名 村名，比如\"邀请 张三 李家庄村\"。"

	// %s the name, twice.
	textInviteNoVillage = "请把%s的村名也写上，比如\"邀请 %s 李家庄村\"；邀请管理员在最后加\"管理员\"。"

	textInvited = "已为%s（%s）生成绑定码：%s，7天内有效。\n" +
		"请让%s关注本号后发送：绑定 %s"
)
