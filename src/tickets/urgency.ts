import { toSimplified } from '../intents/normalize.ts';
import { learnedUrgency } from './urgency-model.ts';

/**
 * When a ticket is urgent, and why. The hotline answers urgent tickets first, so the rule is
 * written down and every urgent ticket carries the reason operators see.
 *
 * Urgent, when the worker's own account says:
 *   1. someone is injured or ill now (an accident, an emergency, a serious illness under treatment);
 *   2. someone is in hospital now;
 *   3. wages are owed to a group of workers (a crew, a workshop, "二十几个人");
 *   4. wages are owed just before the Spring Festival;
 *   5. the worker cannot pay rent or food;
 *   6. a disaster hit the worker's home (fire, flood, landslide, earthquake).
 * Not urgent, even with words from the list above:
 *   - an injury or illness that is over: healed, settled, discharged, the worker at home and well
 *     with a paperwork question (unless rule 5 or 6 holds);
 *   - anything else: one worker's dispute (contract, overtime hours, social insurance, dismissal),
 *     a complaint about service or staff, a suggestion, a benefit not given, long-term low income.
 */

export interface Urgency {
  urgent: boolean;
  /** Why it is urgent, in the words operators read; absent when it is not. */
  reason?: string;
}

/** The rules by name, as the labelled accounts name them, and the words operators read for each. */
export const URGENT_REASONS = {
  disaster: '遭遇灾害（火灾、水灾、滑坡等），生活受到影响',
  no_money: '生活难以为继：房租或吃饭钱没有着落',
  hospital: '有人正在医院（住院或急诊）',
  injury: '正在受伤或患病',
  group_wages: '拖欠一群工人的工资',
  festival_wages: '春节前被拖欠工资',
} as const;
export type UrgentReason = keyof typeof URGENT_REASONS;
const because = (reason: UrgentReason): Urgency => ({ urgent: true, reason: URGENT_REASONS[reason] });

const INJURY =
  /\bgot (?:crushed|burnt|burned|cut|injured|hurt|electrocuted)|受伤|受了伤|受的伤|伤得|伤(还|都)?没好|骨折|[绞压砸割烫烧扭撞咬划刺夹碾]伤|[摔压砸打]断|摔(了|伤|下来|倒)|滑倒|压伤|砸伤|砸到|烫伤|烧伤|割伤|撞(了|伤|倒)|被.{0,4}撞|(腿|手|脚|骨头|胳膊|腰).{0,2}断了|动不了|(?<!(?:以后|将来|今后|万一|如果|要是|假如|一旦|哪天)[^，,。]{0,3})工伤(?!保险|认定|鉴定|待遇|赔偿|材料|申请|复查|手续|的事)|下不了床|起不来床|起不了床|(?:疼|痛)得(?:受不了|不行|要命|直哭|睡不着)|脑溢血|脑出血|中风|心梗|白血病|尿毒症|肾衰竭?|洗肾|狼疮|肝硬化|心衰|心力衰竭|渐冻症?|再生障碍|晕倒|昏倒|中暑|打(着)?点滴|输(着)?液(?!费)|fainted|collapsed|passed out|unconscious|heat ?stroke|on a drip|dialysis|癌(?!症?(?:筛查|检查|筛|体检|普查))|肿瘤|化疗|透析|病危|重病|急病|昏迷|抢救|手术|伤口|缝了?[几一二两三四五六七八九十\d]*针|打着?石膏|眼睛[^。.!！]{0,12}(模糊|看不见|看不清|失明)|殴打|挨了?打|被[^，,。]{0,5}(打|砍|捅|踢)(了|伤|得|成|破|肿)|injur|hurt|broke (my|his|her)|\bburn(?:t|ed)? (?:my|his|her|their) (?:fore)?(?:arm|hand|leg|foot|feet|face|fingers?|back|skin|neck|chest)|\bscald(?:ed)?\b|can'?t use (?:that|my|his|her) (?:arm|hand|leg|fingers?)|accident|cancer|stroke|slipped|fell (off|down|from)|swollen|sprain|fractur|bleeding|can'?t (walk|stand|move)|in surgery|stitches|lost (?:the tip of )?(?:his|her|my|a) (?:finger|thumb|toe|hand|eye)|(?:arm|hand|leg|finger|foot|fingers) (?:got |was |were )?(?:caught|trapped|crushed|stuck) in|\b(hit|struck|knocked down|run over|crushed) by (?!(a |the )?(pay|wage|salary|fine|cut))|\bbeaten\b/i;
/**
 * Harm told by what it does to the body now: symptoms ("头昏想吐", "喘不过气", "腿没得知觉", "起泡了",
 * "晕过去了") and what struck ("水泥浆溅到眼睛里", "遭马蜂叮了", "煤气泄漏"), in any order of words.
 */
const SYMPTOM =
  /头(?:好|很|有点|一直)?[晕昏](?!头)|(?:水|血)泡|咳血|痰里(?:头)?(?:还)?带(?:着)?血|咳得(?:睡不着|停不下来|喘不过气)|想吐|呕吐|吐了(?:两|几|好几|一)?(?:回|次|遍|口)|一直(?:在)?吐|上吐下泻|(?<!心)(?:好|很|太|一直|喊)(?:痛|疼)|(?:痛|疼)得(?:很|不行|受不了|要命|直|哭|睡不着|站不)|胸口(?:好|很|一直)?(?:痛|疼|闷)|喘不(?:过|上)气|出气(?:都)?困难|呼吸困难|(?:没得?|没有|失去了?|莫得)知觉|流血|淌血|出血|血流|起泡|红肿|肿得|肿(?:了)?(?:好大|一大|老高)|晕(?:过去|倒|了过去)|昏(?:过去|迷)|抽搐|(?:手|脚|腿|手指|全身|身上)[^，,。]{0,3}(?:发抖|发黑|发紫|发麻)|站不起来|站都站不|睁不开|中毒|触电|(?:被|遭)电(?:到|打)|溅(?:到|进)|(?:被|遭)[^，,。]{0,6}(?:叮|咬|蛰|蜇)(?:了|到|伤)?|马蜂|煤气泄漏|扯脱|打掉了|滚下去|躺在地上|can'?t breathe|chest pain|vomit|throwing up|bleeding|blister|\bnumb\b|dizzy|skin (?:is )?peeling|exploded|hit (?:my|his|her) (?:chest|head|face|arm|arms|leg|eye|eyes)/i;

