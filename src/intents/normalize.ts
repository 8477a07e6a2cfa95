import { placeLabel, placesIn } from '../knowledge/places.ts';

/**
 * Text normalization before understanding: width, Traditional characters, common typos and
 * homophones workers type, emoji and control characters. The original text is kept for the
 * ticket; only understanding and retrieval see the normalized form.
 */

// Traditional -> Simplified for the characters that occur in union questions and place names.
const T2S_PAIRS =
  '會会 員员 號号 幫帮 關关 區区 縣县 資资 費费 補补 貼贴 勞劳 動动 爭争 議议 護护 險险 險险 療疗 養养 遊游 觀观 覽览 ' +
  '館馆 場场 與与 這这 樣样 們们 個个 麼么 還还 沒没 說说 話话 電电 請请 問问 單单 門门 開开 發发 給给 時时 間间 ' +
  '裡里 裏里 麵面 業业 職职 廠厂 歡欢 應应 該该 為为 對对 處处 辦办 證证 錢钱 萬万 億亿 張张 專专 車车 驛驿 團团 ' +
  '學学 讀读 書书 愛爱 媽妈 親亲 務务 訴诉 權权 維维 係系 繫系 報报 銷销 級级 節节 慶庆 壽寿 傷伤 醫医 藥药 難难 ' +
  '臨临 災灾 點点 濟济 貧贫 溫温 暖暖 氣气 涼凉 冬冬 嗎吗 嗎吗 喚唤 經经 濟济 線线 熱热 鬥斗 邊边 讓让 認认 識识 ' +
  '訊讯 詢询 調调 査查 導导 準准 則则 實实 際际 況况 紀纪 錄录 華华 龍龙 鳳凤 陽阳 塊块 壩坝 灣湾 濱滨 渝渝 慶庆 ' +
  '長长 壽寿 豐丰 墊垫 雲云 奉奉 節节 巫巫 溪溪 柱柱 彭彭 銅铜 梁梁 潼潼 榮荣 昌昌 開开 州州 隆隆 綦綦 黔黔 ' +
  '碚碚 岸岸 巴巴 蘭兰 陳陈 劉刘 楊杨 趙赵 黃黄 吳吴 孫孙 馬马 鄭郑 許许 韓韩 馮冯 鄧邓 蕭萧 葉叶 羅罗 ' +
  '薪薪 欠欠 拖拖 裁裁 斷断 續续 條条 體体 藝艺 劇剧 優优 惠惠 購购 買买 賣卖 價价 錢钱 預预 約约 網网 絡络 ' +
  '標标 額额 據据 規规 劃划 歲岁 歷历 達达 運运 遠远 當当 總总 數数 並并 傳传 側侧 優优 償偿 兒儿 內内 兩两 冊册 凍冻 剛刚 劑剂 勁劲 勢势 匯汇 協协 廳厅 參参 叢丛 員员 啟启 嚴严 圍围 園园 圖图 團团 壓压 場场 壞坏 夠够 夢梦 奮奋 奪夺 孫孙 寧宁 實实 審审 寫写 對对 導导 屆届 屬属 嶺岭 幣币 幾几 廣广 張张 彈弹 徵征 懷怀 應应 戰战 換换 據据 擔担 擇择 擊击 擴扩 敗败 斷断 時时 晉晋 暫暂 曉晓 書书 會会 條条 東东 極极 構构 槍枪 樂乐 樓楼 機机 檢检 櫃柜 權权 歡欢 殘残 殺杀 毀毁 氣气 漢汉 滿满 災灾 為为 無无 煙烟 熱热 爭争 爾尔 牆墙 獎奖 獨独 環环 現现 產产 畢毕 疊叠 發发 盡尽 監监 盤盘 瞭了 確确 礙碍 禮礼 禍祸 穩稳 窮穷 競竞 筆笔 範范 簡简 糧粮 紅红 納纳 紙纸 細细 終终 組组 結结 絕绝 給给 統统 絲丝 經经 綜综 綠绿 維维 網网 緊紧 線线 練练 縣县 總总 績绩 繼继 續续 罰罚 聯联 聲声 職职 聽听 脅胁 腦脑 臟脏 與与 興兴 舉举 舊旧 藥药 蘇苏 處处 號号 蟲虫 術术 衛卫 補补 裝装 製制 複复 見见 規规 視视 親亲 覺觉 觀观 計计 訂订 認认 討讨 記记 訪访 設设 許许 診诊 詞词 試试 詳详 誠诚 說说 請请 課课 調调 談谈 論论 諮咨 證证 識识 議议 護护 讀读 變变 貝贝 負负 財财 責责 貨货 貧贫 貸贷 費费 貿贸 資资 賠赔 賣卖 質质 購购 贊赞 趕赶 跡迹 蹤踪 軍军 輕轻 較较 輔辅 輸输 轉转 農农 這这 進进 遊游 過过 達达 遲迟 選选 遺遗 還还 鄰邻 醫医 鎮镇 長长 門门 開开 閒闲 間间 關关 闆板 陰阴 陸陆 險险 隊队 際际 隨随 雖虽 雙双 雞鸡 離离 難难 電电 靈灵 響响 頂顶 項项 順顺 預预 領领 頭头 題题 顧顾 風风 飯饭 養养 餘余 館馆 騎骑 驗验 體体 鬧闹 魚鱼 鳥鸟 麼么 齊齐 歸归 這这 個个 們们 嗎吗 滬沪 黨党 屆届 億亿 戶户 廠厂 專专 帶带 將将 懸悬 擬拟 據据 殼壳 溝沟 滯滞 燈灯 爐炉 獲获 碼码 窯窑 範范 籤签 紀纪 紓纾 絡络 緩缓 編编 繳缴 罷罢 聘聘 臨临 蓋盖 薦荐 蘭兰 虧亏 衝冲 袞衮 襲袭 詐诈 譽誉 豐丰 貢贡 賬账 賺赚 贈赠 躍跃 辦办 遞递 郵邮 鋼钢 錯错 鍋锅 鏈链 鐘钟 鑑鉴 陽阳 隱隐 雜杂 雲云 靜静 韓韩 頒颁 頻频 顯显 飛飞 駕驾 驛驿 髮发 鬥斗 麥麦 龍龙 ' +
  '頁页 碼码 掃扫 無无 效效 過过 期期 將将 從从 來来 後后 前前 面面 見见 現现 進进 ' +
  '機机 構构 輔辅 導导 訓训 練练 學学 習习 獎奖 勵励 選选 擇择 參参 與与 組组 織织 ' +
  '農农 園园 鄉乡 鎮镇 街街 社社 區区 庫库 戶户 頭头 腦脑 燒烧 壞坏 損损 邀邀 聽听 盡尽 啥啥 呢呢 嗎吗 麽么 ' +
  '罵骂 詆诋 謗谤 誹诽 謠谣 偽伪 騙骗 謊谎 虛虚 騷骚 擾扰 嚇吓 醜丑 聞闻 亂乱 腳脚 閘闸 帳帐 刪删 稱称 ' +
  '濾滤 獄狱 鑰钥 譯译 復复 執执 誰谁 潑泼 剎刹 綁绑 錘锤 磚砖 斬斩 細细 紙纸 ' +
  // The words of the ticket form: corrections, yes and no, names of firms and people, injuries and pay.
  '錯错 寫写 換换 記记 確确 轉转 術术 結结 幾几 隊队 夥伙 師师 臘腊 飯饭 風风 懷怀 辭辞 績绩 離离 簽签 ' +
  '謝谢 煩烦 態态 監监 檢检 題题 項项 紡纺 築筑 設设 遞递 產产 繳缴 納纳 積积 崗岗 鬧闹 恆恒 別别 闆板 ' +
  '漲涨 貨货 倉仓 裝装 櫃柜 貝贝 賀贺 嬌娇 蓮莲 麗丽 傑杰 偉伟 軍军 紅红 強强 輝辉 鋼钢 鐵铁 錦锦 鵬鹏 ' +
  '鴻鸿 飛飞 濤涛 瑩莹 靜静 穎颖 潔洁 淨净 綠绿 藍蓝 銀银 廣广 東东 興兴 勝胜 貿贸 順顺 寧宁 齊齐 聯联 ' +
  '鍋锅 鮮鲜 魚鱼 雞鸡 鴨鸭 豬猪 飲饮 樂乐 憤愤 帶带 紹绍 齡龄 貸贷 賠赔 殘残 廢废 診诊 腫肿 墜坠 搶抢 ' +
  '禍祸 暈晕 癱瘫 瘓痪 腸肠 臟脏 腎肾 頸颈 蓋盖 縫缝 鋪铺 鎖锁 樓楼 層层 廁厕 暫暂 緩缓 擔担 憂忧 慮虑 ' +
  '慘惨 僅仅 佔占 誤误 訂订 計计 評评 論论 諮咨 課课 談谈 講讲 變变 髒脏 驗验 駕驾 駛驶 騎骑 黨党 堅坚 ' +
  '夾夹 婦妇 寶宝 寬宽 屆届 屬属 幣币 彈弹 憑凭 戰战 擁拥 擊击 擋挡 擺摆 攜携 曉晓 極极 樹树 橋桥 歸归 ' +
  '漢汉 煙烟 爐炉 牆墙 獨独 獲获 環环 畢毕 畫画 眾众 礦矿 穩稳 窮穷 競竞 筆笔 範范 簡简 糧粮 純纯 終终 ' +
  '統统 絲丝 縮缩 繩绳 聲声 舊旧 艱艰 蘇苏 製制 複复 視视 覺觉 託托 訪访 詳详 試试 誠诚 諾诺 責责 貴贵 ' +
  '賓宾 賬账 質质 賺赚 趕赶 踐践 軟软 較较 載载 輕轻 輛辆 輸输 週周 遲迟 遺遗 鄰邻 釋释 鈴铃 鐘钟 閃闪 ' +
  '閉闭 閒闲 閱阅 隨随 隱隐 雙双 雜杂 霧雾 靈灵 響响 頂顶 須须 頓顿 領领 頻频 顧顾 顯显 飽饱 餘余 餓饿 ' +
  '騰腾 鹽盐 滅灭 隻只 臺台 廠厂 莊庄 鄒邹 鍾钟 閻阎 顏颜 譚谭 賴赖 龔龚 嚴严 盧卢 蔣蒋';

