package bot

// User-facing texts of the bot core, in one place so they can be read and
// reworded as a whole. Written for villagers: short, warm, concrete.
const (
	textMoreHint = "\n\n（内容较长，回复\"更多\"看后文）"

	textDefaultWelcome = "您好，欢迎关注！我是普法小助手。\n" +
		"有法律上的疑问，直接打字或发语音问我就行，比如\"借钱不还怎么办\"。\n" +
		"回复\"帮助\"看我能做什么。"

	textHelpResident = "我能帮您：\n" +
		"1. 解答日常法律问题：直接打字或发语音，比如\"宅基地和邻居有争议怎么办\"。\n" +
		"2. 回答会注明依据的法律条文；问题复杂时，会告诉您找谁帮忙。\n" +
		"3. 回复\"更多\"看长回答的后文。\n" +
		"需要人工帮助，请拨打12348公共法律服务热线。"

	textHelpCadre = textHelpResident + "\n\n" +
		"村（社区）干部、法律明白人还可以：\n" +
		"· 直接发活动情况记台账，比如\"今天在李家庄村开展反诈宣传，参加群众80人，发放资料200份\"；\n" +
		"· 发\"我的记录\"看最近的记录，\"本月统计\"看本月合计；\n" +
		"· 记错了发\"改 人数 150\"或\"撤销\"。"

	textHelpAdmin = textHelpCadre + "\n\n" +
		"管理员还可以：\"本周统计\"、\"全镇统计\"、\"邀请 张三 李家庄村\"、\"待答复\"（看群众待答复的提问）、\"答复 编号 内容\"。"

	textNoMore = "没有更多内容了。有新问题请直接问我。"

	textNotReady = "法律知识库还没有装好，暂时答不了问题。急事请拨打12348公共法律服务热线。"

	textTrouble = "抱歉，我这边出了点问题，请稍后再试。急事请拨打12348公共法律服务热线。"

	textImage = "收到您的图片。我看不懂图片内容，有问题请用文字或语音告诉我。"

	textLocation = "收到您的位置。有法律问题请直接用文字或语音问我。"

	textLink = "收到您分享的链接。有法律问题请直接用文字或语音问我。"

	textEmpty = "您好，请问有什么可以帮您？回复\"帮助\"看我能做什么。"

	textVoiceUnheard = "没听清您的语音，请再说一遍，或者直接打字告诉我。"

	// textOwedAfter introduces what is owed when it follows the reply
	// (it would not fit in front).
	textOwedAfter = "\n\n———\n【另有您之前问题的答复】\n"
)