/** A part of the body: 手 only when it is no 手续, 手机, 手术, 手艺; 头 only as the head (no 包工头, 屋头). */
const BODY =
  '(?:手指|手腕|手臂|手掌|手(?![续机术艺段头下里上工套语提])|脚趾|脚踝|脚(?![本步])|腿|膝盖|腰(?!包)|后背|背部|背上|脊椎|颈椎|脖子|头部|头上|头被|头破|额头|脑袋|眼睛|耳朵|肩膀|胳膊|骨头|肋骨|牙齿|脸上)';
/** What harms it: cut, crushed, burnt, broken, swollen. */
const HARM = '(?:伤|断|折|骨裂|切|砸|压|烫|烧|夹|碾|割|绞|卷|轧|扭|闪|撞|摔|划|戳|扎|崩|炸|肿|流血|青|紫|淤)';
/** A body part and what harmed it, either way round: "把手指切了", "腰伤了", "腿在工地被砸了", "砸到了脚". */
const BODY_HARMED = new RegExp(`${BODY}[^，,。.!！?？\\s]{0,5}?${HARM}|${HARM}(?:了|到|伤|断|掉|着)?[^，,。.!！?？\\s]{0,3}?${BODY}(?!续|机|术)`);
/** Medical costs no one meets: someone is being treated now. */
const MEDICAL_UNPAID =
  /(医药费|医疗费|治疗费|看病(的)?钱|住院费|手术费|药费|medical (bills?|costs?|expenses?))[^。.!！]{0,12}(没人|没有人|不给|不出|不报|不赔|不管|不认|自己垫|垫付|垫的|垫了|拖着|没着落|付不起|交不起|出不起|nobody|no one|won'?t pay|refuses?|not paid|unpaid)|(没人|没有人|谁都不|不给|不出|不报|自己垫|垫付)[^。.!！]{0,6}(医药费|医疗费|治疗费|看病(的)?钱|住院费|手术费|药费)|(nobody|no one|won'?t|refuses? to) pays? (for )?(my|his|her|the) (medical|hospital)/i;
const HOSPITAL = /在[^，,。]{0,10}(?:病房|病床|监护室)|hospital bed|住院|病房(?:里头?|里面)?(?:躺着|躺起|住着|住起)|在[\u4e00-\u9fa5]{0,6}医院(?![^，,。\s]{0,3}(?:当|上班|工作|干活|打工|帮工|做(?:护工|保洁|清洁|保安|护士|医生|事|工))|的?(?:食堂|餐厅|超市|小卖部|停车场|门口|门卫|后勤|物业|洗衣房|锅炉房|保卫科|工地))|医院(?:里)?(?:住起|住着|住了|躺着|躺起)|进了?医院|送(到|进)?(了)?医院|急诊|icu|重症|抢救|in (the )?hospital|hospitali[sz]ed|emergency room|\ba ?& ?e\b|intensive care|\bward\b/i;
/** The injury or illness is over: healed, settled, discharged, at home and well. */
const OVER =
  /早就?好了|早都好了|好完了|(?:现在|已经|都|后来)[^，,。]{0,3}好了|好好的|正常(?:来)?上班|(?:he|she|i)'?s? (?:is |am )?fine|(?:伤|倒|摔|撞|压|轧|砸|病|住|做|晕)过(?:一|两|几)?(?:回|次|跤|院|手|手术)?|(?:之前|以前|去年|前年|那年|上次|前两年)[^，,。]{0,8}(?:受伤|伤了|摔|住院|手术|晕倒|撞)|last year|拆(?:了)?(?:线|石膏)|恢复得?(?:很|挺|蛮|还)?(?:好|不错)|出院[^，,。]{0,3}(?:上班|回来)|recovering well|fully recovered|已经好了|(?:早就|早都|早已|已经)出院|(伤|病)(早|都|已经)?好了|(?:早就?|已经|早都)(?:长|养|恢复)好了|(?:骨头|伤口)[^，,。]{0,4}(?:长好|愈合)|痊愈|康复|好利索|出院(了|回家)|已经出院|人好好的|处理完了|结案|赔了|做完了?(手术)?.{0,6}回家|回家(休养|养着)?了|在家也没|(手术|伤).{0,4}(早|已经|都)?(过去|做完)|(手术|开刀|治疗|住院|化疗)[^，,。]{0,6}(做完|开完|结束|完了)|(出院|做完手术|开完刀|(做|动|开)了(个)?手术)[^。]{0,12}(在家|回家|回来)|好得差不多|(回来|回去|重新|已经回去?)(上班|上岗)|复工|recovered|healed|fully better|discharged|(surgery|operation|treatment) (is|was) (over|done|finished)|back home|home now|i'?m fine|back (at|to) work/i;
/**
 * Care planned for later, not needed now: "下个月要住院换膝关节", "手术早就排好了", "准备下周去做手术". Taken out
 * before the account is read for a stay in hospital or an injury now.
 */
const PLANNED_CARE =
  /(?:下个?月|下周|下礼拜|下星期|明年|年后|过几天|过两天|过段时间|过一阵|二天|想去|想做|准备|打算|计划|预约|约好|约了|排好|排了|择期)[^，,。]{0,8}?(?:住院|手术|开刀|动手术|换[^，,。]{0,4}关节)[^，,。\s]*|(?:住院|手术|开刀)[^，,。]{0,4}?(?:早就|已经|都)?(?:排好|约好|预约|排上|排到)(?:了)?|\b(?:scheduled|planned|booked) (?:for )?(?:an? )?(?:surgery|operation)|(?:surgery|operation) (?:is )?(?:scheduled|planned|booked) for next/gi;