const T2S = new Map<string, string>();
for (const pair of T2S_PAIRS.split(/\s+/)) {
  const [t, s] = [...pair];
  if (t && s && t !== s) T2S.set(t, s);
}

/** Misspellings and homophones workers type, mapped to the word meant. Longest first. */
const FIXES: [RegExp, string][] = [
  [/公会/g, '工会'],
  [/攻会/g, '工会'],
  [/年漂|年飘|年标|年瞟/g, '年票'],
  [/文旅年/g, '文旅年'],
  [/疗修养|疗休痒|了休养|疗休羊|聊休养/g, '疗休养'],
  [/休疗养/g, '疗休养'],
  [/送温曖|送温缓|送問暖/g, '送温暖'],
  [/欠心|欠新|欠工资/g, '欠薪'],
  [/拖心|拖新/g, '拖薪'],
  [/帮付|帮夫|帮服/g, '帮扶'],
  [/救即|救济金/g, '救助'],
  [/驿占|易站|驿栈/g, '驿站'],
  [/法律援主|法律缓助/g, '法律援助'],
  [/仲栽|仲才/g, '仲裁'],
  [/工伤保险/g, '工伤保险'],
  [/巴属|八蜀|巴数/g, '巴蜀'],
  [/百萬/g, '百万'],
  [/老版(?!本)/g, '老板'],
  [/监查(?=大队|支队|部门)|(?<=劳动)监查/g, '监察'],
  [/那来的/g, '哪来的'],
];

