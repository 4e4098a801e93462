package wechat

// User-facing texts of the WeChat channel, in one place so they can be read
// and reworded as a whole. Written for villagers: short, warm, concrete.
const (
	// textOnItsWay answers WeChat's last attempt when the answer is not ready.
	textOnItsWay = "您的问题我收到了，正在认真查找答案，请稍等片刻。答案准备好后会发给您；如果没有收到，再给我发任意一句话就能看到。"

	// textOnItsWayPush is the same when the answer will surely be pushed.
	textOnItsWayPush = "您的问题我收到了，正在认真查找答案，请稍等片刻，答案准备好后马上发给您。"

	// textPendingHeader introduces an answer that was not ready in time.
	textPendingHeader = "【您之前问的问题，答案来了】\n"

	// textPendingSep separates a delivered earlier answer from the new reply.
	textPendingSep = "\n\n———\n【这条消息的回复】\n"

	// textTrouble answers a message whose handling failed unexpectedly.
	textTrouble = "抱歉，我这边出了点问题，请稍后再试。急事请拨打12348公共法律服务热线。"

	// textRateLimited answers a user who writes faster than the limit.
	textRateLimited = "您发消息有点快，我跟不上啦。请歇一分钟再发，我一条一条认真回复您。"
)