/** What still hurts now overrides OVER ("手术做完了 但现在又住院了"). */
const STILL = /现在(还|又|正)?(在|住)(医院|院)|还(?:在)?(?:痛|疼|肿|流血)|还在医院|还在住院|正在(住院|化疗|抢救|治疗)|还在(养伤|换药|治疗|吃药|打针)|动不了|下不了床|今天|刚刚|刚才|still in (the )?hospital/i;

/**
 * Pay, whatever it is called: 工资, 工钱, 绩效, 提成, 趟数钱 ("三个月的趟数钱一分都没结"), and money a boss
 * still owes ("腊月了老板还欠着四万多没给").
 */
const WAGES =
  /欠条|白条|(?:跑|送|拉|摘|搬|装|卸|扛|教|洗|扫|修)[\u4e00-\u9fa5]{0,3}钱|(?:给|付)(?:我们|我|大家|他们)?钱|\b(?:trip|day|daily|job|work|delivery|class|teaching|translation|interpreting|overtime) (?:money|fees?)\b|\b(?:give|pay|paying|giving)s? (?:us|me|them|him|her) (?:any |our |my |the |their )?money\b|工资(?![条卡单表])|工钱|发钱|发的钱|生活费|夜班费|薪水|薪资|欠薪|讨薪|血汗钱|加班费|绩效|提成|计件|结账|工程款|运费|运输费|趟数钱|派费|配送费|课时费|底薪|流水|借支|劳务款|演出费|课时补贴|结了?(?:一半|一部分|一点|几百|几千)|没到(?:我们|我)?手(?:上|里)|钱[^，,。]{0,2}(?:压|拖|欠)(?:起|着|了)|(?:没|不|未|还没|一起|一|日|月|就|再|才)(?:有)?结(?![婚束果论案冰构合实])|(?:一起|年底|月底|最后|到时候)(?:再)?算|一(?:天|晚|个月|车|件|趟|单|吨|方)[^，,。]{0,3}?[\d一二两三四五六七八九十百千]+(?:块|元|(?=[，,。\s]))|[\d一二两三四五六七八九十百千]+(?:块|元)(?:钱)?(?:一|每)(?:天|晚|车|件|趟|单|吨|方|个钟头|小时)|按(?:件|天|车|趟|小时|方|吨)(?:算|结|计)|labou?r payment|(没|不|未)(发|给|结)(过)?钱|钱[^，,。]{0,4}(没有?|不|未)(发|给|结)|(老板|包工头|工头|老总|厂长|园长|校长|店长|项目部)[^，,。]{0,3}(欠|拖|还差|差我)|(过了?年|年后|过完年)再(结|给|发)|一分(钱)?(都|也)?(没|没有|不|未)(拿到|拿|给|发|结|得到|见到|看到|收到|到手)|报酬|劳务费|人工费|辛苦钱|(?:欠|拖|差)[^，,。]{0,10}?[0-9一二两三四五六七八九十百千万几]+多?(?:块|元|万)|(没|不|未)(拿到|给|发|结)(过)?[^，,。]{0,3}钱|wage|salary|\bpay\b|\bpaid\b/i;