const FULLWIDTH = /[\uFF01-\uFF5E]/g;
// Emoji, pictographs, variation selectors, zero-width and other invisible characters.
const NOISE = /[\p{Extended_Pictographic}\u{FE0F}\u{200B}-\u{200F}\u{2060}\u{FEFF}\u{E0020}-\u{E007F}]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += T2S.get(ch) ?? ch;
  return out;
}

/**
 * English words workers use, with the Chinese terms the knowledge base is written in. An English
 * message keeps its words and gains these, so the same cues and index understand it.
 */
const GLOSSARY: [RegExp, string][] = [
  [/annual pass|tourism pass|culture (and|&) tourism/, '文旅年票'],
  [/million workers tour|tour (of )?bashu/, '百万职工游巴蜀'],
  [/sanatorium|recuperation|rest and recovery|convalescen/, '疗休养'],
  [/off[- ]?season/, '淡季'],
  [/subsid|allowance/, '补贴'],
  [/hardship|difficult(y|ies)|poor famil|struggling/, '困难帮扶'],
  [/send(ing)? warmth/, '送温暖'],
  [/mutual (aid|assistance|insurance)/, '互助保障'],
  [/medical|illness|sick|hospital/, '医疗 大病'],
  [/relief|emergency aid/, '救助'],
  [/legal (aid|help|advice)|lawyer|free legal/, '法律援助'],
  [/arbitration|labou?r dispute/, '劳动仲裁 劳动争议'],
  [/unpaid|wage arrears|owe[sd]? .{0,20}(wage|salary|pay|money)|(wage|salary|pay)s? (not|never) paid|back pay|(has|have|had)(n'?t| not| never) paid|(did|does)(n'?t| not) pay|not (been )?paid|no pay/, '欠薪 拖欠工资'],
  [/\b(wages?|salary|pay)\b/, '工资'],
  [/laid off|layoff|fired|dismiss/, '裁员 辞退'],
  [/injur|accident|hurt/, '工伤 职业伤害'],
  [/delivery (rider|driver|worker)|courier|gig worker|ride[- ]?hailing|platform worker/, '新就业形态 外卖员'],
  [/union station|rest stop|service station|outdoor worker/, '工会驿站'],
  [/join(ing)? (the|a) union|membership|set up a union/, '入会 建会'],
  [/workers'? home/, '职工之家'],
  [/nursing room|mothers'? room|breastfeeding/, '爱心妈咪小屋'],
  [/childcare|after[- ]school/, '托管班'],
  [/summer camp/, '夏令营'],
  [/voucher|coupon/, '消费券'],
  [/training|skill/, '技能培训'],
  [/craftsm/, '工匠'],
  [/spring outing|autumn outing/, '春秋游'],
  [/condolence|visits? (to|for) workers|gift/, '慰问'],
  [/hotline|phone number|which number|call/, '热线 12351'],
  [/how much|worth|cost|price/, '多少钱 价值'],
  [/who pays|paid by|pay for|fund(ed|ing|s)?\b|budget/, '经费 谁出钱'],
  [/how many (workers|people|members|employees)|number of (workers|people|members)|how many .{0,20}(used|joined|took part|participated)/, '多少名职工 人数'],
  [/how often|how frequently|once every/, '多久一次'],
  [/how long|how many days/, '几天'],
  [/\bwhen\b/, '什么时候'],
  [/\bused\b|\busing\b|\busage\b/, '使用'],
  [/\bwhere\b/, '在哪里'],
  [/membership fee|union dues|dues/, '会费'],
  [/ten (measures|things)/, '十项措施 十件实事'],
];

/**
 * Colloquial words and the terms the policies use for them. The message keeps its own words and
 * gains the policy terms, so "快递小哥能入工会不" finds the entry about 新就业形态 workers joining.
 */
const SYNONYMS: [RegExp, string][] = [
  [/入工会|进工会|参加工会|入个会|加工会/, '加入工会 入会'],
  [/快递小哥|外卖小哥|骑手|跑外卖|送外卖|跑单|网约车司机|开网约车|货车司机/, '新就业形态劳动者'],
  [/工资没发|不发工资|欠工资|工钱没给|工钱没结|拖工资|拖着工资|拿不到工资|讨工钱|要工钱/, '欠薪'],
  [/生娃|生孩子|怀孕|坐月子/, '生育'],
  [/娃儿|小孩|孩子们/, '孩子'],
  [/带娃|看娃|管娃|没人带孩子/, '托管'],
  // A place to nurse is the 爱心妈咪小屋; nursing time or leave is a right of its own (哺乳时间).
  [/(喂奶|哺乳|背奶|吸奶)(室|间|的地方|的房间|的屋)|(在哪|哪里|哪儿|地方).{0,4}(喂奶|哺乳|背奶|吸奶)/, '爱心妈咪小屋'],
  [/(喂奶|哺乳|背奶)(时间|假|期)|(喂奶|哺乳).{0,6}(几个?小时|多久|加班|夜班)/, '哺乳时间'],
  [/歇脚|歇一下|热饭|喝口水|上厕所|充电/, '工会驿站'],
  [/出去耍|旅游|游玩/, '文旅'],
  [/疗养/, '疗休养'],
  [/打官司|请律师|告老板/, '法律援助'],
  [/被开了|炒鱿鱼|辞退|不要我了/, '裁员 解除劳动合同'],
  [/摔了|受伤|撞了|骨折/, '职业伤害'],
  [/困难户|穷|揭不开锅|过不下去/, '困难职工'],
  [/工钱|薪水|薪资|血汗钱/, '工资'],
  [/加班钱|加班工资/, '加班费'],
  [/开除|把我开了|开了我|炒了我|辞了我|被炒/, '辞退'],
  [/先心病|心脏(不好|有问题|手术)|搭桥/, '心脏病手术'],
  [/劳动局|劳动监察大队|劳动大队/, '劳动保障监察'],
  [/年卡|旅游卡|景区卡/, '年票'],
  [/五险一金|五险|社保/, '社会保险'],
  [/没签合同|没有签合同|不签合同|没得合同|没有合同/, '书面劳动合同'],
];

/** English place names become the Chinese ones where they stand ("travel to chengdu" → "travel to 成都"). */
function withChinesePlaceNames(t: string): string {
  if (!/[a-z]{4,}/.test(t)) return t;
  let out = t;
  for (const p of placesIn(t)) if (/^[a-z]/.test(p.text)) out = out.replace(p.text, placeLabel(p));
  return out;
}

function withGlossary(t: string): string {
  const table = /[a-z]{3,}/.test(t) ? [...GLOSSARY, ...SYNONYMS] : SYNONYMS;
  const extra = table.filter(([re]) => re.test(t)).map(([, zh]) => zh).filter((zh) => !t.includes(zh));
  return extra.length ? `${t} ${extra.join(' ')}` : t;
}

export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  t = t.replace(NOISE, ' ').replace(CONTROL, ' ').replace(/\u3000/g, ' ');
  t = toSimplified(t);
  for (const [re, to] of FIXES) t = t.replace(re, to);
  return withGlossary(withChinesePlaceNames(t.replace(/\s+/g, ' ').trim().toLowerCase()));
}

/** Share of characters that are letters, digits, CJK or common punctuation: low means binary junk. */
export function readableShare(text: string): number {
  if (!text) return 0;
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total += 1;
    if (/[\p{L}\p{N}\p{P}\s\p{Extended_Pictographic}\p{Sc}\p{Sm}]/u.test(ch)) good += 1;
  }
  return good / total;
}

export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
