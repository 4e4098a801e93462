package activity

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Message times used by the cases, in Asia/Shanghai.
const (
	sat20240316 = "2024-03-16T18:30:00+08:00" // Saturday
	thu20240627 = "2024-06-27T09:00:00+08:00" // Thursday
	thu20241205 = "2024-12-05T20:00:00+08:00" // Thursday
	fri20250103 = "2025-01-03T10:00:00+08:00" // Friday
	mon20250512 = "2025-05-12T12:00:00+08:00" // Monday
)

func parseZone(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

func parseTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// parseCase is one report with every field the parser must get right.
// Topics lists topics that must be among the parsed ones (others may be
// there too); every other field is compared exactly.
type parseCase struct {
	name string
	now  string
	text string
	want Fields
}

// reportCases are realistic WeChat reports by cadres and 法律明白人.
var reportCases = []parseCase{
	{"chinese numerals publicity", sat20240316, "今天在李家庄村开展民法典宣传，参加群众一百二十人，发放宣传资料两百份",
		Fields{Date: "2024-03-16", Type: TypePublicity, Place: "李家庄村", Topics: []string{"民法典"}, Participants: 120, Materials: 200}},
	{"community lecture yesterday", sat20240316, "昨天下午在红旗社区举办民法典专题讲座，社区居民50余人参加",
		Fields{Date: "2024-03-15", Type: TypeLecture, Place: "红旗社区", Topics: []string{"民法典"}, Participants: 50}},
	{"3.15 stall market", sat20240316, "3.15当天在镇农贸市场设点开展消费者权益保护宣传，发放资料三千五百份，接受群众咨询40人次",
		Fields{Date: "2024-03-15", Type: TypePublicity, Place: "农贸市场", Topics: []string{"消费者权益"}, Materials: 3500, Consultations: 40}},
	{"last wednesday visit", sat20240316, "上周三到光明村入户走访，送法上门28户，宣传防范非法集资",
		Fields{Date: "2024-03-06", Type: TypeVisit, Place: "光明村", Topics: []string{"防范非法集资"}, Households: 28}},
	{"weekday school lesson", sat20240316, "周四在青山小学给孩子们上了一堂法治课，讲未成年人保护法和防溺水，学生三百多名",
		Fields{Date: "2024-03-14", Type: TypeLecture, Place: "青山小学", Topics: []string{"未成年人保护", "防溺水"}, Participants: 300}},
	{"this tuesday mediation", sat20240316, "本周二在幸福村调解了一起土地承包纠纷，经调解双方握手言和",
		Fields{Date: "2024-03-12", Type: TypeMediation, Place: "幸福村", Topics: []string{"土地承包"}, Mediations: 1, MediationsResolved: 1}},
	{"all resolved", mon20250512, "调解纠纷3起，均已调解成功",
		Fields{Date: "2025-05-12", Type: TypeMediation, Mediations: 3, MediationsResolved: 3}},
	{"total with part resolved", mon20250512, "今天共调解矛盾纠纷5起，其中成功调解4起，1起正在调解中",
		Fields{Date: "2025-05-12", Type: TypeMediation, Mediations: 5, MediationsResolved: 4}},
	{"not resolved", mon20250512, "前天在石桥村调解邻里纠纷一起，未调成，已上报镇调委会",
		Fields{Date: "2025-05-10", Type: TypeMediation, Place: "石桥村", Topics: []string{"邻里"}, Mediations: 1}},
	{"date range and 万", thu20241205, "12月2日至4日在全镇各村开展宪法宣传周活动，悬挂横幅15条，发放资料1.2万份，参与群众2000余人次",
		Fields{Date: "2024-12-02", Type: TypePublicity, Topics: []string{"宪法"}, Participants: 2000, Materials: 12000}},
	{"full date community", sat20240316, "2024年3月8日到新华社区开展妇女权益保障法宣传，参加妇女群众八十多人",
		Fields{Date: "2024-03-08", Type: TypePublicity, Place: "新华社区", Topics: []string{"妇女权益"}, Participants: 80}},
	{"fire day old people's home", thu20241205, "11月9日消防宣传日，在敬老院开展消防安全宣传，讲解用火用电常识，老人30人参加",
		Fields{Date: "2024-11-09", Type: TypePublicity, Place: "敬老院", Topics: []string{"消防安全"}, Participants: 30}},
	{"cadres study", mon20250512, "组织村两委干部和网格员集中学习民法典，共15人参加",
		Fields{Date: "2025-05-12", Type: TypeTraining, Topics: []string{"民法典"}, Participants: 15}},
	{"attended county training", thu20240627, "参加县司法局组织的法律明白人培训，学习了反电信网络诈骗法",
		Fields{Date: "2024-06-27", Type: TypeTraining, Topics: []string{"反电信网络诈骗"}}},
	{"consultation at office", thu20240627, "今天上午在司法所接待群众法律咨询8人次，主要涉及婚姻、继承问题",
		Fields{Date: "2024-06-27", Type: TypeConsultation, Place: "司法所", Topics: []string{"婚姻", "继承"}, Consultations: 8}},
	{"duty consultation village", thu20240627, "在和平村法律服务室值班，解答群众咨询十五人次",
		Fields{Date: "2024-06-27", Type: TypeConsultation, Place: "和平村", Consultations: 15}},
	{"drug day town school", thu20240627, "6月26日国际禁毒日，在镇中学开展禁毒宣传，观看禁毒宣传片，师生六百余人参加",
		Fields{Date: "2024-06-26", Type: TypePublicity, Place: "镇中学", Topics: []string{"禁毒"}, Participants: 600}},
	{"courtyard meeting", thu20241205, "在龙泉村召开院坝会，宣讲扫黑除恶和防范电信诈骗知识，到会群众一百五十余人",
		Fields{Date: "2024-12-05", Type: TypeLecture, Place: "龙泉村", Topics: []string{"扫黑除恶", "反诈"}, Participants: 150}},
	{"constitution day stall", thu20241205, "12月4日宪法日，在镇文化广场摆摊宣传宪法，发放宪法读本200本、宣传单500张，解答咨询30余人次",
		Fields{Date: "2024-12-04", Type: TypePublicity, Place: "文化广场", Topics: []string{"宪法"}, Materials: 700, Consultations: 30}},
	{"visit poor households", thu20241205, "走访五保户、低保户等困难群众20户，宣传老年人权益保障法",
		Fields{Date: "2024-12-05", Type: TypeVisit, Topics: []string{"老年人权益"}, Households: 20}},
	{"screening visit", mon20250512, "今天在梨园村 入户排查矛盾纠纷，走访群众45户，发现纠纷苗头2个",
		Fields{Date: "2025-05-12", Type: TypeVisit, Place: "梨园村", Households: 45}},
	{"agreement signed", mon20250512, "调解一起因宅基地引发的邻里纠纷，当事双方签订了调解协议书",
		Fields{Date: "2025-05-12", Type: TypeMediation, Topics: []string{"宅基地"}, Mediations: 1, MediationsResolved: 1}},
	{"several kinds summed", mon20250512, "5月8日在北岭村调解赡养纠纷2起、土地纠纷1起，成功调解2起",
		Fields{Date: "2025-05-08", Type: TypeMediation, Place: "北岭村", Topics: []string{"赡养"}, Mediations: 3, MediationsResolved: 2}},
	{"labour dispute amount", mon20250512, "受理劳动争议纠纷1起，经调解达成协议，帮助农民工讨回工资3.5万元",
		Fields{Date: "2025-05-12", Type: TypeMediation, Topics: []string{"劳动", "欠薪"}, Mediations: 1, MediationsResolved: 1}},
	{"school bullying lesson", mon20250512, "开展法律进校园活动，在实验小学为四年级学生讲授预防校园欺凌知识，受教育学生二百来人",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "实验小学", Topics: []string{"校园欺凌"}, Participants: 200}},
	{"last month day", mon20250512, "上个月20号在东湖社区开展扫黑除恶专项斗争宣传，发放资料300份",
		Fields{Date: "2025-04-20", Type: TypePublicity, Place: "东湖社区", Topics: []string{"扫黑除恶"}, Materials: 300}},
	{"spaced note style", sat20240316, "3月1日 河东村 院坝会 宣讲民法典婚姻家庭编 群众86人",
		Fields{Date: "2024-03-01", Type: TypeLecture, Place: "河东村", Topics: []string{"民法典", "婚姻家庭"}, Participants: 86}},
	{"film night", sat20240316, "昨晚在柳树湾村组织村民观看普法电影《秋菊打官司》，观影群众约120人",
		Fields{Date: "2024-03-15", Type: TypePublicity, Place: "柳树湾村", Participants: 120}},
	{"together is not a case", mon20250512, "今天和派出所民警一起到新民村开展反诈宣传，发放反诈宣传单一百份",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "新民村", Topics: []string{"反诈"}, Materials: 100}},
	{"legal aid publicity with consults", mon20250512, "在镇便民服务中心开展法律援助宣传，为群众提供法律咨询二十余人次",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "便民服务中心", Topics: []string{"法律援助"}, Consultations: 20}},
	{"law to the door at home for elderly", mon20250512, "今天到敬老院送法上门，给老人讲解赡养和继承的法律知识，发放资料50份",
		Fields{Date: "2025-05-12", Type: TypeVisit, Place: "敬老院", Topics: []string{"赡养", "继承"}, Materials: 50}},
	{"mediators training", mon20250512, "组织全镇法律明白人开展业务培训，邀请律师讲解人民调解法，参训人员45名",
		Fields{Date: "2025-05-12", Type: TypeTraining, Topics: []string{"人民调解"}, Participants: 45}},
	{"study before meeting", mon20250512, "今天镇村干部会前学法，学习新修订的安全生产法",
		Fields{Date: "2025-05-12", Type: TypeTraining, Topics: []string{"安全生产"}}},
	{"monday publicity", thu20240627, "星期一在金鸡村开展安全生产法宣传，发资料80份，群众60人",
		Fields{Date: "2024-06-24", Type: TypePublicity, Place: "金鸡村", Topics: []string{"安全生产"}, Participants: 60, Materials: 80}},
	{"saturday roads", thu20240627, "礼拜六到双龙村开展道路交通安全法宣传活动，参与群众百余人",
		Fields{Date: "2024-06-22", Type: TypePublicity, Place: "双龙村", Topics: []string{"道路交通安全"}, Participants: 100}},
	{"dotted full date", thu20240627, "2024.5.20在杏花村开展防范电信网络诈骗宣传，发放资料420份，参与群众210人",
		Fields{Date: "2024-05-20", Type: TypePublicity, Place: "杏花村", Topics: []string{"反诈"}, Participants: 210, Materials: 420}},
	{"iso date spaced", thu20240627, "2024-06-03 在三里桥村开展禁毒宣传 发放资料 一百二十份 群众 六十人",
		Fields{Date: "2024-06-03", Type: TypePublicity, Place: "三里桥村", Topics: []string{"禁毒"}, Participants: 60, Materials: 120}},
	{"failed forest dispute", thu20240627, "调处山林权属纠纷一起，双方意见分歧较大，调解未成功，已告知当事人申请仲裁",
		Fields{Date: "2024-06-27", Type: TypeMediation, Mediations: 1}},
	{"walk-in consults", thu20240627, "今天接待来访群众咨询6人次，涉及土地承包、民间借贷问题",
		Fields{Date: "2024-06-27", Type: TypeConsultation, Topics: []string{"土地承包", "民间借贷"}, Consultations: 6}},
	{"new year show", fri20250103, "1月2日在新桥社区开展元旦法治文艺演出，观看群众四百余人",
		Fields{Date: "2025-01-02", Type: TypePublicity, Place: "新桥社区", Participants: 400}},
	{"december read as last year", fri20250103, "12月28日在高庄村开展民法典宣传，发放资料100份",
		Fields{Date: "2024-12-28", Type: TypePublicity, Place: "高庄村", Topics: []string{"民法典"}, Materials: 100}},
	{"dotted date last year consult day", fri20250103, "12.30在石门村开展法律咨询活动，接受群众咨询23人次",
		Fields{Date: "2024-12-30", Type: TypeConsultation, Place: "石门村", Consultations: 23}},
	{"villagers meeting", fri20250103, "昨天在黄泥村组织召开村民大会，学习村规民约和森林防火相关规定，参会村民120余人",
		Fields{Date: "2025-01-02", Type: TypeLecture, Place: "黄泥村", Topics: []string{"村规民约", "森林防火"}, Participants: 120}},
	{"cadres administrative training", fri20250103, "在镇政府会议室组织法律顾问为村干部开展依法行政培训，参训25人",
		Fields{Date: "2025-01-03", Type: TypeTraining, Participants: 25}},
	{"theme publicity with 于", fri20250103, "昨日于桃园村开展美好生活民法典相伴主题宣传，群众65人参与，发放资料130余份",
		Fields{Date: "2025-01-02", Type: TypePublicity, Place: "桃园村", Topics: []string{"民法典"}, Participants: 65, Materials: 130}},
	{"market anti-cult", fri20250103, "今天在集市上开展反邪教宣传，发放资料五百份，悬挂横幅2条",
		Fields{Date: "2025-01-03", Type: TypePublicity, Place: "集市", Topics: []string{"反邪教"}, Materials: 500}},
	{"last saturday about", mon20250512, "上周六在向阳村开展禁毒和防艾宣传，到场群众100人左右",
		Fields{Date: "2025-05-10", Type: TypePublicity, Place: "向阳村", Topics: []string{"禁毒"}, Participants: 100}},
	{"traffic compensation", mon20250512, "调解交通事故赔偿纠纷1件，调解成功，当场支付赔偿款8000元",
		Fields{Date: "2025-05-12", Type: TypeMediation, Topics: []string{"交通事故"}, Mediations: 1, MediationsResolved: 1}},
	{"year totals", mon20250512, "今年以来累计调解纠纷12起，调解成功11起",
		Fields{Date: "2025-05-12", Type: TypeMediation, Mediations: 12, MediationsResolved: 11}},
	{"auxiliary police study", mon20250512, "在镇派出所会议室，组织辅警和网格员学习治安管理处罚法，共20人",
		Fields{Date: "2025-05-12", Type: TypeTraining, Place: "派出所", Topics: []string{"治安管理"}, Participants: 20}},
	{"first lesson village school", mon20250512, "今天在五星村小学开展开学法治第一课，讲解未成年人保护法，学生180名",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "五星村", Topics: []string{"未成年人保护"}, Participants: 180}},
	{"door to door with leaflets", mon20250512, "到红光村开展入户宣传，发放明白纸150份，走访群众75户",
		Fields{Date: "2025-05-12", Type: TypeVisit, Place: "红光村", Households: 75, Materials: 150}},
	{"reconciled couple", sat20240316, "3月5日在柏树村调解婚姻家庭纠纷1起，经耐心调解，双方和好",
		Fields{Date: "2024-03-05", Type: TypeMediation, Place: "柏树村", Topics: []string{"婚姻家庭"}, Mediations: 1, MediationsResolved: 1}},
	{"industrial park workers", mon20250512, "今天在开发区工业园区为企业职工开展劳动法宣传，职工200人参加",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "工业园区", Topics: []string{"劳动"}, Participants: 200}},
	{"village rules forum", mon20250512, "组织村民代表召开座谈会，征求对村规民约修订的意见，参会18人",
		Fields{Date: "2025-05-12", Type: TypeLecture, Topics: []string{"村规民约"}, Participants: 18}},
	{"cases explain the law", mon20250512, "在乐安村文化礼堂开展以案释法活动，结合身边案例讲解民间借贷风险，群众七十多人",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "乐安村", Topics: []string{"民间借贷"}, Participants: 70}},
	{"wage dispute at the office", mon20250512, "今天在司法所调解室调解一起劳务费纠纷，双方达成协议，当场兑现劳务费6000元",
		Fields{Date: "2025-05-12", Type: TypeMediation, Place: "司法所", Topics: []string{"劳务"}, Mediations: 1, MediationsResolved: 1}},
	{"this friday anti-fraud talk", sat20240316, "本周五在银杏社区开展老年人防诈骗讲座，参加老人90余人",
		Fields{Date: "2024-03-15", Type: TypeLecture, Place: "银杏社区", Topics: []string{"反诈"}, Participants: 90}},
	{"fire drill at school", thu20241205, "11月8日在镇中心小学开展消防安全进校园活动，组织师生开展疏散演练，参与师生1200余人",
		Fields{Date: "2024-11-08", Type: TypePublicity, Place: "镇中心小学", Topics: []string{"消防安全"}, Participants: 1200}},
	{"month only is no date", thu20241205, "9月份以来走访农户120户",
		Fields{Date: "2024-12-05", Type: TypeVisit, Households: 120}},
	{"neighbour passage dispute", thu20241205, "今天在陈家坝村处理了一起相邻通行纠纷，经调解双方达成一致意见",
		Fields{Date: "2024-12-05", Type: TypeMediation, Place: "陈家坝村", Topics: []string{"邻里"}, Mediations: 1, MediationsResolved: 1}},
	{"one of two resolved", thu20241205, "今天在南山村调解了两起纠纷，一起调解成功，一起未调成",
		Fields{Date: "2024-12-05", Type: TypeMediation, Place: "南山村", Mediations: 2, MediationsResolved: 1}},
	{"mediation law taught not done", thu20241205, "宣传人民调解法，讲解如何化解邻里纠纷，群众40人",
		Fields{Date: "2024-12-05", Type: TypePublicity, Topics: []string{"人民调解"}, Participants: 40}},
	{"八五 is not a number", thu20241205, "今天在清水村开展“八五”普法宣传，发放资料二百余份",
		Fields{Date: "2024-12-05", Type: TypePublicity, Place: "清水村", Materials: 200}},
	{"colloquial", thu20241205, "今天在河西村搞了个法治宣传活动，来了一百来人，发了三百多份资料",
		Fields{Date: "2024-12-05", Type: TypePublicity, Place: "河西村", Participants: 100, Materials: 300}},
	{"phone number ignored", thu20241205, "联系电话13812345678，今天在大坪村发放资料60份",
		Fields{Date: "2024-12-05", Type: TypePublicity, Place: "大坪村", Materials: 60}},
	{"clock time ignored", thu20241205, "上午10点在马鞍村召开法治院坝会，村民56人参加",
		Fields{Date: "2024-12-05", Type: TypeLecture, Place: "马鞍村", Participants: 56}},
	{"visit with a mediation", mon20250512, "星期天在长岭村入户走访15户，调解家庭矛盾1起，已化解",
		Fields{Date: "2025-05-11", Type: TypeMediation, Place: "长岭村", Households: 15, Mediations: 1, MediationsResolved: 1}},
	{"bare report", mon20250512, "今天开展普法宣传",
		Fields{Date: "2025-05-12", Type: TypePublicity}},
	{"own village is no name", mon20250512, "法律明白人在本村开展宪法宣传，发放资料40份",
		Fields{Date: "2025-05-12", Type: TypePublicity, Topics: []string{"宪法"}, Materials: 40}},
	{"court lecture", mon20250512, "镇司法所联合县法院在向阳社区开展以案释法讲座，参加群众约80人",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "向阳社区", Participants: 80}},
	{"chinese date", sat20240316, "三月十五日在李家庄村开展消费者权益宣传，参加群众五十人",
		Fields{Date: "2024-03-15", Type: TypePublicity, Place: "李家庄村", Topics: []string{"消费者权益"}, Participants: 50}},
	{"village office", mon20250512, "在村委会会议室召开院坝会，村民40人参加",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "村委会", Participants: 40}},
	{"residential compound", mon20250512, "在幸福家园小区开展反诈宣传，发放资料50份",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "幸福家园小区", Topics: []string{"反诈"}, Materials: 50}},
	{"pedestrian street in the county town", mon20250512, "今天在县城步行街开展宪法宣传",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "步行街", Topics: []string{"宪法"}}},
	{"集中学法 is no school", mon20250512, "村两委干部集中学法，共9人",
		Fields{Date: "2025-05-12", Type: TypeTraining, Participants: 9}},
	{"town and village", mon20250512, "在青山镇李家村开展宪法宣传",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "李家村", Topics: []string{"宪法"}}},
	{"multi-line form", sat20240316, "活动名称：民法典进村入户\n活动时间：2024年3月10日\n活动地点：和平村\n走访户数：45\n发放资料：90",
		Fields{Date: "2024-03-10", Type: TypeVisit, Place: "和平村", Topics: []string{"民法典"}, Households: 45, Materials: 90}},
	{"multi-line headed report", sat20240316, "【普法宣传】\n时间：3月15日\n地点：李家庄村\n内容：消费者权益保护法宣传\n参加人数：120人\n发放资料：300份",
		Fields{Date: "2024-03-15", Type: TypePublicity, Place: "李家庄村", Topics: []string{"消费者权益"}, Participants: 120, Materials: 300}},
	{"two mediations on two days", sat20240316, "昨天在北山村调解一起土地纠纷,双方达成协议;今天在南山村调解邻里纠纷1起,未调成",
		Fields{Date: "2024-03-15", Type: TypeMediation, Place: "北山村", Topics: []string{"土地", "邻里"}, Mediations: 2, MediationsResolved: 1}},
	{"emoji", sat20240316, "3月14日👍在红星村开展反诈宣传💪，群众80人",
		Fields{Date: "2024-03-14", Type: TypePublicity, Place: "红星村", Topics: []string{"反诈"}, Participants: 80}},
	{"vague numbers are no counts", mon20250512, "今天在李家村开展宣传，群众数十人，发放资料几百份",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "李家村"}},
	{"nearly a hundred, over a thousand", mon20250512, "今天在李家村开展宣传，参加群众近百人，发放资料上千份",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "李家村", Participants: 100, Materials: 1000}},
	{"note style all resolved", mon20250512, "调解纠纷3起 均已调解成功",
		Fields{Date: "2025-05-12", Type: TypeMediation, Mediations: 3, MediationsResolved: 3}},
	{"note style total and resolved", mon20250512, "调解纠纷3起 成功2起",
		Fields{Date: "2025-05-12", Type: TypeMediation, Mediations: 3, MediationsResolved: 2}},
	{"training given to villagers is a lecture", mon20250512, "今天在河坝村为村民开展法治培训，参加村民80人",
		Fields{Date: "2025-05-12", Type: TypeLecture, Place: "河坝村", Participants: 80}},
	{"来 begins a village name", mon20250512, "在来凤村开展宪法宣传",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "来凤村", Topics: []string{"宪法"}}},
	{"form style", mon20250512, "参加人数：35人 发放资料：70份 地点：白鹤村 内容：民法典宣传",
		Fields{Date: "2025-05-12", Type: TypePublicity, Place: "白鹤村", Topics: []string{"民法典"}, Participants: 35, Materials: 70}},
	{"other type", mon20250512, "今天在村里开会",
		Fields{Date: "2025-05-12", Type: TypeOther}},
	{"thousands and households", mon20250512, "5月1日起在全镇开展民法典宣传月活动，发放资料一千二百份，覆盖农户三百户",
		Fields{Date: "2025-05-01", Type: TypePublicity, Topics: []string{"民法典"}, Materials: 1200, Households: 300}},
	{"day only", mon20250512, "8号在红星村开展反家暴宣传，妇女群众40人参加",
		Fields{Date: "2025-05-08", Type: TypePublicity, Place: "红星村", Topics: []string{"反家暴"}, Participants: 40}},
	{"slash date", sat20240316, "3/10在光荣村开展禁毒宣传，发放禁毒资料80份",
		Fields{Date: "2024-03-10", Type: TypePublicity, Place: "光荣村", Topics: []string{"禁毒"}, Materials: 80}},
	{"consults in 次", sat20240316, "法律顾问今天在永安村坐班，接受咨询12次",
		Fields{Date: "2024-03-16", Type: TypeConsultation, Place: "永安村", Consultations: 12}},
	{"resolved all 全部化解", sat20240316, "本周排查调处矛盾纠纷4起，全部化解",
		Fields{Date: "2024-03-16", Type: TypeMediation, Mediations: 4, MediationsResolved: 4}},
	{"unresolved count", sat20240316, "调解纠纷6起，其中2起未调成，已引导当事人诉讼",
		Fields{Date: "2024-03-16", Type: TypeMediation, Mediations: 6, MediationsResolved: 4}},

	// A second batch, written blind and checked by hand.
	{"more/p01 4月15日全民国家安全教", "2024-04-16T10:00:00+08:00", "4月15日全民国家安全教育日当天，我们在镇中心广场设立宣传点，发放国家安全宣传资料800余份，接受群众咨询60余人次",
		Fields{Date: "2024-04-15", Type: TypePublicity, Place: "中心广场", Topics: []string{"国家安全"}, Materials: 800, Consultations: 60}},
	{"more/p02 昨天下午组织村里的法律明", "2024-04-16T10:00:00+08:00", "昨天下午组织村里的法律明白人学习了民法典继承编，参加学习11人",
		Fields{Date: "2024-04-15", Type: TypeTraining, Topics: []string{"民法典", "继承"}, Participants: 11}},
	{"more/p03 今天上午在小河村调解一起", "2024-04-16T10:00:00+08:00", "今天上午在小河村调解一起土地纠纷，张某与李某因承包地界址发生争执，经过调解双方达成一致",
		Fields{Date: "2024-04-16", Type: TypeMediation, Place: "小河村", Topics: []string{"土地承包"}, Mediations: 1, MediationsResolved: 1}},
	{"more/p04 上周四到松林村开展入户走", "2024-04-16T10:00:00+08:00", "上周四到松林村开展入户走访，共走访农户四十二户，发放防诈骗宣传资料84份",
		Fields{Date: "2024-04-11", Type: TypeVisit, Place: "松林村", Topics: []string{"反诈"}, Materials: 84, Households: 42}},
	{"more/p05 4月12日在实验中学开展", "2024-04-16T10:00:00+08:00", "4月12日在实验中学开展法治讲座，主题是预防未成年人犯罪，全校师生800余人聆听",
		Fields{Date: "2024-04-12", Type: TypeLecture, Place: "实验中学", Topics: []string{"预防未成年人犯罪"}, Participants: 800}},
	{"more/p06 本月10号在民主村召开坝", "2024-04-16T10:00:00+08:00", "本月10号在民主村召开坝坝会宣讲农村宅基地管理政策，参会群众65人",
		Fields{Date: "2024-04-10", Type: TypeLecture, Place: "民主村", Topics: []string{"宅基地"}, Participants: 65}},
	{"more/p07 今天调解了3起纠纷，其中", "2024-04-16T10:00:00+08:00", "今天调解了3起纠纷，其中2起达成协议，1起当事人拒绝调解",
		Fields{Date: "2024-04-16", Type: TypeMediation, Mediations: 3, MediationsResolved: 2}},
	{"more/p08 在桂花社区党群服务中心为", "2024-04-16T10:00:00+08:00", "在桂花社区党群服务中心为居民提供法律咨询服务，现场解答问题18个",
		Fields{Date: "2024-04-16", Type: TypeConsultation, Place: "桂花社区", Consultations: 18}},
	{"more/p09 组织镇村干部参加全县法治", "2024-04-16T10:00:00+08:00", "组织镇村干部参加全县法治理论知识考试，参考人员32名",
		Fields{Date: "2024-04-16", Type: TypeTraining, Participants: 32}},
	{"more/p10 4.13 在青龙村 开展", "2024-04-16T10:00:00+08:00", "4.13 在青龙村 开展禁毒宣传 群众50余人 发放资料150余份",
		Fields{Date: "2024-04-13", Type: TypePublicity, Place: "青龙村", Topics: []string{"禁毒"}, Participants: 50, Materials: 150}},
	{"more/p11 前天在田坝村处理一起婚姻", "2024-04-16T10:00:00+08:00", "前天在田坝村处理一起婚姻家庭矛盾，丈夫酗酒后殴打妻子，对其进行了批评教育，双方和好如初",
		Fields{Date: "2024-04-14", Type: TypeMediation, Place: "田坝村", Topics: []string{"婚姻家庭"}, Mediations: 1, MediationsResolved: 1}},
	{"more/p12 今天到县城参加了人民调解", "2024-04-16T10:00:00+08:00", "今天到县城参加了人民调解员培训班",
		Fields{Date: "2024-04-16", Type: TypeTraining, Topics: []string{"人民调解"}}},
	{"more/p13 在镇农贸市场悬挂横幅3条", "2024-04-16T10:00:00+08:00", "在镇农贸市场悬挂横幅3条，摆放展板6块，发放扫黑除恶宣传单1000份",
		Fields{Date: "2024-04-16", Type: TypePublicity, Place: "农贸市场", Topics: []string{"扫黑除恶"}, Materials: 1000}},
	{"more/p14 上星期六在花园村为留守儿", "2024-04-16T10:00:00+08:00", "上星期六在花园村为留守儿童开展防溺水安全教育，参加儿童及家长40余名",
		Fields{Date: "2024-04-13", Type: TypePublicity, Place: "花园村", Topics: []string{"防溺水"}, Participants: 40}},
	{"more/p15 镇法律顾问今天在便民服务", "2024-04-16T10:00:00+08:00", "镇法律顾问今天在便民服务中心坐班，接待来访群众咨询5人次，涉及劳动报酬、工伤赔偿",
		Fields{Date: "2024-04-16", Type: TypeConsultation, Place: "便民服务中心", Topics: []string{"欠薪", "劳动报酬", "工伤"}, Consultations: 5}},
	{"more/p16 今天走访了辖区内5家企业", "2024-04-16T10:00:00+08:00", "今天走访了辖区内5家企业，宣传保障农民工工资支付条例，发放资料30份",
		Fields{Date: "2024-04-16", Type: TypeVisit, Topics: []string{"欠薪", "农民工工资"}, Materials: 30}},
	{"more/p17 4月8日组织开展了一次以", "2024-04-16T10:00:00+08:00", "4月8日组织开展了一次以案释法活动，地点在兴隆村委会，讲了三个真实案例，村民三十余人参加",
		Fields{Date: "2024-04-08", Type: TypeLecture, Place: "兴隆村", Participants: 30}},
	{"more/p18 调解山林纠纷2件，成功1", "2024-04-16T10:00:00+08:00", "调解山林纠纷2件，成功1件",
		Fields{Date: "2024-04-16", Type: TypeMediation, Mediations: 2, MediationsResolved: 1}},
	{"more/p19 今天在湾里村开展普法宣传", "2024-04-16T10:00:00+08:00", "今天在湾里村开展普法宣传活动，向群众讲解了民法典中关于相邻关系的规定，参加群众约70人，发放宣传册70本",
		Fields{Date: "2024-04-16", Type: TypePublicity, Place: "湾里村", Topics: []string{"民法典", "邻里"}, Participants: 70, Materials: 70}},
	{"more/p20 4月2号下午三点在光华社", "2024-04-16T10:00:00+08:00", "4月2号下午三点在光华社区开展老年人防诈骗知识讲座，来了差不多60个老人",
		Fields{Date: "2024-04-02", Type: TypeLecture, Place: "光华社区", Topics: []string{"反诈"}, Participants: 60}},
	{"more/p21 昨天在石桥镇中心校开展“", "2024-04-16T10:00:00+08:00", "昨天在石桥镇中心校开展“法治进校园”活动，为学生上法治课，受教育学生500人",
		Fields{Date: "2024-04-15", Type: TypeLecture, Place: "镇中心校", Participants: 500}},
	{"more/p22 今天协助派出所调解一起交", "2024-04-16T10:00:00+08:00", "今天协助派出所调解一起交通事故纠纷，因赔偿金额差距较大，未能达成协议",
		Fields{Date: "2024-04-16", Type: TypeMediation, Topics: []string{"交通事故"}, Mediations: 1}},
	{"more/p23 村里今天放了一场普法电影", "2024-04-16T10:00:00+08:00", "村里今天放了一场普法电影，看的人有一百多个",
		Fields{Date: "2024-04-16", Type: TypePublicity, Participants: 100}},
	{"more/p24 2024年4月3日，联合", "2024-04-16T10:00:00+08:00", "2024年4月3日，联合镇妇联在柳林村开展妇女儿童权益保护宣传，发放资料120份，受益群众60人",
		Fields{Date: "2024-04-03", Type: TypePublicity, Place: "柳林村", Topics: []string{"妇女权益"}, Participants: 60, Materials: 120}},
	{"more/p25 周日在新街村文化室给群众", "2024-04-16T10:00:00+08:00", "周日在新街村文化室给群众讲解土地承包经营权流转的法律知识，听众45人",
		Fields{Date: "2024-04-14", Type: TypeLecture, Place: "新街村", Topics: []string{"土地承包"}, Participants: 45}},
	{"more/p26 昨天在花溪村对辖区内的重", "2024-04-16T10:00:00+08:00", "昨天在花溪村对辖区内的重点人群进行走访排查，走访18户，未发现矛盾纠纷",
		Fields{Date: "2024-04-15", Type: TypeVisit, Place: "花溪村", Households: 18}},
	{"more/p27 在中心敬老院开展老年人权", "2024-04-16T10:00:00+08:00", "在中心敬老院开展老年人权益保障法宣传，为老人们讲解赡养、遗嘱等知识，老人和工作人员共35人参加",
		Fields{Date: "2024-04-16", Type: TypePublicity, Place: "中心敬老院", Topics: []string{"老年人权益", "赡养", "继承"}, Participants: 35}},
	{"more/p28 今天司法所共接待法律咨询", "2024-04-16T10:00:00+08:00", "今天司法所共接待法律咨询十二人次，代写法律文书2份",
		Fields{Date: "2024-04-16", Type: TypeConsultation, Place: "司法所", Consultations: 12}},
	{"more/p29 3月28日至29日，在各", "2024-04-16T10:00:00+08:00", "3月28日至29日，在各村开展安全生产法宣传，张贴宣传海报60张",
		Fields{Date: "2024-03-28", Type: TypePublicity, Topics: []string{"安全生产"}, Materials: 60}},
	{"more/p30 今天调解一起邻里因排水问", "2024-04-16T10:00:00+08:00", "今天调解一起邻里因排水问题引发的纠纷，经多次协调，双方互相谅解，握手言和",
		Fields{Date: "2024-04-16", Type: TypeMediation, Topics: []string{"邻里"}, Mediations: 1, MediationsResolved: 1}},
	{"more/q01 8月18日，镇司法所联合", "2024-08-20T21:00:00+08:00", "8月18日，镇司法所联合派出所在向家坝村开展反诈宣传进村入户活动，走访群众30余户，发放宣传资料100余份，现场演示反诈APP下载安装",
		Fields{Date: "2024-08-18", Type: TypeVisit, Place: "向家坝村", Topics: []string{"反诈"}, Materials: 100, Households: 30}},
	{"more/q02 今晚在大院子组织群众会，", "2024-08-20T21:00:00+08:00", "今晚在大院子组织群众会，宣讲防汛避险和民法典相关知识，参会群众七八十人",
		Fields{Date: "2024-08-20", Type: TypeLecture, Topics: []string{"民法典", "防汛"}, Participants: 70}},
	{"more/q03 成功调解一起因修路占地引", "2024-08-20T21:00:00+08:00", "成功调解一起因修路占地引起的纠纷",
		Fields{Date: "2024-08-20", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/q04 8月15日在石龙村调解3", "2024-08-20T21:00:00+08:00", "8月15日在石龙村调解3起家庭纠纷，都调解好了",
		Fields{Date: "2024-08-15", Type: TypeMediation, Place: "石龙村", Mediations: 3, MediationsResolved: 3}},
	{"more/q05 上周在凤凰村开展普法宣传", "2024-08-20T21:00:00+08:00", "上周在凤凰村开展普法宣传，发资料两百余份，群众来了一百五六十人",
		Fields{Date: "2024-08-20", Type: TypePublicity, Place: "凤凰村", Participants: 150, Materials: 200}},
	{"more/q06 今天我在村里为群众解答法", "2024-08-20T21:00:00+08:00", "今天我在村里为群众解答法律问题7个，主要是土地和婚姻方面的",
		Fields{Date: "2024-08-20", Type: TypeConsultation, Topics: []string{"婚姻"}, Consultations: 7}},
	{"more/q07 8.16日在桥头村开展防", "2024-08-20T21:00:00+08:00", "8.16日在桥头村开展防范非法集资宣传 参与人员87人 发放宣传资料174份",
		Fields{Date: "2024-08-16", Type: TypePublicity, Place: "桥头村", Topics: []string{"防范非法集资"}, Participants: 87, Materials: 174}},
	{"more/q08 今天组织全村党员学习宪法", "2024-08-20T21:00:00+08:00", "今天组织全村党员学习宪法，共有党员23名参加",
		Fields{Date: "2024-08-20", Type: TypeTraining, Topics: []string{"宪法"}, Participants: 23}},
	{"more/q09 昨天到五组王某家中调解父", "2024-08-20T21:00:00+08:00", "昨天到五组王某家中调解父子赡养纠纷，经说服教育儿子同意每月支付赡养费500元",
		Fields{Date: "2024-08-19", Type: TypeMediation, Topics: []string{"赡养"}, Mediations: 1, MediationsResolved: 1}},
	{"more/q10 本周一在太平社区开展了禁", "2024-08-20T21:00:00+08:00", "本周一在太平社区开展了禁毒知识讲座，社区干部和居民共计56人参加了讲座",
		Fields{Date: "2024-08-19", Type: TypeLecture, Place: "太平社区", Topics: []string{"禁毒"}, Participants: 56}},
	{"more/q11 今天在镇上赶集日设立法律", "2024-08-20T21:00:00+08:00", "今天在镇上赶集日设立法律咨询台，解答群众咨询32人次，发放民法典宣传册200本",
		Fields{Date: "2024-08-20", Type: TypePublicity, Place: "集市", Topics: []string{"民法典"}, Materials: 200, Consultations: 32}},
	{"more/q12 七月二十日在双桥村开展暑", "2024-08-20T21:00:00+08:00", "七月二十日在双桥村开展暑期防溺水宣传，发放告家长书150份",
		Fields{Date: "2024-07-20", Type: TypePublicity, Place: "双桥村", Topics: []string{"防溺水"}, Materials: 150}},
	{"more/q13 8月19日，法律明白人张", "2024-08-20T21:00:00+08:00", "8月19日，法律明白人张某某在金竹村入户走访12户，排查出矛盾纠纷1起，已当场调解成功",
		Fields{Date: "2024-08-19", Type: TypeMediation, Place: "金竹村", Households: 12, Mediations: 1, MediationsResolved: 1}},
	{"more/q14 今天参加了镇上召开的法治", "2024-08-20T21:00:00+08:00", "今天参加了镇上召开的法治建设工作会议",
		Fields{Date: "2024-08-20", Type: TypeTraining}},
	{"more/q15 在民族中学开展校园安全和", "2024-08-20T21:00:00+08:00", "在民族中学开展校园安全和预防校园欺凌法治讲座，参加师生1500人",
		Fields{Date: "2024-08-20", Type: TypeLecture, Place: "民族中学", Topics: []string{"校园欺凌"}, Participants: 1500}},
	{"more/q16 8月12日至14日，在全", "2024-08-20T21:00:00+08:00", "8月12日至14日，在全镇12个村（社区）开展巡回普法宣传，发放资料2500份，受教育群众1800余人",
		Fields{Date: "2024-08-12", Type: TypePublicity, Participants: 1800, Materials: 2500}},
	{"more/q17 调解了一起宅基地纠纷和一", "2024-08-20T21:00:00+08:00", "调解了一起宅基地纠纷和一起债务纠纷，宅基地纠纷已达成协议，债务纠纷建议走诉讼",
		Fields{Date: "2024-08-20", Type: TypeMediation, Topics: []string{"宅基地"}, Mediations: 2, MediationsResolved: 1}},
	{"more/q18 今日在春晖村开展“送法进", "2024-08-20T21:00:00+08:00", "今日在春晖村开展“送法进万家”活动，入户发放宣传资料86份，覆盖43户",
		Fields{Date: "2024-08-20", Type: TypeVisit, Place: "春晖村", Materials: 86, Households: 43}},
	{"more/q19 星期三晚上在坪上村开展法", "2024-08-20T21:00:00+08:00", "星期三晚上在坪上村开展法治夜校，讲授民法典物权编，村民四十几人参加",
		Fields{Date: "2024-08-14", Type: TypeLecture, Place: "坪上村", Topics: []string{"民法典"}, Participants: 40}},
	{"more/q20 2024年8月1日在兴华", "2024-08-20T21:00:00+08:00", "2024年8月1日在兴华社区开展八一退役军人权益保障法宣传，发放资料80份，退役军人及家属40人参加",
		Fields{Date: "2024-08-01", Type: TypePublicity, Place: "兴华社区", Topics: []string{"退役军人"}, Participants: 40, Materials: 80}},
	{"more/r01 3月8日妇女节，在镇政府", "2025-03-10T19:00:00+08:00", "3月8日妇女节，在镇政府门口开展妇女权益保障宣传活动，现场发放宣传资料500余份，接受妇女群众法律咨询30人次",
		Fields{Date: "2025-03-08", Type: TypePublicity, Topics: []string{"妇女权益"}, Materials: 500, Consultations: 30}},
	{"more/r02 今天上午到长安村2组调解", "2025-03-10T19:00:00+08:00", "今天上午到长安村2组调解一起相邻权纠纷，下午到3组走访了10户群众",
		Fields{Date: "2025-03-10", Type: TypeMediation, Place: "长安村", Topics: []string{"邻里", "相邻"}, Households: 10, Mediations: 1}},
	{"more/r03 周五在乡政府会议室组织召", "2025-03-10T19:00:00+08:00", "周五在乡政府会议室组织召开全乡人民调解员例会，学习《人民调解法》，参会40人",
		Fields{Date: "2025-03-07", Type: TypeTraining, Topics: []string{"人民调解"}, Participants: 40}},
	{"more/r04 昨天下午我们村搞了个法律", "2025-03-10T19:00:00+08:00", "昨天下午我们村搞了个法律知识有奖竞答，参与的村民有三十多个",
		Fields{Date: "2025-03-09", Type: TypePublicity, Participants: 30}},
	{"more/r05 2月28日在红岩村开展民", "2025-03-10T19:00:00+08:00", "2月28日在红岩村开展民法典进农村活动，讲解民法典中的婚姻家庭编和继承编，参加群众九十余人，发放民法典学习读本50本",
		Fields{Date: "2025-02-28", Type: TypeLecture, Place: "红岩村", Topics: []string{"民法典", "婚姻家庭", "继承"}, Participants: 90, Materials: 50}},
	{"more/r06 今天在白马社区开展“3·", "2025-03-10T19:00:00+08:00", "今天在白马社区开展“3·15”消费者权益保护宣传，设置咨询台1个，展板10块，发放宣传单600张，解答群众咨询45人次",
		Fields{Date: "2025-03-10", Type: TypePublicity, Place: "白马社区", Topics: []string{"消费者权益"}, Materials: 600, Consultations: 45}},
	{"more/r07 3月5日学雷锋日，在马家", "2025-03-10T19:00:00+08:00", "3月5日学雷锋日，在马家村组织志愿者开展法律服务进村活动，为群众提供法律咨询20余人次，发放资料100份",
		Fields{Date: "2025-03-05", Type: TypePublicity, Place: "马家村", Materials: 100, Consultations: 20}},
	{"more/r08 本周共调解矛盾纠纷7件，", "2025-03-10T19:00:00+08:00", "本周共调解矛盾纠纷7件，调解成功6件，成功率85.7%",
		Fields{Date: "2025-03-10", Type: TypeMediation, Mediations: 7, MediationsResolved: 6}},
	{"more/r09 3月6日到杨柳村开展矛盾", "2025-03-10T19:00:00+08:00", "3月6日到杨柳村开展矛盾纠纷排查，排查出纠纷3起，当场化解2起，1起上报镇综治中心",
		Fields{Date: "2025-03-06", Type: TypeMediation, Place: "杨柳村", Mediations: 3, MediationsResolved: 2}},
	{"more/r10 今天在城关小学给五年级的", "2025-03-10T19:00:00+08:00", "今天在城关小学给五年级的同学们上了一节宪法课，共有学生96名",
		Fields{Date: "2025-03-10", Type: TypeLecture, Place: "城关小学", Topics: []string{"宪法"}, Participants: 96}},
	{"more/r11 上周二组织全体网格员进行", "2025-03-10T19:00:00+08:00", "上周二组织全体网格员进行业务培训，重点学习了反有组织犯罪法，参训人员共计62人",
		Fields{Date: "2025-03-04", Type: TypeTraining, Topics: []string{"反有组织犯罪"}, Participants: 62}},
	{"more/r12 3月9号在乌江村开展防范", "2025-03-10T19:00:00+08:00", "3月9号在乌江村开展防范养老诈骗宣传，群众参与积极，共计120余人参加，发放资料240份",
		Fields{Date: "2025-03-09", Type: TypePublicity, Place: "乌江村", Topics: []string{"反诈", "养老诈骗"}, Participants: 120, Materials: 240}},
	{"more/r13 今天接待群众来访3批12", "2025-03-10T19:00:00+08:00", "今天接待群众来访3批12人次，其中法律咨询8人次，调解纠纷1起，已调解成功",
		Fields{Date: "2025-03-10", Type: TypeMediation, Consultations: 12, Mediations: 1, MediationsResolved: 1}},
	{"more/r14 在高桥村村委会召开法治讲", "2025-03-10T19:00:00+08:00", "在高桥村村委会召开法治讲座，邀请县法院法官讲解农村常见法律纠纷，参加人员80人",
		Fields{Date: "2025-03-10", Type: TypeLecture, Place: "高桥村", Participants: 80}},
	{"more/r15 今天走访辖区重点人员家庭", "2025-03-10T19:00:00+08:00", "今天走访辖区重点人员家庭6户，开展帮教和法治教育",
		Fields{Date: "2025-03-10", Type: TypeVisit, Households: 6}},
	{"more/r16 3.7 在沙坪村调解离婚", "2025-03-10T19:00:00+08:00", "3.7 在沙坪村调解离婚纠纷一起 双方协议离婚 孩子由女方抚养",
		Fields{Date: "2025-03-07", Type: TypeMediation, Place: "沙坪村", Topics: []string{"婚姻", "离婚", "抚养"}, Mediations: 1, MediationsResolved: 1}},
	{"more/r17 今天在福利院开展送法活动", "2025-03-10T19:00:00+08:00", "今天在福利院开展送法活动，为老人讲解老年人权益保障法，参加老人及工作人员28人",
		Fields{Date: "2025-03-10", Type: TypeLecture, Place: "福利院", Topics: []string{"老年人权益"}, Participants: 28}},
	{"more/r18 今天在金山村开展普法宣传", "2025-03-10T19:00:00+08:00", "今天在金山村开展普法宣传 入户发放资料 共计走访23户 发放资料46份",
		Fields{Date: "2025-03-10", Type: TypeVisit, Place: "金山村", Materials: 46, Households: 23}},
	{"more/s01 国庆节前在红星村组织开展", "2024-10-08T18:00:00+08:00", "国庆节前在红星村组织开展了一次防范电信诈骗宣传活动，参加群众约150人，发放宣传资料300余份",
		Fields{Date: "2024-10-08", Type: TypePublicity, Place: "红星村", Topics: []string{"反诈", "电信诈骗"}, Participants: 150, Materials: 300}},
	{"more/s02 9月30日，在辖区内开展", "2024-10-08T18:00:00+08:00", "9月30日，在辖区内开展节前矛盾纠纷大排查，共排查各类矛盾纠纷6起，已化解5起，剩余1起正在跟进",
		Fields{Date: "2024-09-30", Type: TypeMediation, Mediations: 6, MediationsResolved: 5}},
	{"more/s03 今天镇司法所工作人员到李", "2024-10-08T18:00:00+08:00", "今天镇司法所工作人员到李庄村调处一起宅基地纠纷 现场丈量后双方认可 纠纷化解",
		Fields{Date: "2024-10-08", Type: TypeMediation, Place: "李庄村", Topics: []string{"宅基地"}, Mediations: 1, MediationsResolved: 1}},
	{"more/s04 10月7日，在七里村开展", "2024-10-08T18:00:00+08:00", "10月7日，在七里村开展“法律进万家”入户宣传活动，走访农户80余户，发放宣传资料160余份，解答群众法律咨询10余次",
		Fields{Date: "2024-10-07", Type: TypeVisit, Place: "七里村", Materials: 160, Consultations: 10, Households: 80}},
	{"more/s05 昨天下午在镇会议室召开村", "2024-10-08T18:00:00+08:00", "昨天下午在镇会议室召开村（社区）法律明白人培训会，共培训法律明白人45名，邀请县司法局股长授课",
		Fields{Date: "2024-10-07", Type: TypeTraining, Participants: 45}},
	{"more/s06 今日在卫生院开展医疗纠纷", "2024-10-08T18:00:00+08:00", "今日在卫生院开展医疗纠纷预防与处理条例宣传，医护人员及患者家属60余人参加",
		Fields{Date: "2024-10-08", Type: TypePublicity, Place: "卫生院", Topics: []string{"医疗纠纷"}, Participants: 60}},
	{"more/s07 上周五晚上在白沙村召开院", "2024-10-08T18:00:00+08:00", "上周五晚上在白沙村召开院坝会，以案说法讲解高额彩礼问题，参加群众110人",
		Fields{Date: "2024-10-04", Type: TypeLecture, Place: "白沙村", Topics: []string{"彩礼"}, Participants: 110}},
	{"more/s08 调解邻里纠纷1件，土地纠", "2024-10-08T18:00:00+08:00", "调解邻里纠纷1件，土地纠纷2件，均调解成功",
		Fields{Date: "2024-10-08", Type: TypeMediation, Topics: []string{"土地", "邻里"}, Mediations: 3, MediationsResolved: 3}},
	{"more/s09 今天在九龙村为群众提供免", "2024-10-08T18:00:00+08:00", "今天在九龙村为群众提供免费法律咨询，共解答咨询22人次，代写法律文书1份",
		Fields{Date: "2024-10-08", Type: TypeConsultation, Place: "九龙村", Consultations: 22}},
	{"more/s10 今年9月23日农民丰收节", "2024-10-08T18:00:00+08:00", "今年9月23日农民丰收节，在丰收广场开展普法宣传，发放资料1000份，参与群众2000人次",
		Fields{Date: "2024-09-23", Type: TypePublicity, Place: "丰收广场", Participants: 2000, Materials: 1000}},
	{"more/s11 10月8日 桃花村 入户", "2024-10-08T18:00:00+08:00", "10月8日 桃花村 入户走访 送法上门 32户 发放资料64份 宣传内容：民法典、反诈",
		Fields{Date: "2024-10-08", Type: TypeVisit, Place: "桃花村", Topics: []string{"民法典", "反诈"}, Materials: 64, Households: 32}},
	{"more/s12 今天和村支书一起调解了一", "2024-10-08T18:00:00+08:00", "今天和村支书一起调解了一起债务纠纷，欠款人承诺年底前还清，双方签字确认",
		Fields{Date: "2024-10-08", Type: TypeMediation, Topics: []string{"民间借贷", "欠款"}, Mediations: 1, MediationsResolved: 1}},
	{"more/s13 本周三组织村干部集中学习", "2024-10-08T18:00:00+08:00", "本周三组织村干部集中学习了信访工作条例和人民调解法，参加人员12人",
		Fields{Date: "2024-10-02", Type: TypeTraining, Topics: []string{"信访", "人民调解"}, Participants: 12}},
	{"more/s14 今天在石板村开展普法宣传", "2024-10-08T18:00:00+08:00", "今天在石板村开展普法宣传，现场发放《民法典》宣传册100本，悬挂横幅1条，解答群众法律咨询15人次，参加群众80余人",
		Fields{Date: "2024-10-08", Type: TypePublicity, Place: "石板村", Topics: []string{"民法典"}, Participants: 80, Materials: 100, Consultations: 15}},
	{"more/s15 在镇中心小学开展开学第一", "2024-10-08T18:00:00+08:00", "在镇中心小学开展开学第一课法治宣讲，全校1200余名师生参加",
		Fields{Date: "2024-10-08", Type: TypeLecture, Place: "镇中心小学", Participants: 1200}},
	{"more/s16 国庆期间走访慰问困难群众", "2024-10-08T18:00:00+08:00", "国庆期间走访慰问困难群众15户，宣传社会救助政策",
		Fields{Date: "2024-10-08", Type: TypeVisit, Households: 15}},
	{"more/t01 周四在马鞍山村开展民法典", "2024-03-16T18:30:00+08:00", "周四在马鞍山村开展民法典宣传，参加群众一百二十人，发放资料三千五百份",
		Fields{Date: "2024-03-14", Type: TypePublicity, Place: "马鞍山村", Topics: []string{"民法典"}, Participants: 120, Materials: 3500}},
	{"more/t02 12月2日至4日宪法宣传", "2024-12-05T20:00:00+08:00", "12月2日至4日宪法宣传周期间，在镇文化广场和各村开展宪法宣传，累计发放资料1.2万份，受众群众三千五百余人",
		Fields{Date: "2024-12-02", Type: TypePublicity, Place: "文化广场", Topics: []string{"宪法"}, Participants: 3500, Materials: 12000}},
	{"more/t03 本周三在光荣社区举办法治", "2024-03-16T18:30:00+08:00", "本周三在光荣社区举办法治讲座，讲解消费者权益保护法，居民六十余人参加",
		Fields{Date: "2024-03-13", Type: TypeLecture, Place: "光荣社区", Topics: []string{"消费者权益"}, Participants: 60}},
	{"more/t04 今天在河口村调解土地承包", "2025-05-12T12:00:00+08:00", "今天在河口村调解土地承包纠纷2起，经调解1起达成协议，1起未调成",
		Fields{Date: "2025-05-12", Type: TypeMediation, Place: "河口村", Topics: []string{"土地承包"}, Mediations: 2, MediationsResolved: 1}},
	{"more/t05 6月26日国际禁毒日，在", "2024-06-27T09:00:00+08:00", "6月26日国际禁毒日，在第一中学开展禁毒宣传教育，师生两千余人参加，发放禁毒宣传资料两千份",
		Fields{Date: "2024-06-26", Type: TypePublicity, Place: "第一中学", Topics: []string{"禁毒"}, Participants: 2000, Materials: 2000}},
	{"more/t06 11月9日在敬老院开展消", "2024-12-05T20:00:00+08:00", "11月9日在敬老院开展消防安全宣传，为老人讲解用火用电安全常识，发放资料40份",
		Fields{Date: "2024-11-09", Type: TypePublicity, Place: "敬老院", Topics: []string{"消防安全"}, Materials: 40}},
	{"more/t07 5月9日在兴旺村召开院坝", "2025-05-12T12:00:00+08:00", "5月9日在兴旺村召开院坝会，宣讲民法典婚姻家庭编，到会群众九十多人",
		Fields{Date: "2025-05-09", Type: TypeLecture, Place: "兴旺村", Topics: []string{"民法典", "婚姻家庭"}, Participants: 90}},
	{"more/t08 今天在工业园区开展劳动法", "2024-06-27T09:00:00+08:00", "今天在工业园区开展劳动法律宣传，为企业职工解答劳动合同、工资支付等方面的咨询20人次",
		Fields{Date: "2024-06-27", Type: TypePublicity, Place: "工业园区", Topics: []string{"劳动"}, Consultations: 20}},
	{"more/t09 3月8日在镇妇联的组织下", "2024-03-16T18:30:00+08:00", "3月8日在镇妇联的组织下，到各村开展妇女权益保障法宣传，发放资料八百份",
		Fields{Date: "2024-03-08", Type: TypePublicity, Topics: []string{"妇女权益"}, Materials: 800}},
	{"more/t10 今天到青山村入户走访，重", "2025-05-12T12:00:00+08:00", "今天到青山村入户走访，重点走访独居老人12户，宣传防范养老诈骗知识",
		Fields{Date: "2025-05-12", Type: TypeVisit, Place: "青山村", Topics: []string{"反诈", "养老诈骗"}, Households: 12}},
	{"more/t11 昨天在红旗村调解一起赡养", "2024-12-05T20:00:00+08:00", "昨天在红旗村调解一起赡养纠纷，经调解，两个儿子同意每月各给老人生活费300元",
		Fields{Date: "2024-12-04", Type: TypeMediation, Place: "红旗村", Topics: []string{"赡养"}, Mediations: 1, MediationsResolved: 1}},
	{"more/t12 在永兴村法律顾问工作室值", "2024-06-27T09:00:00+08:00", "在永兴村法律顾问工作室值班，接待群众法律咨询6人次",
		Fields{Date: "2024-06-27", Type: TypeConsultation, Place: "永兴村", Consultations: 6}},
	{"more/t13 组织镇村两级调解员参加市", "2025-05-12T12:00:00+08:00", "组织镇村两级调解员参加市司法局举办的人民调解业务线上培训，参训人员38人",
		Fields{Date: "2025-05-12", Type: TypeTraining, Topics: []string{"人民调解"}, Participants: 38}},
	{"more/t14 3.15当天在镇中心集市", "2024-03-16T18:30:00+08:00", "3.15当天在镇中心集市开展消费维权宣传，设立咨询台，发放资料两百份，接受咨询三十人次",
		Fields{Date: "2024-03-15", Type: TypePublicity, Place: "中心集市", Topics: []string{"消费者权益", "消费维权"}, Materials: 200, Consultations: 30}},
	{"more/t15 12月4日国家宪法日，在", "2024-12-05T20:00:00+08:00", "12月4日国家宪法日，在实验小学开展“宪法晨读”活动，全校师生八百余人参加",
		Fields{Date: "2024-12-04", Type: TypePublicity, Place: "实验小学", Topics: []string{"宪法"}, Participants: 800}},
	{"more/t16 上周五调解了一起因修建围", "2025-05-12T12:00:00+08:00", "上周五调解了一起因修建围墙引发的相邻纠纷，双方达成和解",
		Fields{Date: "2025-05-09", Type: TypeMediation, Topics: []string{"邻里", "相邻"}, Mediations: 1, MediationsResolved: 1}},
	{"more/t17 前天在东山村组织村民观看", "2024-06-27T09:00:00+08:00", "前天在东山村组织村民观看禁毒警示教育片，观看群众56人",
		Fields{Date: "2024-06-25", Type: TypePublicity, Place: "东山村", Topics: []string{"禁毒"}, Participants: 56}},
	{"more/t18 今天在新华村开展以案释法", "2024-12-05T20:00:00+08:00", "今天在新华村开展以案释法，用身边的电信诈骗案例讲解反诈知识，听课群众45人",
		Fields{Date: "2024-12-05", Type: TypeLecture, Place: "新华村", Topics: []string{"反诈", "电信诈骗"}, Participants: 45}},
	{"more/u01 今天在长河村开展普法宣传", "2024-05-20T18:00:00+08:00", "今天在长河村开展普法宣传，参与群众200余人次，其中青少年50人，发放资料300份、宣传品100件",
		Fields{Date: "2024-05-20", Type: TypePublicity, Place: "长河村", Participants: 200, Materials: 400}},
	{"more/u02 第三期法律明白人培训班今", "2024-05-20T18:00:00+08:00", "第三期法律明白人培训班今天开班，参训学员56名，培训为期2天",
		Fields{Date: "2024-05-20", Type: TypeTraining, Participants: 56}},
	{"more/u03 5月18日在柏林村调解纠", "2024-05-20T18:00:00+08:00", "5月18日在柏林村调解纠纷，一共调解了4起，调成3起",
		Fields{Date: "2024-05-18", Type: TypeMediation, Place: "柏林村", Mediations: 4, MediationsResolved: 3}},
	{"more/u04 今天下午2点至5点在大桥", "2024-05-20T18:00:00+08:00", "今天下午2点至5点在大桥社区开展反邪教宣传，悬挂横幅2条，发放资料200份，宣传覆盖群众300余人",
		Fields{Date: "2024-05-20", Type: TypePublicity, Place: "大桥社区", Topics: []string{"反邪教"}, Participants: 300, Materials: 200}},
	{"more/u05 联系人：王磊 电话：13", "2024-05-20T18:00:00+08:00", "联系人：王磊 电话：13912345678 5月16日在柳湾村开展禁毒宣传 群众100人",
		Fields{Date: "2024-05-16", Type: TypePublicity, Place: "柳湾村", Topics: []string{"禁毒"}, Participants: 100}},
	{"more/u06 5月15日调解一起借款纠", "2024-05-20T18:00:00+08:00", "5月15日调解一起借款纠纷，涉及金额5万元，经调解，借款人同意分3期还款",
		Fields{Date: "2024-05-15", Type: TypeMediation, Topics: []string{"民间借贷", "借款"}, Mediations: 1, MediationsResolved: 1}},
	{"more/u07 今天在镇广场开展“防灾减", "2024-05-20T18:00:00+08:00", "今天在镇广场开展“防灾减灾日”宣传，发放资料1500份，参与群众约600人，接受咨询80余人次",
		Fields{Date: "2024-05-20", Type: TypePublicity, Place: "广场", Participants: 600, Materials: 1500, Consultations: 80}},
	{"more/u08 上周走访了辖区内的3所学", "2024-05-20T18:00:00+08:00", "上周走访了辖区内的3所学校，为师生讲授法治课3场，受益学生1200人",
		Fields{Date: "2024-05-20", Type: TypeLecture, Participants: 1200}},
	{"more/u09 今天在杨家村开展入户走访", "2024-05-20T18:00:00+08:00", "今天在杨家村开展入户走访，走访了20户，其中低保户5户",
		Fields{Date: "2024-05-20", Type: TypeVisit, Place: "杨家村", Households: 20}},
	{"more/u10 在龙王庙村召开群众会，参", "2024-05-20T18:00:00+08:00", "在龙王庙村召开群众会，参会群众70人，会上宣读了村规民约，解答群众提问10个",
		Fields{Date: "2024-05-20", Type: TypeLecture, Place: "龙王庙村", Topics: []string{"村规民约"}, Participants: 70, Consultations: 10}},
	{"more/v01 6月28日上午，镇综治中", "2025-06-30T20:00:00+08:00", "6月28日上午，镇综治中心在大石村调解一起山林边界纠纷，经过现场勘查、释法说理，双方当场签订调解协议",
		Fields{Date: "2025-06-28", Type: TypeMediation, Place: "大石村", Mediations: 1, MediationsResolved: 1}},
	{"more/v02 今天普法志愿者在老街集市", "2025-06-30T20:00:00+08:00", "今天普法志愿者在老街集市摆摊宣传反洗钱知识，咨询的群众有二十来个，发出去宣传单一百五十张",
		Fields{Date: "2025-06-30", Type: TypePublicity, Place: "老街集市", Materials: 150, Consultations: 20}},
	{"more/v03 6.26禁毒日，在西湖社", "2025-06-30T20:00:00+08:00", "6.26禁毒日，在西湖社区开展禁毒知识竞赛，参赛居民40人，观众100余人",
		Fields{Date: "2025-06-26", Type: TypePublicity, Place: "西湖社区", Topics: []string{"禁毒"}, Participants: 140}},
	{"more/v04 上周末组织村民代表、网格", "2025-06-30T20:00:00+08:00", "上周末组织村民代表、网格员共30人到县法院旁听庭审",
		Fields{Date: "2025-06-28", Type: TypeTraining, Participants: 30}},
	{"more/v05 今天在金星村为30户脱贫", "2025-06-30T20:00:00+08:00", "今天在金星村为30户脱贫户送法上门，讲解民法典和农村土地承包法",
		Fields{Date: "2025-06-30", Type: TypeVisit, Place: "金星村", Topics: []string{"民法典", "土地承包"}, Households: 30}},
	{"more/v06 接待群众来电咨询4人次，", "2025-06-30T20:00:00+08:00", "接待群众来电咨询4人次，来访咨询3人次",
		Fields{Date: "2025-06-30", Type: TypeConsultation, Consultations: 7}},
	{"more/v07 6月20日至6月22日，", "2025-06-30T20:00:00+08:00", "6月20日至6月22日，在全镇8个村巡回开展防溺水宣传，共发放资料800份，受教育群众1600人",
		Fields{Date: "2025-06-20", Type: TypePublicity, Topics: []string{"防溺水"}, Participants: 1600, Materials: 800}},
	{"more/v08 今天调解家庭纠纷一起，婆", "2025-06-30T20:00:00+08:00", "今天调解家庭纠纷一起，婆媳矛盾，经劝说已和解",
		Fields{Date: "2025-06-30", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/v09 6月25日在镇政府三楼会", "2025-06-30T20:00:00+08:00", "6月25日在镇政府三楼会议室举办全镇网格员法律知识培训，培训网格员86人",
		Fields{Date: "2025-06-25", Type: TypeTraining, Participants: 86}},
	{"more/v10 在水口村召开屋场会，围绕", "2025-06-30T20:00:00+08:00", "在水口村召开屋场会，围绕高额彩礼、婚丧陋习开展移风易俗宣讲，参会群众六十人",
		Fields{Date: "2025-06-30", Type: TypeLecture, Place: "水口村", Topics: []string{"彩礼"}, Participants: 60}},
	{"more/v11 星期五走访了12户留守老", "2025-06-30T20:00:00+08:00", "星期五走访了12户留守老人家庭，宣传赡养义务和防诈骗知识",
		Fields{Date: "2025-06-27", Type: TypeVisit, Topics: []string{"反诈", "防诈骗", "赡养"}, Households: 12}},
	{"more/v12 今天协调处理一起工伤赔偿", "2025-06-30T20:00:00+08:00", "今天协调处理一起工伤赔偿纠纷，企业同意赔偿工人医疗费等共计3.2万元，纠纷已化解",
		Fields{Date: "2025-06-30", Type: TypeMediation, Topics: []string{"工伤"}, Mediations: 1, MediationsResolved: 1}},
	{"more/v13 2025年6月18日，在", "2025-06-30T20:00:00+08:00", "2025年6月18日，在石门村开展《中华人民共和国乡村振兴促进法》宣传，发放资料85份，群众参与40余人",
		Fields{Date: "2025-06-18", Type: TypePublicity, Place: "石门村", Topics: []string{"乡村振兴"}, Participants: 40, Materials: 85}},
	{"more/v14 今日值班，接待来访群众2", "2025-06-30T20:00:00+08:00", "今日值班，接待来访群众2人，均为土地纠纷咨询，已给予法律解答",
		Fields{Date: "2025-06-30", Type: TypeConsultation, Topics: []string{"土地"}, Consultations: 2}},
	{"more/w01 今天调解纠纷2起（邻里纠", "2024-09-10T20:00:00+08:00", "今天调解纠纷2起（邻里纠纷1起、婚姻纠纷1起），均调解成功",
		Fields{Date: "2024-09-10", Type: TypeMediation, Topics: []string{"婚姻", "邻里"}, Mediations: 2, MediationsResolved: 2}},
	{"more/w02 9月9日开展普法宣传2场", "2024-09-10T20:00:00+08:00", "9月9日开展普法宣传2场次，参与群众300人次，发放资料600份",
		Fields{Date: "2024-09-09", Type: TypePublicity, Participants: 300, Materials: 600}},
	{"more/w03 教师节当天到镇中心学校开", "2024-09-10T20:00:00+08:00", "教师节当天到镇中心学校开展法治讲座，教职工56人参加",
		Fields{Date: "2024-09-10", Type: TypeLecture, Place: "中心学校", Participants: 56}},
	{"more/w04 今天在黄土坡村处理一起土", "2024-09-10T20:00:00+08:00", "今天在黄土坡村处理一起土地流转合同纠纷，双方各执一词，暂未达成一致，下周继续调解",
		Fields{Date: "2024-09-10", Type: TypeMediation, Place: "黄土坡村", Topics: []string{"土地", "合同"}, Mediations: 1}},
	{"more/w05 昨天在新店村组织开展了法", "2024-09-10T20:00:00+08:00", "昨天在新店村组织开展了法治文艺演出，演出快板、小品等节目6个，观看群众三百余人",
		Fields{Date: "2024-09-09", Type: TypePublicity, Place: "新店村", Participants: 300}},
	{"more/w06 9月5日，组织机关干部职", "2024-09-10T20:00:00+08:00", "9月5日，组织机关干部职工开展学法考试，参考人数48人，合格率100%",
		Fields{Date: "2024-09-05", Type: TypeTraining, Participants: 48}},
	{"more/w07 本周一到周三在全镇开展了", "2024-09-10T20:00:00+08:00", "本周一到周三在全镇开展了入户走访，累计走访农户260户，发放明白卡260张",
		Fields{Date: "2024-09-09", Type: TypeVisit, Materials: 260, Households: 260}},
	{"more/w08 今天在太阳村给村民讲了一", "2024-09-10T20:00:00+08:00", "今天在太阳村给村民讲了一堂反电诈课，来听的有六七十人",
		Fields{Date: "2024-09-10", Type: TypeLecture, Place: "太阳村", Topics: []string{"反诈", "电诈"}, Participants: 60}},
	{"more/w09 接到群众求助后，今天上午", "2024-09-10T20:00:00+08:00", "接到群众求助后，今天上午到现场调解了一起噪音扰民纠纷，当事人表示接受调解意见",
		Fields{Date: "2024-09-10", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/w10 在镇司法所开展法律援助咨", "2024-09-10T20:00:00+08:00", "在镇司法所开展法律援助咨询接待，共接待咨询群众9人，受理法律援助申请2件",
		Fields{Date: "2024-09-10", Type: TypeConsultation, Place: "司法所", Topics: []string{"法律援助"}, Consultations: 9}},
	{"more/x01 11月9日全国消防日，联", "2025-11-10T19:00:00+08:00", "11月9日全国消防日，联合派出所在集镇开展消防安全宣传，发放资料400份，参与群众200余人",
		Fields{Date: "2025-11-09", Type: TypePublicity, Place: "集镇", Topics: []string{"消防安全"}, Participants: 200, Materials: 400}},
	{"more/x02 今天去了趟桃源村，帮村民", "2025-11-10T19:00:00+08:00", "今天去了趟桃源村，帮村民老张和邻居调解了宅基地的事，两家已经说好了",
		Fields{Date: "2025-11-10", Type: TypeMediation, Place: "桃源村", Topics: []string{"宅基地"}, Mediations: 1, MediationsResolved: 1}},
	{"more/x03 上周四下午在镇党校举办法", "2025-11-10T19:00:00+08:00", "上周四下午在镇党校举办法治专题讲座，主讲人县委党校李教授，镇村干部120人听课",
		Fields{Date: "2025-11-06", Type: TypeTraining, Participants: 120}},
	{"more/x04 11月3号到11月7号，", "2025-11-10T19:00:00+08:00", "11月3号到11月7号，在幸福村、团结村、胜利村开展民法典宣传，共发放资料900份",
		Fields{Date: "2025-11-03", Type: TypePublicity, Place: "幸福村", Topics: []string{"民法典"}, Materials: 900}},
	{"more/x05 今天上午司法所接待来访群", "2025-11-10T19:00:00+08:00", "今天上午司法所接待来访群众咨询问题5个，涉及工资拖欠、交通事故赔偿",
		Fields{Date: "2025-11-10", Type: TypeConsultation, Place: "司法所", Topics: []string{"欠薪", "工资拖欠", "交通事故"}, Consultations: 5}},
	{"more/x06 昨日组织各村法律明白人到", "2025-11-10T19:00:00+08:00", "昨日组织各村法律明白人到县法院参观学习，参加人员25名",
		Fields{Date: "2025-11-09", Type: TypeTraining, Participants: 25}},
	{"more/x07 11.8 大湾村 调解 ", "2025-11-10T19:00:00+08:00", "11.8 大湾村 调解 相邻权纠纷 1起 成功",
		Fields{Date: "2025-11-08", Type: TypeMediation, Place: "大湾村", Topics: []string{"邻里", "相邻"}, Mediations: 1, MediationsResolved: 1}},
	{"more/x08 今天在龙溪村开展“法治体", "2025-11-10T19:00:00+08:00", "今天在龙溪村开展“法治体检”进企业活动，走访企业6家，发放资料30份",
		Fields{Date: "2025-11-10", Type: TypeVisit, Place: "龙溪村", Materials: 30}},
	{"more/x09 在中心校开展防范校园欺凌", "2025-11-10T19:00:00+08:00", "在中心校开展防范校园欺凌专题讲座，七、八年级学生共320人参加",
		Fields{Date: "2025-11-10", Type: TypeLecture, Place: "中心校", Topics: []string{"校园欺凌"}, Participants: 320}},
	{"more/x10 调解组本月以来共受理纠纷", "2025-11-10T19:00:00+08:00", "调解组本月以来共受理纠纷9件，调解成功8件，1件正在调解",
		Fields{Date: "2025-11-10", Type: TypeMediation, Mediations: 9, MediationsResolved: 8}},
	{"more/x11 今天在新桥村村委会组织村", "2025-11-10T19:00:00+08:00", "今天在新桥村村委会组织村民学习民法典，参加村民42人",
		Fields{Date: "2025-11-10", Type: TypeLecture, Place: "新桥村", Topics: []string{"民法典"}, Participants: 42}},
	{"more/x12 今晚在李家湾村放映普法电", "2025-11-10T19:00:00+08:00", "今晚在李家湾村放映普法电影一场，观众约200人，发放宣传资料100份",
		Fields{Date: "2025-11-10", Type: TypePublicity, Place: "李家湾村", Participants: 200, Materials: 100}},
	{"more/y01 今天在东岳村宣传民法典，", "2025-04-02T21:00:00+08:00", "今天在东岳村宣传民法典，大概60人左右",
		Fields{Date: "2025-04-02", Type: TypePublicity, Place: "东岳村", Topics: []string{"民法典"}, Participants: 60}},
	{"more/y02 调解1起 成功", "2025-04-02T21:00:00+08:00", "调解1起 成功",
		Fields{Date: "2025-04-02", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/y03 昨天入户12户", "2025-04-02T21:00:00+08:00", "昨天入户12户",
		Fields{Date: "2025-04-01", Type: TypeVisit, Households: 12}},
	{"more/y04 3月31号 坪坝村 讲座", "2025-04-02T21:00:00+08:00", "3月31号 坪坝村 讲座 反诈 80人",
		Fields{Date: "2025-03-31", Type: TypeLecture, Place: "坪坝村", Topics: []string{"反诈"}, Participants: 80}},
	{"more/y05 今天发了500份宣传资料", "2025-04-02T21:00:00+08:00", "今天发了500份宣传资料，在菜市场",
		Fields{Date: "2025-04-02", Type: TypePublicity, Place: "菜市场", Materials: 500}},
	{"more/y06 上午接待咨询3人，下午调", "2025-04-02T21:00:00+08:00", "上午接待咨询3人，下午调解纠纷1件已调成",
		Fields{Date: "2025-04-02", Type: TypeMediation, Consultations: 3, Mediations: 1, MediationsResolved: 1}},
	{"more/y07 4月1日组织学法，15人", "2025-04-02T21:00:00+08:00", "4月1日组织学法，15人",
		Fields{Date: "2025-04-01", Type: TypeTraining, Participants: 15}},
	{"more/y08 在敬老院普法，老人20个", "2025-04-02T21:00:00+08:00", "在敬老院普法，老人20个",
		Fields{Date: "2025-04-02", Type: TypePublicity, Place: "敬老院", Participants: 20}},
	{"more/y09 清明节前在各村开展森林防", "2025-04-02T21:00:00+08:00", "清明节前在各村开展森林防火宣传，发放资料1000余份",
		Fields{Date: "2025-04-02", Type: TypePublicity, Topics: []string{"森林防火"}, Materials: 1000}},
	{"more/y10 今天矛盾纠纷调解2起，调", "2025-04-02T21:00:00+08:00", "今天矛盾纠纷调解2起，调解成功2起",
		Fields{Date: "2025-04-02", Type: TypeMediation, Mediations: 2, MediationsResolved: 2}},
	{"more/z01 昨天下午在王家坝村开展了", "2024-03-16T18:30:00+08:00", "昨天下午在王家坝村开展了一场民法典宣讲，村民来了一百二十多人，发放资料三千五百份",
		Fields{Date: "2024-03-15", Type: TypeLecture, Place: "王家坝村", Topics: []string{"民法典"}, Participants: 120, Materials: 3500}},
	{"more/z02 3月14日在镇中心广场开", "2024-03-16T18:30:00+08:00", "3月14日在镇中心广场开展“3·15”消费者权益日宣传活动，发放资料1.2万份，现场解答群众咨询200余人次",
		Fields{Date: "2024-03-14", Type: TypePublicity, Place: "中心广场", Topics: []string{"消费者权益"}, Materials: 12000, Consultations: 200}},
	{"more/z03 12月4日国家宪法日，在", "2024-12-05T20:00:00+08:00", "12月4日国家宪法日，在青石村开展宪法宣传，参加群众两百人，发放宪法单行本一百本",
		Fields{Date: "2024-12-04", Type: TypePublicity, Place: "青石村", Topics: []string{"宪法"}, Participants: 200, Materials: 100}},
	{"more/z04 今天上午在柳树村调解一起", "2025-05-12T12:00:00+08:00", "今天上午在柳树村调解一起婚姻家庭纠纷，经过耐心劝导，夫妻双方和好",
		Fields{Date: "2025-05-12", Type: TypeMediation, Place: "柳树村", Topics: []string{"婚姻家庭"}, Mediations: 1, MediationsResolved: 1}},
	{"more/z05 上周五调解土地纠纷三起，", "2025-05-12T12:00:00+08:00", "上周五调解土地纠纷三起，成功两起，一起当事人不同意调解方案，已告知其诉讼途径",
		Fields{Date: "2025-05-09", Type: TypeMediation, Topics: []string{"土地", "土地纠纷"}, Mediations: 3, MediationsResolved: 2}},
	{"more/z06 在红光社区法律服务站接待", "2024-06-27T09:00:00+08:00", "在红光社区法律服务站接待居民来访咨询7人次，涉及物业纠纷和劳动合同问题",
		Fields{Date: "2024-06-27", Type: TypeConsultation, Place: "红光社区", Topics: []string{"劳动", "劳动合同", "物业管理"}, Consultations: 7}},
	{"more/z07 6月25日 在镇政府会议", "2024-06-27T09:00:00+08:00", "6月25日 在镇政府会议室 组织全镇村（社区）干部学习新修订的《中华人民共和国安全生产法》 参加人员46人",
		Fields{Date: "2024-06-25", Type: TypeTraining, Topics: []string{"安全生产"}, Participants: 46}},
	{"more/z08 12月3日在杨柳村入户走", "2024-12-05T20:00:00+08:00", "12月3日在杨柳村入户走访，走访农户25户，宣传农村宅基地管理规定，发放资料50份",
		Fields{Date: "2024-12-03", Type: TypeVisit, Place: "杨柳村", Topics: []string{"宅基地"}, Materials: 50, Households: 25}},
	{"more/z09 5月10日在东方红村开展", "2025-05-12T12:00:00+08:00", "5月10日在东方红村开展防范非法集资宣传，参加群众90余人，解答咨询12人次，发放资料180份",
		Fields{Date: "2025-05-10", Type: TypePublicity, Place: "东方红村", Topics: []string{"防范非法集资"}, Participants: 90, Materials: 180, Consultations: 12}},
	{"more/z10 3月13日晚在大河坝村召", "2024-03-16T18:30:00+08:00", "3月13日晚在大河坝村召开院坝会，以案释法讲解农村常见的赡养纠纷，到会群众85人",
		Fields{Date: "2024-03-13", Type: TypeLecture, Place: "大河坝村", Topics: []string{"赡养"}, Participants: 85}},
	{"more/z11 今天到建华村调解一起邻里", "2024-06-27T09:00:00+08:00", "今天到建华村调解一起邻里土地边界纠纷，因双方分歧大，调解未果，已转镇矛调中心",
		Fields{Date: "2024-06-27", Type: TypeMediation, Place: "建华村", Topics: []string{"邻里"}, Mediations: 1}},
	{"more/z12 11月28日 在金桥社区", "2024-12-05T20:00:00+08:00", "11月28日 在金桥社区 开展 未成年人保护法 宣传 学生家长 60人 资料 120份",
		Fields{Date: "2024-11-28", Type: TypePublicity, Place: "金桥社区", Topics: []string{"未成年人保护"}, Participants: 60, Materials: 120}},
	{"more/a01 2月18日在清河村组织开", "2025-02-20T18:00:00+08:00", "2月18日在清河村组织开展春节返乡人员法律宣传，重点宣传劳动合同法、反电信网络诈骗法，参与群众130人，发放资料260份",
		Fields{Date: "2025-02-18", Type: TypePublicity, Place: "清河村", Topics: []string{"反电信网络诈骗", "劳动", "劳动合同"}, Participants: 130, Materials: 260}},
	{"more/a02 前日在黑山村化解一起因赡", "2025-02-20T18:00:00+08:00", "前日在黑山村化解一起因赡养老人引发的家庭矛盾，兄妹三人达成赡养协议",
		Fields{Date: "2025-02-18", Type: TypeMediation, Place: "黑山村", Topics: []string{"赡养"}, Mediations: 1, MediationsResolved: 1}},
	{"more/a03 今天在镇司法所召开人民调", "2025-02-20T18:00:00+08:00", "今天在镇司法所召开人民调解员座谈会，交流调解经验，参加人员20人",
		Fields{Date: "2025-02-20", Type: TypeTraining, Place: "司法所", Topics: []string{"人民调解"}, Participants: 20}},
	{"more/a04 星期二在四合村挨家挨户发", "2025-02-20T18:00:00+08:00", "星期二在四合村挨家挨户发放禁毒宣传资料，共发放80份，覆盖40户",
		Fields{Date: "2025-02-18", Type: TypeVisit, Place: "四合村", Topics: []string{"禁毒"}, Materials: 80, Households: 40}},
	{"more/a05 组织开展“法律明白人”以", "2025-02-20T18:00:00+08:00", "组织开展“法律明白人”以案释法活动，在金鸡村讲解2个身边案例，群众55人参加",
		Fields{Date: "2025-02-20", Type: TypeLecture, Place: "金鸡村", Participants: 55}},
	{"more/a06 今天接待了3个来咨询离婚", "2025-02-20T18:00:00+08:00", "今天接待了3个来咨询离婚问题的群众",
		Fields{Date: "2025-02-20", Type: TypeConsultation, Topics: []string{"婚姻", "离婚"}, Consultations: 3}},
	{"more/a07 2月15日元宵节在镇文化", "2025-02-20T18:00:00+08:00", "2月15日元宵节在镇文化广场开展法治灯谜竞猜活动，参与群众500余人，发放资料800余份",
		Fields{Date: "2025-02-15", Type: TypePublicity, Place: "文化广场", Participants: 500, Materials: 800}},
	{"more/a08 这周一到光明村处理了两起", "2025-02-20T18:00:00+08:00", "这周一到光明村处理了两起纠纷，一起是土地纠纷已调解成功，一起是债务纠纷当事人不接受调解",
		Fields{Date: "2025-02-17", Type: TypeMediation, Place: "光明村", Topics: []string{"土地", "土地纠纷"}, Mediations: 2, MediationsResolved: 1}},
	{"more/a09 在三江村开展反家暴宣传，", "2025-02-20T18:00:00+08:00", "在三江村开展反家暴宣传，妇女群众35人参加，发放宣传资料70份，解答咨询4人次",
		Fields{Date: "2025-02-20", Type: TypePublicity, Place: "三江村", Topics: []string{"反家暴"}, Participants: 35, Materials: 70, Consultations: 4}},
	{"more/a10 今天去了村里小学，给孩子", "2025-02-20T18:00:00+08:00", "今天去了村里小学，给孩子们讲了防拐骗和防性侵的知识，听课学生150名",
		Fields{Date: "2025-02-20", Type: TypeLecture, Participants: 150}},
	{"more/b01 7月12日在花桥村召开村", "2024-07-15T18:00:00+08:00", "7月12日在花桥村召开村民小组会议，讲解防汛避险和防溺水知识，参会村民42人",
		Fields{Date: "2024-07-12", Type: TypeLecture, Place: "花桥村", Topics: []string{"防溺水", "防汛"}, Participants: 42}},
	{"more/b02 今天到鹿鸣村调解一起宅基", "2024-07-15T18:00:00+08:00", "今天到鹿鸣村调解一起宅基地使用权纠纷，双方同意按原界址划定，纠纷得到化解",
		Fields{Date: "2024-07-15", Type: TypeMediation, Place: "鹿鸣村", Topics: []string{"宅基地"}, Mediations: 1, MediationsResolved: 1}},
	{"more/b03 7月10日，镇普法讲师团", "2024-07-15T18:00:00+08:00", "7月10日，镇普法讲师团走进盘龙村开展法治宣讲，宣讲民法典相邻关系相关内容，听众六十余名",
		Fields{Date: "2024-07-10", Type: TypeLecture, Place: "盘龙村", Topics: []string{"民法典", "邻里", "相邻"}, Participants: 60}},
	{"more/b04 暑假期间在社区开展青少年", "2024-07-15T18:00:00+08:00", "暑假期间在社区开展青少年法治夏令营，参加学生30名，共开展活动5次",
		Fields{Date: "2024-07-15", Type: TypePublicity, Participants: 30}},
	{"more/b05 今天接待群众来访咨询，内", "2024-07-15T18:00:00+08:00", "今天接待群众来访咨询，内容涉及土地确权、婚姻继承等，共接待14人次",
		Fields{Date: "2024-07-15", Type: TypeConsultation, Topics: []string{"婚姻", "继承"}, Consultations: 14}},
	{"more/b06 7月8日至7月9日，在全", "2024-07-15T18:00:00+08:00", "7月8日至7月9日，在全镇开展农村用电安全和防诈骗入户宣传，走访农户150户，发放资料300份",
		Fields{Date: "2024-07-08", Type: TypeVisit, Topics: []string{"反诈", "防诈骗"}, Materials: 300, Households: 150}},
	{"more/b07 上周六在滨河公园开展禁毒", "2024-07-15T18:00:00+08:00", "上周六在滨河公园开展禁毒宣传活动，发放禁毒宣传资料六百份，接受群众咨询五十人次，参与群众约三百人",
		Fields{Date: "2024-07-13", Type: TypePublicity, Place: "滨河公园", Topics: []string{"禁毒"}, Participants: 300, Materials: 600, Consultations: 50}},
	{"more/b08 调解员老李今天化解了一起", "2024-07-15T18:00:00+08:00", "调解员老李今天化解了一起因放牛践踏庄稼引发的赔偿纠纷，赔偿800元，双方满意",
		Fields{Date: "2024-07-15", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/b09 7月11日组织村两委班子", "2024-07-15T18:00:00+08:00", "7月11日组织村两委班子成员学习《信访工作条例》，参学人员9人",
		Fields{Date: "2024-07-11", Type: TypeTraining, Topics: []string{"信访"}, Participants: 9}},
	{"more/b10 今天在荷花村召开法治院坝", "2024-07-15T18:00:00+08:00", "今天在荷花村召开法治院坝会 讲解土地承包 到会群众五十余人 解答疑问8个",
		Fields{Date: "2024-07-15", Type: TypeLecture, Place: "荷花村", Topics: []string{"土地承包"}, Participants: 50, Consultations: 8}},
	{"more/c01 9月1日开学第一天，在育", "2025-09-03T19:00:00+08:00", "9月1日开学第一天，在育才小学开展“法治第一课”，为全校学生讲解未成年人保护法，学生及老师共计650人",
		Fields{Date: "2025-09-01", Type: TypeLecture, Place: "育才小学", Topics: []string{"未成年人保护"}, Participants: 650}},
	{"more/c02 昨天调处一起合同纠纷，经", "2025-09-03T19:00:00+08:00", "昨天调处一起合同纠纷，经三次调解，双方最终达成一致意见并签订协议",
		Fields{Date: "2025-09-02", Type: TypeMediation, Topics: []string{"合同", "合同纠纷"}, Mediations: 1, MediationsResolved: 1}},
	{"more/c03 8月30日在黄桷村入户宣", "2025-09-03T19:00:00+08:00", "8月30日在黄桷村入户宣传防范电信诈骗，入户35户，发放宣传单70张",
		Fields{Date: "2025-08-30", Type: TypeVisit, Place: "黄桷村", Topics: []string{"反诈", "电信诈骗"}, Materials: 70, Households: 35}},
	{"more/c04 今天镇里组织法律明白人参", "2025-09-03T19:00:00+08:00", "今天镇里组织法律明白人参加线上学法，参学38人，学习内容为民法典合同编",
		Fields{Date: "2025-09-03", Type: TypeTraining, Topics: []string{"民法典"}, Participants: 38}},
	{"more/c05 9月2日在梨树村开展扫黑", "2025-09-03T19:00:00+08:00", "9月2日在梨树村开展扫黑除恶常态化宣传，出动宣传车1辆，发放资料200余份，覆盖群众500余人",
		Fields{Date: "2025-09-02", Type: TypePublicity, Place: "梨树村", Topics: []string{"扫黑除恶"}, Participants: 500, Materials: 200}},
	{"more/c06 调解纠纷两起：一起为邻里", "2025-09-03T19:00:00+08:00", "调解纠纷两起：一起为邻里纠纷，已调解成功；一起为婚姻纠纷，双方分歧较大未能调解成功",
		Fields{Date: "2025-09-03", Type: TypeMediation, Topics: []string{"婚姻", "邻里"}, Mediations: 2, MediationsResolved: 1}},
	{"more/c07 今天在新民社区 摆摊宣传", "2025-09-03T19:00:00+08:00", "今天在新民社区 摆摊宣传 发资料120份 咨询8人",
		Fields{Date: "2025-09-03", Type: TypePublicity, Place: "新民社区", Materials: 120, Consultations: 8}},
	{"more/c08 8月29日在龙潭村召开群", "2025-09-03T19:00:00+08:00", "8月29日在龙潭村召开群众会议，传达学习农村宅基地管理办法，参会群众88人",
		Fields{Date: "2025-08-29", Type: TypeLecture, Place: "龙潭村", Topics: []string{"宅基地"}, Participants: 88}},
	{"more/d01 12月4日在镇中学举行宪", "2025-12-08T19:00:00+08:00", "12月4日在镇中学举行宪法宣誓暨宪法知识竞赛，参赛学生60名，观摩师生400余人",
		Fields{Date: "2025-12-04", Type: TypePublicity, Place: "镇中学", Topics: []string{"宪法"}, Participants: 460}},
	{"more/d02 12月5日到双溪村开展“", "2025-12-08T19:00:00+08:00", "12月5日到双溪村开展“宪法进万家”入户宣传，走访群众48户，发放宪法宣传册48本",
		Fields{Date: "2025-12-05", Type: TypeVisit, Place: "双溪村", Topics: []string{"宪法"}, Materials: 48, Households: 48}},
	{"more/d03 今天调解了一起电动车与行", "2025-12-08T19:00:00+08:00", "今天调解了一起电动车与行人碰撞的交通事故纠纷，车主赔偿医药费1200元，双方无异议",
		Fields{Date: "2025-12-08", Type: TypeMediation, Topics: []string{"交通事故"}, Mediations: 1, MediationsResolved: 1}},
	{"more/d04 上周三在中坝村组织开展法", "2025-12-08T19:00:00+08:00", "上周三在中坝村组织开展法律明白人“以案释法”宣讲，宣讲案例3个，受教育群众70余人",
		Fields{Date: "2025-12-03", Type: TypeLecture, Place: "中坝村", Participants: 70}},
	{"more/d05 12月6日，镇党委中心组", "2025-12-08T19:00:00+08:00", "12月6日，镇党委中心组集中学习习近平法治思想，参加人员15人",
		Fields{Date: "2025-12-06", Type: TypeTraining, Participants: 15}},
	{"more/d06 本月以来接待法律咨询23", "2025-12-08T19:00:00+08:00", "本月以来接待法律咨询23人次，代写文书4份，办理法律援助案件1件",
		Fields{Date: "2025-12-08", Type: TypeConsultation, Topics: []string{"法律援助"}, Consultations: 23}},
	{"more/d07 今天在石牛村处理一起欠薪", "2025-12-08T19:00:00+08:00", "今天在石牛村处理一起欠薪纠纷，协调包工头当场支付农民工工资2.8万元",
		Fields{Date: "2025-12-08", Type: TypeMediation, Place: "石牛村", Topics: []string{"欠薪"}, Mediations: 1, MediationsResolved: 1}},
	{"more/d08 12月7日晚组织村民在村", "2025-12-08T19:00:00+08:00", "12月7日晚组织村民在村文化室观看法治电影《第二十条》，观影村民45人",
		Fields{Date: "2025-12-07", Type: TypePublicity, Place: "村文化室", Participants: 45}},
	{"more/e01 7月18日在桂花村开展防", "2025-07-20T19:00:00+08:00", "7月18日在桂花村开展防范养老诈骗专题讲座，邀请派出所民警授课，老年人55人参加",
		Fields{Date: "2025-07-18", Type: TypeLecture, Place: "桂花村", Topics: []string{"反诈", "养老诈骗"}, Participants: 55}},
	{"more/e02 今天在小溪村调解一起土地", "2025-07-20T19:00:00+08:00", "今天在小溪村调解一起土地纠纷，当事人情绪激动，经过3个小时耐心调解，终于达成调解协议",
		Fields{Date: "2025-07-20", Type: TypeMediation, Place: "小溪村", Topics: []string{"土地", "土地纠纷"}, Mediations: 1, MediationsResolved: 1}},
	{"more/e03 周六上午在农贸市场开展食", "2025-07-20T19:00:00+08:00", "周六上午在农贸市场开展食品安全法宣传，发放宣传资料350份，接受咨询20人次",
		Fields{Date: "2025-07-19", Type: TypePublicity, Place: "农贸市场", Topics: []string{"食品安全"}, Materials: 350, Consultations: 20}},
	{"more/e04 7月15日至17日对全村", "2025-07-20T19:00:00+08:00", "7月15日至17日对全村45户低保户进行了走访，宣传社会救助政策和反诈知识",
		Fields{Date: "2025-07-15", Type: TypeVisit, Topics: []string{"反诈"}, Households: 45}},
	{"more/e05 今天参加了县司法局举办的", "2025-07-20T19:00:00+08:00", "今天参加了县司法局举办的全县人民调解员培训班，培训时间1天",
		Fields{Date: "2025-07-20", Type: TypeTraining, Topics: []string{"人民调解"}}},
	{"more/e06 在永安社区开展暑期青少年", "2025-07-20T19:00:00+08:00", "在永安社区开展暑期青少年防溺水和禁毒宣传，参加青少年及家长120人，发放资料240份",
		Fields{Date: "2025-07-20", Type: TypePublicity, Place: "永安社区", Topics: []string{"禁毒", "防溺水"}, Participants: 120, Materials: 240}},
	{"more/e07 7月16日，群众张某来司", "2025-07-20T19:00:00+08:00", "7月16日，群众张某来司法所咨询土地征收补偿问题，已耐心解答",
		Fields{Date: "2025-07-16", Type: TypeConsultation, Place: "司法所", Consultations: 1}},
	{"more/e08 这周在辖区开展矛盾纠纷排", "2025-07-20T19:00:00+08:00", "这周在辖区开展矛盾纠纷排查化解，共排查化解矛盾纠纷8起",
		Fields{Date: "2025-07-20", Type: TypeMediation, Mediations: 8, MediationsResolved: 8}},
	{"more/f01 10月13日下午在青龙社", "2025-10-15T19:00:00+08:00", "10月13日下午在青龙社区为辖区老年人开展反诈讲座，现场演示诈骗常见套路，到场老人70多人",
		Fields{Date: "2025-10-13", Type: TypeLecture, Place: "青龙社区", Topics: []string{"反诈"}, Participants: 70}},
	{"more/f02 今天在响水村调解一起因建", "2025-10-15T19:00:00+08:00", "今天在响水村调解一起因建房采光引发的相邻纠纷，经调解双方各退一步，达成口头协议",
		Fields{Date: "2025-10-15", Type: TypeMediation, Place: "响水村", Topics: []string{"邻里", "相邻"}, Mediations: 1, MediationsResolved: 1}},
	{"more/f03 10月10日在全镇各村同", "2025-10-15T19:00:00+08:00", "10月10日在全镇各村同步开展秋冬季森林防火宣传，张贴通告120份，发放资料600份",
		Fields{Date: "2025-10-10", Type: TypePublicity, Topics: []string{"森林防火"}, Materials: 720}},
	{"more/f04 昨天组织法律顾问到敬老院", "2025-10-15T19:00:00+08:00", "昨天组织法律顾问到敬老院为老人提供法律服务，解答咨询11人次",
		Fields{Date: "2025-10-14", Type: TypeConsultation, Place: "敬老院", Consultations: 11}},
	{"more/f05 今天走访调解了两户村民因", "2025-10-15T19:00:00+08:00", "今天走访调解了两户村民因排水沟引发的纠纷，双方握手言和",
		Fields{Date: "2025-10-15", Type: TypeMediation, Households: 2, Mediations: 1, MediationsResolved: 1}},
	{"more/f06 10月12日 三合村 法", "2025-10-15T19:00:00+08:00", "10月12日 三合村 法治讲座 民法典继承编 村民53人",
		Fields{Date: "2025-10-12", Type: TypeLecture, Place: "三合村", Topics: []string{"民法典", "继承"}, Participants: 53}},
	{"more/f07 参加市里组织的法律明白人", "2025-10-15T19:00:00+08:00", "参加市里组织的法律明白人骨干示范培训，为期三天，10月9日结束",
		Fields{Date: "2025-10-09", Type: TypeTraining}},
	{"more/f08 今天在团结村挨家挨户走访", "2025-10-15T19:00:00+08:00", "今天在团结村挨家挨户走访，共走访32户，收集群众法律需求9条",
		Fields{Date: "2025-10-15", Type: TypeVisit, Place: "团结村", Households: 32}},
	{"more/g01 1月18日在腊梅村开展年", "2025-01-20T19:00:00+08:00", "1月18日在腊梅村开展年前矛盾纠纷集中调处，共调处纠纷5起，其中劳务费纠纷3起、邻里纠纷2起，全部调处到位",
		Fields{Date: "2025-01-18", Type: TypeMediation, Place: "腊梅村", Topics: []string{"劳务", "邻里"}, Mediations: 5, MediationsResolved: 5}},
	{"more/g02 今天在车站广场开展春运返", "2025-01-20T19:00:00+08:00", "今天在车站广场开展春运返乡人员法律宣传，发放农民工维权手册300本，解答咨询45人次",
		Fields{Date: "2025-01-20", Type: TypePublicity, Place: "车站广场", Materials: 300, Consultations: 45}},
	{"more/g03 上周二、周三两天在向阳村", "2025-01-20T19:00:00+08:00", "上周二、周三两天在向阳村入户开展平安建设宣传，入户86户",
		Fields{Date: "2025-01-14", Type: TypeVisit, Place: "向阳村", Households: 86}},
	{"more/g04 今天下午在村活动室给全村", "2025-01-20T19:00:00+08:00", "今天下午在村活动室给全村党员上了一堂党内法规课，参加党员28人",
		Fields{Date: "2025-01-20", Type: TypeTraining, Participants: 28}},
	{"more/g05 1月15日调解一起拖欠工", "2025-01-20T19:00:00+08:00", "1月15日调解一起拖欠工资纠纷，老板当场结清工资1.5万元",
		Fields{Date: "2025-01-15", Type: TypeMediation, Topics: []string{"欠薪", "拖欠工资"}, Mediations: 1, MediationsResolved: 1}},
	{"more/g06 元旦期间在镇文化广场举办", "2025-01-20T19:00:00+08:00", "元旦期间在镇文化广场举办“法治进万家”文艺汇演，观众约800人",
		Fields{Date: "2025-01-20", Type: TypePublicity, Place: "文化广场", Participants: 800}},
	{"more/g07 今天在白云村村委会接待群", "2025-01-20T19:00:00+08:00", "今天在白云村村委会接待群众咨询，主要是关于外出务工合同签订的问题，共6人",
		Fields{Date: "2025-01-20", Type: TypeConsultation, Place: "白云村", Consultations: 6}},
	{"more/g08 1月16日在龙泉小学开展", "2025-01-20T19:00:00+08:00", "1月16日在龙泉小学开展寒假安全教育暨法治讲座，讲解防溺水、防火、防诈骗知识，学生及家长380人",
		Fields{Date: "2025-01-16", Type: TypeLecture, Place: "龙泉小学", Topics: []string{"反诈", "防诈骗", "消防安全", "防火", "防溺水"}, Participants: 380}},
	{"more/h01 11月11日在竹园村组织", "2024-11-12T19:00:00+08:00", "11月11日在竹园村组织开展“法律明白人”进院坝活动，宣讲农村土地承包法，参与群众65人，发放资料130份",
		Fields{Date: "2024-11-11", Type: TypeLecture, Place: "竹园村", Topics: []string{"土地承包"}, Participants: 65, Materials: 130}},
	{"more/h02 今天上午调解了一起夫妻离", "2024-11-12T19:00:00+08:00", "今天上午调解了一起夫妻离婚财产分割纠纷，双方就财产分割达成一致",
		Fields{Date: "2024-11-12", Type: TypeMediation, Topics: []string{"婚姻", "离婚"}, Mediations: 1, MediationsResolved: 1}},
	{"more/h03 11月9日消防日，在幸福", "2024-11-12T19:00:00+08:00", "11月9日消防日，在幸福家园小区开展消防安全宣传，发放宣传资料二百五十份，现场解答居民咨询十八人次",
		Fields{Date: "2024-11-09", Type: TypePublicity, Place: "幸福家园小区", Topics: []string{"消防安全"}, Materials: 250, Consultations: 18}},
	{"more/h04 上周五下午组织镇司法所全", "2024-11-12T19:00:00+08:00", "上周五下午组织镇司法所全体人员学习行政复议法，参学6人",
		Fields{Date: "2024-11-08", Type: TypeTraining, Place: "司法所", Topics: []string{"行政复议"}, Participants: 6}},
	{"more/h05 今天到石桥村送法入户，为", "2024-11-12T19:00:00+08:00", "今天到石桥村送法入户，为15户群众送去法律明白纸",
		Fields{Date: "2024-11-12", Type: TypeVisit, Place: "石桥村", Households: 15}},
	{"more/h06 今天在集镇赶场天设点开展", "2024-11-12T19:00:00+08:00", "今天在集镇赶场天设点开展防范非法集资宣传，发放资料400余份，解答群众疑问30余个",
		Fields{Date: "2024-11-12", Type: TypePublicity, Place: "集镇", Topics: []string{"防范非法集资"}, Materials: 400, Consultations: 30}},
	{"more/h07 11月10日，青岗村发生", "2024-11-12T19:00:00+08:00", "11月10日，青岗村发生一起宅基地纠纷，村调委会当天介入调解，目前双方仍在协商中",
		Fields{Date: "2024-11-10", Type: TypeMediation, Place: "青岗村", Topics: []string{"宅基地"}, Mediations: 1}},
	{"more/h08 今天在和顺社区开展民法典", "2024-11-12T19:00:00+08:00", "今天在和顺社区开展民法典宣传，居民来了四五十人，发了一百来份资料",
		Fields{Date: "2024-11-12", Type: TypePublicity, Place: "和顺社区", Topics: []string{"民法典"}, Participants: 40, Materials: 100}},
	// Session 5: 25 written before a run (21/25 at first: 债务 and 山林权属 disputes had no topic, 李家湾组
	// was no place, 发现问题3个 counted as consultations).
	{"more/s5-n01 11月19日下午", "2025-11-20T19:00:00+08:00", "11月19日下午在柳树湾村委会开展民法典宣讲，村民60余人参加，发放民法典读本40本",
		Fields{Date: "2025-11-19", Type: TypeLecture, Place: "柳树湾村", Topics: []string{"民法典"}, Participants: 60, Materials: 40}},
	{"more/s5-n02 今天在石桥村调处", "2025-11-20T19:00:00+08:00", "今天在石桥村调处一起土地流转纠纷，经过两个多小时调解，双方握手言和",
		Fields{Date: "2025-11-20", Type: TypeMediation, Place: "石桥村", Topics: []string{"土地流转"}, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-n03 昨日在镇中心小学", "2025-11-20T19:00:00+08:00", "昨日在镇中心小学开展防校园欺凌法治课，师生300人参加",
		Fields{Date: "2025-11-19", Type: TypeLecture, Place: "镇中心小学", Topics: []string{"校园欺凌"}, Participants: 300}},
	{"more/s5-n04 本周一到马家沟村", "2025-11-20T19:00:00+08:00", "本周一到马家沟村走访独居老人12户，宣传防养老诈骗知识，发放宣传折页24份",
		Fields{Date: "2025-11-17", Type: TypeVisit, Place: "马家沟村", Topics: []string{"养老诈骗"}, Materials: 24, Households: 12}},
	{"more/s5-n05 11.18 红星", "2025-11-20T19:00:00+08:00", "11.18 红星社区 法律咨询 接待来访群众7人次 涉及劳动报酬和离婚",
		Fields{Date: "2025-11-18", Type: TypeConsultation, Place: "红星社区", Topics: []string{"劳动报酬", "离婚"}, Consultations: 7}},
	{"more/s5-n06 调解了三起邻里纠", "2025-11-20T19:00:00+08:00", "调解了三起邻里纠纷，两起调解成功",
		Fields{Date: "2025-11-20", Type: TypeMediation, Mediations: 3, MediationsResolved: 2}},
	{"more/s5-n07 12月4日国家宪", "2025-12-05T21:00:00+08:00", "12月4日国家宪法日，在镇政府门口设点宣传宪法，发放资料500余份，接受咨询30余人次，参与群众200余人",
		Fields{Date: "2025-12-04", Type: TypePublicity, Topics: []string{"宪法"}, Participants: 200, Materials: 500, Consultations: 30}},
	{"more/s5-n08 组织全镇网格员开", "2025-12-05T21:00:00+08:00", "组织全镇网格员开展法律知识培训，学习反有组织犯罪法，参训人员45名",
		Fields{Date: "2025-12-05", Type: TypeTraining, Topics: []string{"反有组织犯罪"}, Participants: 45}},
	{"more/s5-n09 昨天晚上在桃园村", "2025-12-05T21:00:00+08:00", "昨天晚上在桃园村开院坝会讲了讲赡养和继承的事，来了五十来个人",
		Fields{Date: "2025-12-04", Type: TypeLecture, Place: "桃园村", Topics: []string{"赡养", "继承"}, Participants: 50}},
	{"more/s5-n10 12月1日在高家", "2025-12-05T21:00:00+08:00", "12月1日在高家庄村调解一起婚约财产（彩礼）纠纷，调解不成，建议当事人诉讼解决",
		Fields{Date: "2025-12-01", Type: TypeMediation, Place: "高家庄村", Topics: []string{"彩礼"}, Mediations: 1}},
	{"more/s5-n11 6月26日国际禁", "2025-06-27T18:00:00+08:00", "6月26日国际禁毒日，联合派出所在赶集日开展禁毒宣传，展出展板10块，发放资料800份，群众400余人次参与",
		Fields{Date: "2025-06-26", Type: TypePublicity, Place: "集市", Topics: []string{"禁毒"}, Participants: 400, Materials: 800}},
	{"more/s5-n12 今天去了趟张湾村", "2025-06-27T18:00:00+08:00", "今天去了趟张湾村，挨家挨户讲防溺水，走了28户",
		Fields{Date: "2025-06-27", Type: TypeVisit, Place: "张湾村", Topics: []string{"防溺水"}, Households: 28}},
	{"more/s5-n13 上午在司法所接待", "2025-06-27T18:00:00+08:00", "上午在司法所接待群众咨询5人，下午在新华村调解一起债务纠纷，达成还款协议",
		Fields{Date: "2025-06-27", Type: TypeMediation, Place: "新华村", Topics: []string{"债务"}, Consultations: 5, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-n14 6月20号在河东", "2025-06-27T18:00:00+08:00", "6月20号在河东村开展安全生产法宣传活动，参加群众90人，发放宣传资料180份，现场解答问题11个",
		Fields{Date: "2025-06-20", Type: TypePublicity, Place: "河东村", Topics: []string{"安全生产"}, Participants: 90, Materials: 180, Consultations: 11}},
	{"more/s5-n15 村法律明白人参加", "2025-06-27T18:00:00+08:00", "村法律明白人参加县里组织的线上培训，共9人，学习《人民调解法》",
		Fields{Date: "2025-06-27", Type: TypeTraining, Topics: []string{"人民调解"}, Participants: 9}},
	{"more/s5-n16 9月9日在杨柳村", "2025-09-10T20:00:00+08:00", "9月9日在杨柳村开展农村留守儿童保护宣传，讲解未成年人保护法，儿童及家长70人参加，发放资料100份",
		Fields{Date: "2025-09-09", Type: TypePublicity, Place: "杨柳村", Topics: []string{"未成年人保护"}, Participants: 70, Materials: 100}},
	{"more/s5-n17 今天调解一起工伤", "2025-09-10T20:00:00+08:00", "今天调解一起工伤赔偿纠纷，企业同意一次性赔偿8万元，已签协议",
		Fields{Date: "2025-09-10", Type: TypeMediation, Topics: []string{"工伤"}, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-n18 9月8日，在龙泉", "2025-09-10T20:00:00+08:00", "9月8日，在龙泉社区开展法律咨询活动，律师现场坐诊，解答咨询21人次",
		Fields{Date: "2025-09-08", Type: TypeConsultation, Place: "龙泉社区", Consultations: 21}},
	{"more/s5-n19 前天到李家湾组入", "2025-09-10T20:00:00+08:00", "前天到李家湾组入户排查矛盾纠纷，走访群众40户，发现问题3个",
		Fields{Date: "2025-09-08", Type: TypeVisit, Place: "李家湾组", Households: 40}},
	{"more/s5-n20 9月5日在文化广", "2025-09-10T20:00:00+08:00", "9月5日在文化广场开展反电诈文艺演出，观众约300人，发放宣传品150份",
		Fields{Date: "2025-09-05", Type: TypePublicity, Place: "文化广场", Topics: []string{"电诈"}, Participants: 300, Materials: 150}},
	{"more/s5-n21 3.15 在镇农", "2025-03-16T18:00:00+08:00", "3.15 在镇农贸市场开展消费维权宣传 发资料260份 接受咨询18人次 参与群众150人",
		Fields{Date: "2025-03-15", Type: TypePublicity, Place: "农贸市场", Topics: []string{"消费者权益", "消费维权"}, Participants: 150, Materials: 260, Consultations: 18}},
	{"more/s5-n22 昨天两委班子会前", "2025-03-16T18:00:00+08:00", "昨天两委班子会前学法，学习了土地管理法，参会11人",
		Fields{Date: "2025-03-15", Type: TypeTraining, Topics: []string{"土地管理"}, Participants: 11}},
	{"more/s5-n23 3月14日在黄泥", "2025-03-16T18:00:00+08:00", "3月14日在黄泥村调解山林权属纠纷1起，未成功，已上报镇调委会",
		Fields{Date: "2025-03-14", Type: TypeMediation, Place: "黄泥村", Topics: []string{"山林权属"}, Mediations: 1}},
	{"more/s5-n24 上周六在阳光村开", "2025-03-16T18:00:00+08:00", "上周六在阳光村开展妇女维权法律讲座，讲授妇女权益保障法，参加妇女56人",
		Fields{Date: "2025-03-08", Type: TypeLecture, Place: "阳光村", Topics: []string{"妇女权益"}, Participants: 56}},
	{"more/s5-n25 今天在金山村入户", "2025-03-16T18:00:00+08:00", "今天在金山村入户宣传森林防火，走访农户36户，发放森林防火告知书36份",
		Fields{Date: "2025-03-16", Type: TypeVisit, Place: "金山村", Topics: []string{"森林防火"}, Materials: 36, Households: 36}},
	// Session 5, second batch: 25 written before a run (24/25 at first: 村民委员会组织法 was cut at 村民;
	// read by eye, a breakdown 其中婚姻家庭3人次，债权债务3人次 was counted as participants).
	{"more/s5-m01 国庆期间在青龙村", "2025-10-09T19:00:00+08:00", "国庆期间在青龙村开展法治文艺汇演，观看群众三百余人，发放宣传资料一千份",
		Fields{Date: "2025-10-09", Type: TypePublicity, Place: "青龙村", Participants: 300, Materials: 1000}},
	{"more/s5-m02 上月28日在向阳", "2025-10-09T19:00:00+08:00", "上月28日在向阳村给五保老人讲解老年人权益保障法，共20位老人参加",
		Fields{Date: "2025-09-28", Type: TypeLecture, Place: "向阳村", Topics: []string{"老年人权益"}, Participants: 20}},
	{"more/s5-m03 今天接待来访群众", "2025-10-09T19:00:00+08:00", "今天接待来访群众咨询4人次，都是问征地补偿的",
		Fields{Date: "2025-10-09", Type: TypeConsultation, Topics: []string{"征地拆迁"}, Consultations: 4}},
	{"more/s5-m04 10月8日调解夫", "2025-10-09T19:00:00+08:00", "10月8日调解夫妻矛盾一起，经耐心劝导双方和好如初",
		Fields{Date: "2025-10-08", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-m05 10月7日 双龙", "2025-10-09T19:00:00+08:00", "10月7日 双龙村 普法宣传 群众45人 资料90份",
		Fields{Date: "2025-10-07", Type: TypePublicity, Place: "双龙村", Participants: 45, Materials: 90}},
	{"more/s5-m06 本周三在镇文化站", "2025-10-09T19:00:00+08:00", "本周三在镇文化站组织法律明白人集中学习民法典婚姻家庭编，参学人员32名",
		Fields{Date: "2025-10-08", Type: TypeTraining, Place: "文化站", Topics: []string{"民法典"}, Participants: 32}},
	{"more/s5-m07 昨天在枫林村走访", "2025-10-09T19:00:00+08:00", "昨天在枫林村走访了十几户留守老人家庭，宣传防范电信诈骗",
		Fields{Date: "2025-10-08", Type: TypeVisit, Place: "枫林村", Topics: []string{"反诈"}, Households: 10}},
	{"more/s5-m08 9月30日在清水", "2025-10-09T19:00:00+08:00", "9月30日在清水村调解一起因修路占地引发的纠纷，双方未能达成一致，下一步继续做工作",
		Fields{Date: "2025-09-30", Type: TypeMediation, Place: "清水村", Mediations: 1}},
	{"more/s5-m09 元旦前在古城村开", "2025-01-10T19:00:00+08:00", "元旦前在古城村开展冬季防火和烟花爆竹安全宣传，发放倡议书150份，参与村民80人",
		Fields{Date: "2025-01-10", Type: TypePublicity, Place: "古城村", Topics: []string{"烟花爆竹"}, Participants: 80, Materials: 150}},
	{"more/s5-m10 1月9日在镇司法", "2025-01-10T19:00:00+08:00", "1月9日在镇司法所开展根治欠薪法律咨询，为12名农民工解答工资支付问题",
		Fields{Date: "2025-01-09", Type: TypeConsultation, Place: "司法所", Topics: []string{"欠薪"}, Consultations: 12}},
	{"more/s5-m11 今天在东湖社区为", "2025-01-10T19:00:00+08:00", "今天在东湖社区为居民上了一堂民法典课，30多名居民听课",
		Fields{Date: "2025-01-10", Type: TypeLecture, Place: "东湖社区", Topics: []string{"民法典"}, Participants: 30}},
	{"more/s5-m12 1月8日调处土地", "2025-01-10T19:00:00+08:00", "1月8日调处土地界址纠纷2起，均已化解",
		Fields{Date: "2025-01-08", Type: TypeMediation, Mediations: 2, MediationsResolved: 2}},
	{"more/s5-m13 在红岩村入户发放", "2025-01-10T19:00:00+08:00", "在红岩村入户发放法律明白卡，共走访农户56户，发放明白卡56张",
		Fields{Date: "2025-01-10", Type: TypeVisit, Place: "红岩村", Materials: 56, Households: 56}},
	{"more/s5-m14 组织村调解员参加", "2025-01-10T19:00:00+08:00", "组织村调解员参加县司法局视频培训，学习矛盾纠纷排查化解技巧，参训8人",
		Fields{Date: "2025-01-10", Type: TypeTraining, Participants: 8}},
	{"more/s5-m15 1月6日在白马村", "2025-01-10T19:00:00+08:00", "1月6日在白马村开展扫黑除恶常态化宣传，悬挂横幅2条，发放资料200份，受众约150人",
		Fields{Date: "2025-01-06", Type: TypePublicity, Place: "白马村", Topics: []string{"扫黑除恶"}, Participants: 150, Materials: 200}},
	{"more/s5-m16 昨天是全民国家安", "2025-04-16T19:00:00+08:00", "昨天是全民国家安全教育日，在镇中学开展国家安全法进校园活动，全校师生600余人参加",
		Fields{Date: "2025-04-15", Type: TypePublicity, Place: "镇中学", Topics: []string{"国家安全"}, Participants: 600}},
	{"more/s5-m17 4月14日到花园", "2025-04-16T19:00:00+08:00", "4月14日到花园村调解一起赡养纠纷，老人三个子女签订赡养协议，每人每月出300元",
		Fields{Date: "2025-04-14", Type: TypeMediation, Place: "花园村", Topics: []string{"赡养"}, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-m18 今天在司法所值班", "2025-04-16T19:00:00+08:00", "今天在司法所值班，接待群众法律咨询6人次，其中婚姻家庭3人次，债权债务3人次",
		Fields{Date: "2025-04-16", Type: TypeConsultation, Place: "司法所", Topics: []string{"婚姻家庭"}, Consultations: 6}},
	{"more/s5-m19 4月12日 在柏", "2025-04-16T19:00:00+08:00", "4月12日 在柏杨村召开屋场会 讲解宅基地审批政策 参会群众60人",
		Fields{Date: "2025-04-12", Type: TypeLecture, Place: "柏杨村", Topics: []string{"宅基地"}, Participants: 60}},
	{"more/s5-m20 上周四在金星村入", "2025-04-16T19:00:00+08:00", "上周四在金星村入户开展防范非法集资宣传，入户22户，发放资料44份，解答咨询5次",
		Fields{Date: "2025-04-10", Type: TypeVisit, Place: "金星村", Topics: []string{"防范非法集资"}, Materials: 44, Consultations: 5, Households: 22}},
	{"more/s5-m21 8月1日在武装部", "2025-08-02T19:00:00+08:00", "8月1日在武装部配合开展兵役法宣传，发放征兵宣传册120份，适龄青年40人参加",
		Fields{Date: "2025-08-01", Type: TypePublicity, Topics: []string{"兵役"}, Participants: 40, Materials: 120}},
	{"more/s5-m22 今天调解了一起养", "2025-08-02T19:00:00+08:00", "今天调解了一起养殖场异味扰民纠纷，养殖户答应整改，群众表示满意",
		Fields{Date: "2025-08-02", Type: TypeMediation, Mediations: 1, MediationsResolved: 1}},
	{"more/s5-m23 7月30日在三合", "2025-08-02T19:00:00+08:00", "7月30日在三合村开展防溺水安全教育，给暑假留守儿童讲课，孩子们25人参加",
		Fields{Date: "2025-07-30", Type: TypeLecture, Place: "三合村", Topics: []string{"防溺水"}, Participants: 25}},
	{"more/s5-m24 7月29日村两委", "2025-08-02T19:00:00+08:00", "7月29日村两委学习新修订的村民委员会组织法，参加9人",
		Fields{Date: "2025-07-29", Type: TypeTraining, Topics: []string{"村民委员会组织"}, Participants: 9}},
	{"more/s5-m25 近日在石门村摆摊", "2025-08-02T19:00:00+08:00", "近日在石门村摆摊设点开展食品安全宣传，解答群众咨询20余人次，发放资料300余份",
		Fields{Date: "2025-08-02", Type: TypePublicity, Place: "石门村", Topics: []string{"食品安全"}, Materials: 300, Consultations: 20}},
}

func TestParseReports(t *testing.T) {
	loc := parseZone(t)
	for _, tc := range reportCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, parseTime(t, tc.now), loc)
			checkFields(t, tc.text, got, tc.want)
		})
	}
}

func checkFields(t *testing.T, text string, got, want Fields) {
	t.Helper()
	if got.Note != text {
		t.Errorf("Note = %q, want the original text", got.Note)
	}
	if got.Topics == nil {
		t.Errorf("Topics is nil, want a list")
	}
	wantTopics := want.Topics
	got.Note, want.Note = "", ""
	gotTopics := got.Topics
	got.Topics, want.Topics = nil, nil
	if got.Date != want.Date || got.Type != want.Type || got.Place != want.Place ||
		got.Participants != want.Participants || got.Materials != want.Materials ||
		got.Consultations != want.Consultations || got.Households != want.Households ||
		got.Mediations != want.Mediations || got.MediationsResolved != want.MediationsResolved {
		t.Errorf("Parse(%q)\n got %+v\nwant %+v", text, got, want)
	}
	for _, w := range wantTopics {
		if !slices.Contains(gotTopics, w) {
			t.Errorf("Parse(%q) topics = %v, want %q among them", text, gotTopics, w)
		}
	}
}

func TestParseDetailedFound(t *testing.T) {
	loc := parseZone(t)
	now := parseTime(t, mon20250512)
	tests := []struct {
		name string
		text string
		want Found
	}{
		{"everything", "5月8日在北岭村开展民法典宣传，发放资料100份", Found{Date: true, Type: true, Place: true, Topics: true, AnyCount: true}},
		{"no date no place", "开展普法宣传，群众50人", Found{Type: true, AnyCount: true}},
		{"today is explicit", "今天在红星村开展宣传", Found{Date: true, Type: true, Place: true}},
		{"nothing", "你好", Found{}},
		{"mediation counts itself", "调解了一起纠纷", Found{Type: true, AnyCount: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := ParseDetailed(tc.text, now, loc)
			if got != tc.want {
				t.Errorf("ParseDetailed(%q) found = %+v, want %+v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseDefaultsDateToMessageDayInZone(t *testing.T) {
	loc := parseZone(t)
	// 17:30 UTC is already the next day in Shanghai.
	now := time.Date(2024, 3, 15, 17, 30, 0, 0, time.UTC)
	got := Parse("开展普法宣传", now, loc)
	if got.Date != "2024-03-16" {
		t.Errorf("Date = %q, want 2024-03-16 (the message day in Asia/Shanghai)", got.Date)
	}
	if got := Parse("昨天开展普法宣传", now, loc); got.Date != "2024-03-15" {
		t.Errorf("昨天: Date = %q, want 2024-03-15", got.Date)
	}
}

func TestParseTopicsAreShortAndUnique(t *testing.T) {
	loc := parseZone(t)
	got := Parse("宣传《中华人民共和国反电信网络诈骗法》和《物业管理条例》，再讲反电信网络诈骗法", parseTime(t, mon20250512), loc)
	want := []string{"反电信网络诈骗", "物业管理"}
	if !slices.Equal(got.Topics, want) {
		t.Errorf("Topics = %v, want %v", got.Topics, want)
	}
	for _, tp := range got.Topics {
		if strings.HasSuffix(tp, "法") {
			t.Errorf("topic %q keeps the 法 ending", tp)
		}
	}
}

func TestParseTopicsFromLawNames(t *testing.T) {
	loc := parseZone(t)
	now := parseTime(t, mon20250512)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two unknown laws joined by 与", "学习了土壤污染防治法与水污染防治法", []string{"土壤污染防治", "水污染防治"}},
		{"one name with 与 inside", "宣讲医疗纠纷预防与处理条例", []string{"医疗纠纷"}},
		{"book title marks", "学习《村民委员会组织法》", []string{"村民委员会组织"}},
		{"words ending in 法 that are no law", "开展普法宣传，送法上门，以案释法，集中学法", []string{}},
		{"wording kept beside the short name", "开展防范养老诈骗宣传", []string{"反诈", "养老诈骗"}},
		{"people's republic prefix dropped", "宣传中华人民共和国乡村振兴促进法", []string{"乡村振兴"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, now, loc).Topics
			if !slices.Equal(got, tc.want) {
				t.Errorf("Parse(%q).Topics = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseTopicsFromDisputes(t *testing.T) {
	loc := parseZone(t)
	now := parseTime(t, mon20250512)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"subject the list does not know", "今天调解一起债务纠纷，达成还款协议", []string{"债务"}},
		{"subject of several words", "调处山林权属纠纷1起，未成功", []string{"山林权属"}},
		{"known topic with more words after it", "调解一起宅基地边界纠纷", []string{"宅基地"}},
		{"known topic inside a law's name", "宣讲医疗纠纷预防与处理条例", []string{"医疗纠纷"}},
		{"no subject", "调解了一起纠纷", []string{}},
		{"a count is no subject", "今年以来累计调解纠纷12起", []string{}},
		{"vague disputes", "入户排查矛盾纠纷，发现纠纷苗头2个", []string{}},
		{"two subjects", "调解了一起噪音扰民纠纷和一起借款纠纷", []string{"民间借贷", "借款", "噪音扰民"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, now, loc).Topics
			if !slices.Equal(got, tc.want) {
				t.Errorf("Parse(%q).Topics = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParsePlaceVillageGroup(t *testing.T) {
	loc := parseZone(t)
	now := parseTime(t, mon20250512)
	tests := []struct{ name, text, want string }{
		{"a 村民小组 after 到", "前天到李家湾组入户排查矛盾纠纷，走访群众40户", "李家湾组"},
		{"a 村民小组 after 在", "今天在王家坪组开展防溺水宣传，群众30人", "王家坪组"},
		{"a numbered group of a named village", "今天上午到长安村2组调解一起相邻权纠纷", "长安村"},
		{"a numbered group alone", "昨天到五组王某家中调解父子赡养纠纷", ""},
		{"组织 is no group", "组织全村党员学习民法典", ""},
		{"a team, not a place", "在调解组的帮助下双方达成协议", ""},
		{"without a word of place", "李家湾组群众反映的问题已解决", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Parse(tc.text, now, loc).Place; got != tc.want {
				t.Errorf("Parse(%q).Place = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseBreakdownOfPeople(t *testing.T) {
	loc := parseZone(t)
	now := parseTime(t, mon20250512)
	tests := []struct {
		name                        string
		text                        string
		participants, consultations int
	}{
		{"a breakdown of those who asked", "接待群众法律咨询6人次，其中婚姻家庭3人次，债权债务3人次", 0, 6},
		{"a breakdown of the audience", "参加群众120人，其中妇女60人，儿童20人", 120, 0},
		{"a new count after the breakdown", "参加群众120人，其中妇女60人，儿童20人，解答咨询8人次", 120, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, now, loc)
			if got.Participants != tc.participants || got.Consultations != tc.consultations {
				t.Errorf("Parse(%q): participants %d, consultations %d; want %d, %d", tc.text, got.Participants, got.Consultations, tc.participants, tc.consultations)
			}
		})
	}
}