const OWED =
  /(?:没|未|莫|冇)(?:有|得)?(?:拿|领|收|见)(?:到|着)|(?:拿|领|收)不到|(?:还是|一直|都还?|也还?)(?:莫得|没得|没有|没)(?:拿到|见到)?钱|(?:none of us|nobody|no one|haven'?t|hasn'?t|have not|has not|never) (?:has |have )?(?:seen|received|got(?:ten)?)\b|(?:not|n't|never) (?:giv|pay)\w*|(?:not|n't|never|no) (?:get|got|receiv)\w* (?:any |our |my |the |a )?(?:salary|wages?|pay|money)|\bkeeps? (?:my|our|the) (?:salary|wages|pay|money)|不到一半|白干|没(?:有)?到账|没(?:有)?(?:算|拿)给|没人(?:发|给|管)|不拿给|只(?:发|给)了?[^，,。]{0,8}(?:生活费|块|百|千)|一起结|(?:都|还|也)没(?:有)?(?:结|算)|(?:haven'?t|hasn'?t|have not|has not|not) (?:been )?(?:received|released)|(?:paid|gave us) only|only paid|差我|欠我|(?:没有|莫|冇)(?:发|给|结)|没(?:拿)?到手|联系不上|跑路|找不到人|(?:年后|过完年|过了年|开春)[^，,。]{0,3}(?:才|再)(?:发|给|结|算)|(?:只|才)[^，,。]{0,16}?(?:发|给|结)了?(?:一半|一部分|一点|几百|一小半)|(?:少|差)(?:了|个)?[一二两三四五六七八九十几\d]+(?:百|千|块|元)|欠|拖|没发|不发|未发|没给|不给|没结|不结|未结|没拿到|拿不到|一分没|一分钱?都?没|讨|克扣|扣发|扣(了|掉)?[^，,。]{0,6}(工资|钱|绩效|提成|加班费|奖金)|(工资|工钱|绩效|提成)[^，,。]{0,3}被?扣|(工资|工钱|绩效|提成)[^，,。]{0,3}被[^，,。]{1,8}?扣|还差|压(了|着)?[^，,。]{0,4}(工资|工钱|钱)|(工资|工钱)[^，,。]{0,3}被?压|(?:年底|月底|以后|到时候|过后|最后)?一起(?:算|结|给|发)|压(?:起|着)|(?:还|都)没(?:有)?拿(?![去走])|没到(?:我们|我)?手(?:上|里)|没见(?:到|着)(?:过)?(?:影子|一分)?|电话(?:就|也|都)?(?:不接|打不通|关机)|拉黑|(?:不|没)回(?:消息|信息|微信)|人影子?都(?:看不到|找不到|没得)|先记(?:到|着|起|账)|记(?:在)?账上|手头紧|手上紧|资金紧张|周转不(?:开|过来)|will (?:only )?be paid|paid (?:sometime |only )?(?:in|after|next)|owe|unpaid|deduct\w*|docked|takes? (?:\S+ ){0,3}off (?:everyone'?s |our |my |his |her |their |the )?(?:wages|pay|salary)|cut (?:our|my|everyone'?s|their) (?:wages|pay|salary)|hold(?:ing|s)? back|held back|withh[eo]ld|(not|n't|never) (been )?paid|hasn't paid|haven't paid/i;
/** People at work, as workers count them: 人, 工友, 司机, 老师, 阿姨, 骑手… */
const PEOPLE = '(?:人|教练|厨师|保姆|护士|医生|服务员|工人|工友|老乡|兄弟伙|兄弟|师傅|司机|老师|阿姨|嬢嬢|大姐|姐妹|骑手|护工|保安|保洁|员工|职工|同事|伙计|农民工|民工|小工|技工|学徒|workers?|drivers?|people|colleagues)';
/** Three or more: 三, 十一, 二十几, 几十, 好几, 12. */
/**
 * Three or more, as workers count: 三, 十一, 二十几, 几十, 好几, 12, and the rough counts a crew is told by: a range
 * (一二十, 十七八, 二三十, 三五), a hundred or so (百把, 上百, 近百, 百来), a couple of dozen.
 */
const MANY =
  '(?:(?:[一二两三四五六七八九][一二两三四五六七八九]十|十[一二两三四五六七八九]{2}|[三四五六七八九][四五六七八九])|(?:上|近|好几|几)百|百(?:把|来|多|余)|(?:[三四五六七八九十百]|[一二两][十百])[一二两三四五六七八九十百千几]*|好几|几[十百千]|几|[3-9]|\\d{2,})(?:多|几|来|把|余)?';
/** A worker named by trade after a count: "十来个电工", "五个钢筋工", "七个保洁员" (never "三个月工资", "几个工地"). */
const TRADE = '[\\u4e00-\\u9fa5]{0,3}?(?:工|员|匠|手)(?![资钱作程地厂期龄会伤费友])';
/** Three or more workers counted in English: "its 9 teachers", "fifteen English-speaking cleaners". */
const MANY_EN =
  '\\b(?:[3-9]|\\d{2,}|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a dozen|dozens of|several|many)(?:[\\s-]+[a-z]+-[a-z]+)?\\s+(?:other\\s+|more\\s+)?(?:workers?|teachers|cleaners|drivers|riders|couriers|staff|employees|colleagues|people|nurses|carers|guards|cooks|porters|labou?rers|builders|waiters|waitresses|electricians|welders|operators|technicians|assistants|loaders|packers|miners|of us)\\b';
/** Three or more counted outright: "十五个阿姨", "五个钢筋工", "9 teachers". */
const COUNTED_SOURCE = `${MANY}\\s*(?:个|名|位)?\\s*${PEOPLE}|${MANY}\\s*(?:个|名|位)\\s*${TRADE}|${MANY_EN}`;
const COUNTED = new RegExp(COUNTED_SOURCE, 'i');
/** "欠了我们公司二十几万": 我们 naming the firm that is owed, not the workers. */
const NOT_A_FIRM = '(?!公司|厂|单位|店|门店|老板|项目部|工地|这边的?(?:公司|厂))';
/** A group of workers: counted, or a crew named ("我们一个小组", "班组", "全园"), or owed as one ("欠我们", "没给她们发" of a mother's crew). */
const GROUP = new RegExp(
  `${COUNTED_SOURCE}|欠(?:了|起|着)?(?:我们|她们|他们)${NOT_A_FIRM}|拖欠?(?:了|起|着)?(?:我们|她们|他们)${NOT_A_FIRM}|(?:没|不|未)(?:给|发|结)(?:过)?(?:我们|她们|他们)|${MANY}\\s*个[\\u4e00-\\u9fa5]{1,3}的(?=[\\s，,。都也全])|${MANY}\\s*个(?:做|干|搞|跑|开|送|拉|修|搬|扛|卖|守|看|带|煮|当)[\\u4e00-\\u9fa5]{1,6}的(?=[\\s，,。都也全]|$)|(?:好多|很多|好些|许多|一帮|一伙|一大帮)(?:个)?${PEOPLE}|(?:兄弟伙|兄弟|姐妹|师傅|老师|阿姨|嬢嬢|司机|骑手)们|车间|(?:是|个|的)[\\u4e00-\\u9fa5]{1,6}(?:队|班组)(?!长)|班组(?!长)|小组(?!长)|我们组(?!长)|我们班(?!组?长)|我们队|组里|全组|全班|全队|整队|车队|施工队|装卸队|(?:这|那|一)拨人?|工程队|全厂|全园|全校|全店|全公司|全体|整个|大家(?!都?(?:喊|叫|称|说))|工友们|工人们|同事们|工人都|大伙|一群|集体|群体|所有人|几十|of us|our (team|crew|group)|all (the )?workers|\\bcrew\\b`,
  'i',
);
/**
 * Three or more of any trade counted: "九个老师", "十来个主播", "三十来号人", "二十好几个", "大概四十来个，":
 * a count of 个, 名, 位 or 号 followed by a person (not a month, a day or a place), or standing alone before a pause.
 */
const ANY_COUNTED = new RegExp(
  `(?:${MANY}|[二三四五六七八九]十好几)\\s*(?:个|名|位|号)(?![月天日年小时星期礼拜钟头工地地方小区项目点站店楼栋层厂车间房间单子件次回趟批])[\\u4e00-\\u9fa5]{0,4}?(?:人|师|员|工|手|匠|姐|姨|哥|嫂|妹|傅|长|生|友|乡|伙|兵|客|士|户|家|播|爷|婆|娘|叔|伯|弟|者|仔|嬢|孃)|(?:${MANY}|[二三四五六七八九]十好几)\\s*(?:个|号人)(?=[\\s，,。])|\\b(?:crew|team|group) of (?:\\d+|about|around|over|some)|\\b(?:twenty|thirty|forty|fifty|sixty)-\\w+ of us\\b`,
  'i',
);

const SPRING_FESTIVAL = /春运|农历(?:新)?年|(?:run-up|lead-up|weeks?|days?) (?:to|before) (?:the )?(?:spring festival|chinese new year|lunar new year)|(?<!(?:去年|前年|那年|上一年)的?)(?:过年|春节|除夕|大年三十|年三十)|(?<![一二两三四五六七八九十几多去前那\d])年前|(?<!(?:去年|前年|那年)的?)(?:年关|腊月)|小年(?:都|已经)?(?:过了|到了|一过)|年底.{0,6}回家|回老家过年|(?<!last year'?s |last )(?:spring festival|chinese new year|lunar new year|new year)/i;
const NO_MONEY =
  /no money at all|no money (?:for|to buy) (?:food|rice|meals?|rent)|(?:not|n't|didn't|haven't) (?:eat|eaten)|skip(?:ping)? meals|pay or get out|kick(?:ed|ing)? (?:me|us) out|(?:got|have|left with) (?:only )?\d+ (?:yuan|kuai|rmb)\b|can'?t pay (?:my |the )?room|没(?:有)?钱吃饭|(?:[两三几]|好几)天(?:都)?(?:没|没有)吃|没饭吃|米(?:都|也)?(?:吃完|莫得了|见底)|米缸(?:都)?见底|泡面(?:都|也)?(?:吃完|买不起)|奶粉钱(?:都)?(?:没|莫)|饿得|冰箱(?:是|都)?空|(?:身上|兜里|包里|口袋里?|卡里|手里)(?:一分钱)?(?:都)?(?:没|莫)(?:有|得)?钱|(?:兜里|包里|口袋里?|卡里|手里)(?:就|只)剩|赊(?:的)?(?:馒头|面条?|米|饭|菜)|身上一分钱都(?:没|莫)|一分钱都(?:没有|莫得|没得)了|身上(?:只|就)有[^，,。]{0,4}(?:块|元)|房东[^。]{0,16}(?:搬走|换锁|收回|赶|丢)|不(?:晓得|知道)(?:睡|住)哪|(?:睡|住)(?:在)?(?:火车站|火车北站|车站|桥下|街上|公园)|接济|haven'?t eaten|no money left|sleeping (?:at|in|on) (?:the )?(?:station|street|park)|must leave|evict|\d+ yuan left|(房租|租金).{0,8}(交不起|交不上|付不起|给不起|到期|没钱)|交不起|吃不起|吃不上|饭都(吃不|没得吃|没钱)|揭不开锅|断粮|断顿|(?:米|粮食?|油盐)(?:都|也)?(?:没得|没有|没)了|没(?:米|粮食?)(?:下锅|了)|等米下锅|身上(就|只)剩|(?:吃饭|饭钱|买菜)[^，,。]{0,8}赊|赊(?:账|着)?(?:吃饭|买米|买菜)|生活费都没|活不下去|撑不下去|过不下去|没(?:有)?(?:地方|地儿)(?:住|睡)|无处(?:可)?(?:住|安身)|睡在(?:车间|街上|外面|桥下|马路边?|车上)|homeless|nowhere to (?:live|sleep|stay)|can'?t (afford|pay) (the |my )?(rent|food)|cannot (afford|pay) (the |my )?(rent|food)/i;
const DISASTER = /(?:堡坎|挡墙|挡土墙|山体|围墙|后山)[^，,。]{0,3}(?:垮|塌|滑)|泥巴冲进|(?<!(?:隔壁|对面|旁边|附近|邻居|别人)[^，,。\s]{0,3})(?:火灾|失火|着火)|遭火|火烧|被烧|烧(?:起来|得?精光|光了|毁|没了|到了?我)|起火|烧得[^，,。]{0,6}(?:不剩|精光|光)|塌方|(?:屋顶|房顶|房子|屋)[^，,。]{0,6}(?:砸穿|砸烂|遭埋|被埋|埋了)|冰包|山洪|洪灾|洪水|大水|水灾|淹了|暴雨|滑坡|泥石流|地震|(房子|房屋|屋).{0,4}(垮|塌|冲)|冲垮|冲毁|倒塌|台风|冰雹|(?:屋顶|房顶|瓦|房子|屋)[^，,。]{0,6}(?:掀翻|掀了|吹翻|吹垮|吹跑|刮翻|刮跑)|(?<!(?:can|to|will|would|might|could|they|and|or|then|just)\s)\bfire\b(?!\s+(?:me|him|her|us|them|you|people|workers|staff|anyone|someone|everyone)\b)(?!\s*(?:exits?|escapes?|doors?|extinguishers?|hydrants?|alarms?|safety|drills?|hazards?|risks?|codes?))|flood|landslide|earthquake/i;

/** A disaster that blocked a road or hit a workplace, not the worker's home: "滑坡把进厂的路堵了". */
const DISASTER_ELSEWHERE = /(?:滑坡|泥石流|暴雨|大水|洪水|塌方)[^，,。]{0,4}(?:把|将)?[^，,。]{0,6}(?:路|公路|道路|桥|厂房?|仓库|工地|车间)[^，,。]{0,3}(?:堵|断|冲|淹|垮|埋)[^，,。]*/g;

/** The account as the patterns read it: Simplified, half width, lower case. */
/** A clause that imagines harm rather than tells it: "万一哪天手遭绞进去咋个办", "if anyone gets injured"; or says none came to harm. */
const IMAGINED = /[^，,。.!！?？;；\n]*(?:万一|如果|要是|假如|假设|一旦|哪天|担心|害怕|\bif\b|in case|what if)[^。.!！?？;；\n]*/gi;
const UNHARMED = /(?:还好|幸好|好在)?(?:没(?:有)?人|没有人|没)(?:受伤|伤到|出事)|(?:nobody|no one|none of us) (?:is|was|got|were) (?:hurt|injured)/gi;

/**
 * A hospital as the place the worker works, or a landmark: "我是医院的清洁工", "在医院急诊科上班",
 * "在住院部做护工", "医院旁边", "I worked as a cleaner in the hospital". Taken out before a stay in hospital is looked for.
 */
const HOSPITAL_AS_WORKPLACE =
  /(?:医院|住院部|急诊科?|病房|icu|抢救室|手术室)[^，,。]{0,6}?(?:上班|工作|打扫|做饭|开电梯|当|干活|做(?:护工|保洁|清洁|保安|护士|医生|饭|事))|(?:医院|住院部)的?(?:清洁工|保洁|护工|护士|医生|保安|厨师|食堂|电梯)|医院(?:旁边|附近|门口|对面|隔壁)|(?:护士|护工|nurse|carer|cleaner|porter|doctor|cook)[^.。，,;；]{0,30}(?:hospital|医院|住院部|急诊)|(?:work(?:ed|s|ing)?|job)\b[^.。,;]{0,20}(?:in|at) (?:the |a )?hospital/gi;

/**
 * A disaster that struck others, the workplace or the past, not the worker's home now: "我们公司仓库着火了",
 * "朋友在外省遭了地震", "村去年遭了洪水 今年重建好了", "为地震灾区捐款", "消防演练". A clause that also names
 * the worker's home ("烧到了我住的那间") is kept. A disaster the worker went through once (遭过) is past too.
 */
const NOT_OUR_DISASTER = /对门|楼上|楼下|遭过|受过灾|经历过|朋友|同事|工友|邻居|隔壁|旁边|附近|对面|别人|人家|灾区|捐|演练|演习|灭火器|消防|公司|厂|仓库|工地|车间|小区|商场|去年|前年|那年|以前|上次|曾经|重建|新闻|预报|friend|colleague|neighbou?r|coworker|village|donat|drill|next to|shop|restaurant|factory|warehouse|office|forecast|news/i;
const OUR_HOME = /我家|我们家|我屋|屋头|老家|房子|租的|住的|我住|宿舍|my (?:home|house|flat|room)|our (?:home|house|flat|room)/i;
/** Someone else, whose home a 老家 or 屋头 may be: "同事屋头遭火烧了", "他老家遭了水灾". */
const SOMEONE_ELSE = /朋友|同事|工友|邻居|别人|人家|小伙子|师傅|[他她]|friend|colleague|coworker|neighbou?r/i;
const MINE = /我们?村|(?:my|our) village|我家|我们家|我屋|我住|(?:my|our) (?:home|house|flat|room|place|apartment)/i;
/** A clause in a chat message: between marks, or between words a space sets apart ("去年家里遭过火灾 房子修好了"). */
const CHAT_CLAUSE = /(?:[^，,。.!！?？;；\n\s]|(?<![\u4e00-\u9fa5])\s|\s(?![\u4e00-\u9fa5]))+/g;
/** Whose clause it is: one naming nobody ("着火了" after "朋友家") goes on about whom the clause before it named. */
const NAMES_SOMEONE = new RegExp(`我|你|咱|${SOMEONE_ELSE.source}|\\b(?:i|my|we|our|he|she|they|his|her|their)\\b`, 'i');
function withoutOthersDisasters(t: string): string {
  let othersBefore = false;
  return t.replace(CHAT_CLAUSE, (c) => {
    const others = (NOT_OUR_DISASTER.test(c) || SOMEONE_ELSE.test(c)) && !(MINE.test(c) || (OUR_HOME.test(c) && !SOMEONE_ELSE.test(c)));
    othersBefore = others || (othersBefore && !NAMES_SOMEONE.test(c) && !OUR_HOME.test(c));
    return othersBefore ? ' ' : c;
  });
}

/** A disaster that struck the worker's home: what is left once those of others, of roads and workplaces, and of the past are taken out. */
const ownDisaster = (t: string) => DISASTER.test(withoutOthersDisasters(t.replace(DISASTER_ELSEWHERE, ' ')));

/** A festival of years past: "去年过年前那笔工钱", "那年腊月". */
const PAST_FESTIVAL = /(?:去年|前年|那年|上一年)[^，,。]{0,4}(?:过年|春节|年前|腊月|年关|年底)/g;
/**
 * A clause that tells arrears only as a rumour or a fear: "听说老板资金紧张", "下个月可能发不出工资", "担心年底又拖".
 * Taken out whole, with the trouble it names.
 */
const FEARED_CLAUSE = /[^，,。.!！?？;；\n\s]*(?:听说|可能|担心|害怕|怕是|恐怕|传言|据说)[^，,。.!！?？;；\n\s]*/g;
/** Arrears feared or asked about, not owed now: "今年过年前又要拖工钱", "过年前会不会拖欠工资", "现在还没拖". */
const FEARED_ARREARS = /(?:可能|会|怕|担心|要是)[^，,。]{0,4}(?:发不(?:起|出|了)|跑路)|(?:会不会|(?<!工)会|又要|(?<!想)要|可能|怕|担心|还没有?|没有?)(?:拖|欠|扣)欠?/g;

/** A clause telling pay is paid (a chat clause ends at a space too): "工资倒是每个月按时发的", "上周已经全部补发了", "法院判了才拿到的". */
const PAID = /[^，,。.!！?？;；\n\s]*(?:(?:打到|打进|到了?)(?:卡上|卡里|账上)|(?:也|都|已经|全部)到账了|照常(?:发|给)|正常(?:发|给)了?|(?:按时|准时|月月都)[^，,。]{0,3}(?:发|给|到账)|(?:已经|都|全部)[^，,。没不未只才]{0,4}(?:补发|发下来|要回来|结清|付清|拿到|发|给|结)了|(?:判了|仲裁了?)[^，,。]{0,4}才拿到|(?:是|都)有(?:发|给)的|paid on time|(?<!(?:not|never|n't) )(?:were|was|have been|has been|got|been) paid(?: in full| back)?|paid in full)[^，,。.!！?？;；\n\s]*/gi;

/** A person named in a list of workmates: 老周, 小彭, 刘嬢嬢, 王师傅, 张姐. */
const MATE = '(?:(?:老|小|阿)(?![板公婆家区时孩子心里头师])[\\u4e00-\\u9fa5]|[\\u4e00-\\u9fa5]{1,2}(?:嬢嬢|孃孃|姐|哥|师傅|叔|姨|婶|妹))';
/**
 * Three or more told by who they are rather than counted: the worker and two named or counted others
 * ("老周 小彭 刘嬢嬢 还有我", "我跟两个老乡", "me and two other drivers").
 */
const HEADS = new RegExp(
  `(?:${MATE}[\\s、，,和跟]*){2,}(?:还有|和|跟|加上)\\s*我|(?:${MATE}[\\s、，,和跟]+){2,}我|(?:${MATE}[\\s、，,和跟]+){3,}|我(?:跟|和|同|带着?|还有|加上)(?:另外)?(?:[两二俩]|2)\\s*个?\\s*${PEOPLE}|\\b(?:me|i) and (?:two|2) (?:other )?\\w+`,
  'i',
);

/**
 * Arrears paid after all ("上个月已经全部发了", "判了才拿到", "were paid in full"): the arrears told are over unless more is
 * still owed. Pay paid on time ("工资倒是按时发的") says nothing of other pay held back beside it.
 */
const PAID_ONCE = /(?:打到|打进)(?:卡上|卡里|账上)|(?:也|都|已经|全部)到账了|(?:已经|都|全部)[^，,。没不未只才\s]{0,4}(?:补发|发下来|要回来|结清|付清|拿到|到账|到手|发|给|结)了|(?:判了|仲裁了?)[^，,。]{0,4}才拿到|(?<!(?:not|never|n't) )(?:were|was|have been|has been|got|been) paid(?: in full| back)?|paid in full/i;
/** Someone's word that it was paid, not the worker's: "货场老板说钱已经给了队长". */
const SAID_SO = /(?:说|讲|称|声称|咬定)[^，,。!！?？\n]*/g;
/** Pay still owed beside what was paid: "发了一半 还差两千", "工资发了 但加班费没给". */
const STILL_OWED = /(?:但|可是|就是|只是|却)[^。]{0,12}?(?:还(?:差|欠|有|没|拖)|没(?:发|给|结|算)|少(?:发|给|算))|还(?:差|欠|拖)|剩下|其余|\bbut\b[^.]{0,30}\b(?:still|owe|unpaid|not)\b|\bstill (?:owe|unpaid|waiting)|\brest\b/i;
/** One worker owed among a crew paid: "包工头欠他一个人的工钱 其他人都结了". */
const JUST_ONE = /就我一个|只有我一个|只(?:有|是)?我一个人|就我一人|(?:我|他|她)一个人的(?:工资|工钱|钱)|只(?:欠|拖|差)了?(?:我|他|她)一个|其他人(?:的)?(?:都|早就?)(?:结|发|拿|给)(?:了|清)/;

/** Exactly two people owed ("我们两口子", "我和我老公", "the two of us"): no group, unless three or more are counted too. */
const JUST_TWO = /两口子|我们俩|我俩|我们两个人|我们两人|两个人|我和我(?:老公|老婆|爱人|媳妇|男人|婆娘|女朋友|男朋友)|我跟我(?:老公|老婆|爱人|媳妇|男人|婆娘)|two of us|(?:my (?:wife|husband|partner) and i)|(?:me and my (?:wife|husband|partner))/i;

/** An option left unticked on a form the worker filled in ("☐工伤 ☑劳动报酬"): a choice not made, not a thing told. */
const UNTICKED = /[☐□◻⬜][^\s☐□◻⬜☑☒✓✔■]*/g;

const read = (account: string) =>
  toSimplified(account.normalize('NFKC'))
    .toLowerCase()
    .replace(UNTICKED, ' ')
    .replace(/["“”‘’「」『』]/g, '')
    .replace(PLANNED_CARE, ' ')
    .replace(IMAGINED, ' ')
    .replace(UNHARMED, ' ')
    .replace(HOSPITAL_AS_WORKPLACE, ' ')
    .replace(PAST_FESTIVAL, ' ')
    .replace(FEARED_CLAUSE, ' ')
    .replace(FEARED_ARREARS, ' ')
    .replace(PAID, ' ');
const injured = (t: string) => INJURY.test(t) || BODY_HARMED.test(t) || SYMPTOM.test(t);
const isOver = (t: string) => OVER.test(t) && !STILL.test(t);
/** Money named that is no pay: an allowance, a refund, a deposit ("高温补贴到现在一分都没见到"). */
const NOT_PAY = /补贴|津贴|补助|降温费|过节费|福利|餐补|饭补|车补|话补|报销|押金|慰问金|allowance|subsidy|reimburse|deposit/i;
/** Pay itself, by any of its names. */
const PAY = /工资|工钱|薪|课时|血汗钱|加班费|夜班费|绩效|提成|计件|工程款|运费|趟数钱|派费|配送费|底薪|劳务|报酬|人工费|辛苦钱|生活费|wage|salary|\bpay\b|\bpaid\b/i;
/** Pay owed: the words of pay and of its being held back, unless the only money named is an allowance or a deposit. */
const owedWages = (t: string) => WAGES.test(t) && OWED.test(t) && !(NOT_PAY.test(t) && !PAY.test(t));

/** Three or more workers counted outright, in the read account: "十五个阿姨", "五个钢筋工", "老周 小彭 还有我". */
const countsThreeOrMore = (t: string) => COUNTED.test(t) || ANY_COUNTED.test(t) || HEADS.test(t);

/** What the rules read that the model cannot weigh: a head count of three or more owed, or a sign on the body now. */
function hardEvidence(rules: Urgency, account: string): boolean {
  const t = read(account);
  if (rules.reason === URGENT_REASONS.group_wages) return countsThreeOrMore(t);
  return rules.reason === URGENT_REASONS.injury && SYMPTOM.test(t);
}

/** Whether the account tells of an injury or an accident at all, over or not. */
export function tellsInjury(account: string): boolean {
  return injured(read(account));
}

/** Whether the injury or illness the account tells of is over: healed, discharged, back at work. */
export function injuryOver(account: string): boolean {
  return isOver(read(account));
}

/** Whether the account tells of pay owed to the worker or the crew ("工钱一直没结", "hasn't been paid"). */
export function tellsOwedWages(account: string): boolean {
  return owedWages(read(account));
}

/** Someone of the worker's family: the one a hardship at home falls on. */
const FAMILY = /老公|老婆|我男人|我女人|那口子|丈夫|妻子|爱人|媳妇|孩子他(?:爸|妈)|娃儿他(?:爸|妈)|娃儿|孩子|儿子|女儿|父亲|母亲|老汉|老妈|爸爸|妈妈|我爸|我妈|公公|婆婆|家里人|屋头的|\b(?:my|our) (?:husband|wife|son|daughter|child|kid|father|mother|dad|mum|mom|parents?)\b/i;
/** Hurt while working: a work injury, the employer's to answer for, not a hardship at home. */
const HURT_AT_WORK = /值班|上班(?:的)?时候|干活(?:的)?时候|做事(?:的)?时候|在工地|施工|作业|on duty|at work|on the job/i;
/** Where an injury told happened, when it was at home or school: "儿子前天在家被开水烫伤了" (a parent's work named beside it is no matter). */
const AT_HOME = /在家|家里|屋头|屋里|在学校|放学/;
const hurtAtHome = (t: string) => t.split(/[，,。.!！?？;；\s]+/).some((c) => injured(c) && AT_HOME.test(c));

/** What care costs, pressing: "医院天天催缴费", "住院费交不起". */
const CARE_COSTS = /一天[^，,。]{0,3}(?:几千|几百|[\d一二两三四五六七八九十]+[百千])块?|救个?急|医药费|医疗费|治疗费|住院费|手术费|药费|看病(?:的)?钱|催(?:缴|交)?费|缴费|交费|押金|medical (?:bills?|costs?|expenses?)|hospital (?:bills?|fees?)/i;

/**
 * A hardship at home, the aid desk's matter rather than a dispute with the employer: a disaster that hit the
 * worker's home, or someone of the family in hospital or hurt with costs pressing. Having no money left says nothing
 * of why: the topic the opening was read as stands.
 */
export function tellsHardshipAtHome(account: string): boolean {
  const t = read(account);
  if (ownDisaster(t)) return true;
  return FAMILY.test(t) && (HOSPITAL.test(t) || injured(t)) && CARE_COSTS.test(t) && !isOver(t) && !(HURT_AT_WORK.test(t) && !hurtAtHome(t));
}

/**
 * Judges the worker's account (the opening complaint and what they added): the written rules, and where a
 * model trained on accounts labelled by the same rules is sure they misread the account, the model
 * (see ./urgency-model.ts), which names the rule it reads.
 */
export function judgeUrgency(account: string): Urgency {
  const rules = ruleUrgency(account);
  const learned = learnedUrgency(account);
  if (!learned) return rules;
  // A short account carries too little for the model to take back what the rules read in it ("腿在工地被砸了"); nor
  // can it weigh a head count ("我们油漆班七个人都没结" added after a story of one): numbers are no n-grams to it;
  // nor does it take back what the body shows now ("痰里带血", "肿得像馒头"): a missed injury costs most.
  if (rules.urgent) return learned.urgentP <= learned.downP && told(account) >= LONG_ENOUGH && !hardEvidence(rules, account) ? { urgent: false } : rules;
  // A disaster the rules read as someone else's, the workplace's or the past's ("对门那家起火了") is not the worker's.
  if (learned.reason === 'disaster' && othersDisasterOnly(account)) return rules;
  return learned.urgentP >= learned.upP ? because(learned.reason) : rules;
}

/** A disaster told, every one of them struck someone else, a road or workplace, or the past. */
function othersDisasterOnly(account: string): boolean {
  const t = read(account);
  return DISASTER.test(t) && !ownDisaster(t);
}

/** How much an account tells: its Chinese characters and its Latin words. */
const told = (account: string) => (account.match(/[\u4e00-\u9fa5]/g)?.length ?? 0) + 2 * (account.match(/[a-z]+/gi)?.length ?? 0);
/** Only an account this long (a story with its times and turns) may be judged not urgent by the model against the rules. */
const LONG_ENOUGH = 25;

/** The written rules alone. */
export function ruleUrgency(account: string): Urgency {
  const t = read(account);
  const over = isOver(t);
  if (ownDisaster(t)) return because('disaster');
  if (NO_MONEY.test(t)) return because('no_money');
  if (!over && HOSPITAL.test(t)) return because('hospital');
  if (!over && injured(t)) return because('injury');
  if (!over && MEDICAL_UNPAID.test(t)) return { urgent: true, reason: '正在受伤或患病，医药费没有着落' };
  const owed = owedWages(t) && !(PAID_ONCE.test(toSimplified(account.normalize('NFKC')).replace(SAID_SO, ' ')) && !STILL_OWED.test(t));
  // A count of three or more is a group even beside 两个人; a group named otherwise is none when only two are owed.
  const counted = countsThreeOrMore(t);
  if (owed && !JUST_ONE.test(t) && (counted || (GROUP.test(t) && !JUST_TWO.test(t)))) return because('group_wages');
  if (owed && SPRING_FESTIVAL.test(t)) return because('festival_wages');
  return { urgent: false };
}
