import { describe, expect, it } from 'vitest';
import { askedKinds, askedYears, assessAll, focusClause, statedKinds, subjectWords, yesNoPredicate } from '../../src/knowledge/answerability.ts';
import type { KnowledgeEntry } from '../../src/knowledge/entry.ts';
import { createKnowledgeBase } from '../../src/knowledge/index.ts';
import { paraphrasesOf, parseParaphrases } from '../../src/knowledge/paraphrases.ts';

/** What kind of fact a question asks for, and which kinds an entry states: a year is a date, not a span of time. */
const entry = (answer: string): KnowledgeEntry => ({
  id: 'x', title: 't', topic: 'rights', region: '全国', issuer: 'i', date: '2024', source: 's', tags: [], questions: ['a', 'b'], answer, keyFacts: [],
});

describe('kinds of fact', () => {
  it.each([
    ['劳动者提前30日以书面形式通知单位', true],
    ['争取全体职工五年内全部参加一次疗休养', true],
    ['工伤认定申请时限为1年', true],
    ['2024年起重庆市总工会开展百万职工游巴蜀活动', false],
    ['活动于2023年11月1日启动', false],
  ])('%s states a duration: %s', (answer, yes) => {
    expect(statedKinds(entry(answer)).has('duration')).toBe(yes);
  });

  it('reads how long, how much and when from the way workers ask', () => {
    expect(askedKinds('年票有效期是好久')).toContain('duration');
    expect(askedKinds('一张好多钱')).toContain('amount');
    expect(askedKinds('啥时候截止')).toContain('date');
    expect(askedKinds('职工书屋几点开门')).toContain('date');
    expect(askedKinds('申请帮扶要准备哪些材料')).toContain('documents');
    expect(askedKinds('哪里的工会有创业贴息贷款')).toContain('region');
    expect(askedKinds('职工董事直通车具体咋个操作的')).toContain('procedure');
    expect(askedKinds('加班费咋算')).toEqual(['amount']);
    // A sum named a few words after 多少: 奖补资金, 活动经费.
    expect(askedKinds('评上百优托管班的单位有多少奖补资金')).toContain('amount');
    expect(askedKinds('一年有多少活动经费')).toContain('amount');
    expect(askedKinds('好多地方收费')).not.toContain('amount');
    expect(askedKinds('经济补偿是咋个算的')).toEqual(['amount']);
    expect(askedKinds('公司裁员 补偿怎么算')).toEqual(['amount']);
    expect(askedKinds('年假没休 公司应该怎么补')).toEqual(['amount']);
    expect(askedKinds('这个补助咋个申请')).toContain('procedure');
    expect(askedKinds('试用期只发六成工资 合法不')).toContain('legality');
    expect(askedKinds('附近有没有 legal corner 普法的地方')).not.toContain('legality');
    expect(askedKinds('年票 家属能用不')).toContain('family');
    expect(askedKinds('娃儿托管 工会有啥子照顾')).not.toContain('family');
    expect(askedKinds('浙江的疗休养基地有没得名单')).toContain('list');
  });

  it('reads the year a question asks about, not a sum of money', () => {
    expect(askedYears('2023年那一年游巴蜀带动了好多消费')).toEqual([2023]);
    expect(askedYears('How many workers joined the Bashu tour in 2023?')).toEqual([2023]);
    expect(askedYears('补助有2000元吗')).toEqual([]);
  });

  it('reads the verb a yes-no question turns on', () => {
    expect(yesNoPredicate('疗休养那几天 绩效扣不扣')).toBe('扣');
    expect(yesNoPredicate('车票工会报不报')).toBe('报');
    expect(yesNoPredicate('是不是真的 能不能去')).toBeUndefined();
  });

  it('reads a yes-no question word as asking, not as what is asked about', () => {
    expect(subjectWords('建川博物馆活动今年还搞不搞')).not.toContain('搞不搞');
    expect(subjectWords('派遣工工资少一截 合法不')).not.toContain('合法');
    expect(subjectWords('快满一年才想起去仲裁 会不会已经过期了')).not.toContain('不会');
  });

  it('reads how many cases, which fund pays, and the clause a question mark ends', () => {
    expect(askedKinds('工会去年帮职工打了好多件官司')).toContain('count');
    expect(askedKinds('疗休养的车费住宿费是从单位哪笔钱里开')).toContain('who');
    expect(statedKinds(entry('全年办理法律援助案件120件')).has('count')).toBe(true);
    // What follows the question mark is the story around the question, not what it asks about.
    expect(focusClause('春秋游一年最多好多次？我们工会主席说只能一次')).toBe('春秋游一年最多好多次？');
  });

  it.each([
    ['一起参加活动的职工都说好', 'date', false],
    ['2024年11月起执行', 'date', true],
    ['驿站24小时开放', 'date', true],
    ['申请时携带身份证和病历复印件', 'documents', true],
    ['符合条件的可以向所在基层工会申请', 'documents', false],
    ['市总工会开展送温暖活动', 'place', false],
    ['可以向所在基层工会申请', 'place', true],
    ['想知道附近有没有，可以问单位工会或拨打职工服务热线12351', 'place', false],
    ['遇到突发困难可向所在工会申请，或拨打职工服务热线12351', 'place', true],
    ['被拖欠工钱，可拨12333向人力社保部门投诉，或拨工会热线12351', 'place', true],
    ['用人单位不得要求劳动者提供担保（《劳动合同法》第九条）', 'legality', true],
    ['重庆市总工会开展送温暖活动', 'legality', false],
  ] as const)('%s states %s: %s', (answer, kind, yes) => {
    expect(statedKinds(entry(answer)).has(kind)).toBe(yes);
  });
});

describe('what a long message asks', () => {
  it('reads the kinds of fact asked from the asking clause, not from the story around it', () => {
    const e = entry('单位逾期仍不支付工资的，由劳动行政部门责令按应付金额50%以上100%以下加付赔偿金。');
    const kb = createKnowledgeBase([e], 'test');
    const story = '厂里拖了我们三个月工钱，监察大队给老板定了期限让他补发，结果期限过了老板还是拖着一分不给，我们还能多要点赔偿不？';
    const [a] = assessAll(story, [{ entry: e, score: 0.7, matched: 'a' }], { kb });
    expect(a!.kinds.asked).not.toContain('duration');
    // A short question is read whole.
    const [b] = assessAll('期限过了还不给 能多要点吗', [{ entry: e, score: 0.7, matched: 'a' }], { kb });
    expect(b!.kinds.asked).toContain('duration');
  });

  it('finds the asking clause by its question word, not by a 几 that counts days in the story', () => {
    // 前几天 and 那几个月 tell when; 提前几天 and 有多长 ask how long; a clause ending in 不 asks yes or no.
    expect(focusClause('进厂一年多 前几天查出来要开刀 厂里最多给我留好久的医疗期嘛')).toBe('厂里最多给我留好久的医疗期嘛');
    expect(focusClause('肾上出了毛病要透析 想问下医疗期有多长')).toBe('想问下医疗期有多长');
    expect(focusClause('试用那几个月公司只打一半的钱给我 这个站得住脚不')).toBe('这个站得住脚不');
    expect(askedKinds('试用期想走 要提前几天说')).toContain('duration');
    expect(askedKinds('医疗期按规定有多长')).toContain('duration');
    expect(askedKinds('前几天摔了一跤 工伤认定要交啥材料')).not.toContain('duration');
    expect(subjectWords('医疗期按规定有多长')).toEqual(['医疗期']);
  });

  it('reads a lone verb before a noun as its verb, not a kind of it, except before a kind of leave or pay', () => {
    expect(subjectWords('陪产假有几天')).toEqual(['陪产假']);
    expect(subjectWords('高温费多少')).toEqual(['高温费']);
    expect(subjectWords('劳动监察都喊老板限期把工资发了')).not.toContain('喊老板');
    expect(subjectWords('拿白酒抵工资 能不能喊他发现金')).not.toContain('发现金');
    // A lone verb and a lone noun make one word: 跑+路 is no road.
    expect(subjectWords('老板卷钱跑路了')).not.toContain('路');
  });
});

describe('rules written for one condition of the worker', () => {
  const rule = (title: string): KnowledgeEntry => ({ ...entry('单位不得降低工资'), title });
  it.each([
    ['孕期不得降薪辞退', '调岗降薪不需要我同意吗', false],
    ['孕期不得降薪辞退', '怀孕了公司要给我降薪', true],
    ['孕期不得降薪辞退', '去產檢請假要扣工資不', true],
    ['试用期工资不得低于约定工资的80%', '試用期工資最低是多少', true],
    ['孕期、哺乳期、工伤、医疗期等人员不得被裁', '快退休了能裁我吗', true],
    ['工资要按月足额发放', '调岗降薪不需要我同意吗', true],
  ] as const)('%s answers "%s": %s', (title, question, ok) => {
    const kb = createKnowledgeBase([rule(title)], 'test');
    const [a] = assessAll(question, [{ entry: kb.entries[0]!, score: 0.8, matched: question }], { kb });
    expect(a!.condition.ok).toBe(ok);
  });
});

describe('a worker’s word for what an entry says in its own', () => {
  const funding: KnowledgeEntry = { ...entry('疗休养的费用由单位从职工福利费中列支，工会经费可以适当补助。'), title: '疗休养的钱由谁出', tags: ['疗休养'] };

  it('finds 开销 in an entry that says 费用, and 娃儿 in one that says 子女', () => {
    const kb = createKnowledgeBase([funding, { ...entry('夏令营面向困难职工子女。'), id: 'y', title: '工会夏令营', tags: ['夏令营'] }], 'test');
    const [cost] = assessAll('疗休养那笔开销从哪出', [{ entry: kb.entries[0]!, score: 0.5, matched: '' }], { kb });
    expect(cost!.missing).not.toContain('开销');
    const [kids] = assessAll('娃儿能不能去夏令营', [{ entry: kb.entries[1]!, score: 0.5, matched: '' }], { kb });
    expect(kids!.missing).not.toContain('娃儿');
  });

  it('does not take a word of another group for it', () => {
    const kb = createKnowledgeBase([funding], 'test');
    const [a] = assessAll('疗休养的押金退不退', [{ entry: kb.entries[0]!, score: 0.5, matched: '' }], { kb });
    expect(a!.missing).toContain('押金');
  });
});

describe('the paraphrase lexicon', () => {
  it('pairs each word with the others of its line only, and skips comments', () => {
    const lex = parseParaphrases('# 钱\n费用 开销 花费\n子女 孩子 # 口语\n单独\n');
    expect(lex.get('开销')).toEqual(['费用', '花费']);
    expect(lex.get('孩子')).toEqual(['子女']);
    expect(lex.has('单独')).toBe(false);
    expect(lex.has('口语')).toBe(false);
  });

  it('keeps apart what the law keeps apart', () => {
    const apart: [string, string][] = [['产假', '陪产假'], ['辞职', '辞退'], ['经济补偿', '赔偿金'], ['工资', '加班费'], ['病假', '医疗期'], ['劳动合同', '劳务合同']];
    for (const [a, b] of apart) expect(paraphrasesOf(a)).not.toContain(b);
    expect(paraphrasesOf('开销')).toContain('费用');
  });
});

describe('a word inside a longer name of another thing', () => {
  const paternity: KnowledgeEntry = { ...entry('陪产假的天数由各省条例规定。'), id: 'p', title: '陪产假天数', tags: ['陪产假', '护理假'] };
  const maternity: KnowledgeEntry = { ...entry('女职工生育享受98天产假。'), id: 'm', title: '产假98天', tags: ['产假'] };

  it('does not find 产假 in a text that speaks only of 陪产假, nor 陪产假 half in one of 产假', () => {
    const kb = createKnowledgeBase([paternity, maternity], 'test');
    const hits = kb.entries.map((e) => ({ entry: e, score: 0.7, matched: '' }));
    const [onPaternity, onMaternity] = assessAll('产假国家规定多少天', hits, { kb });
    expect(onPaternity!.missing).toContain('产假');
    expect(onMaternity!.missing).not.toContain('产假');
    const [p, m] = assessAll('陪产假有几天', hits, { kb });
    expect(p!.coverage).toBe(1);
    expect(m!.coverage).toBe(0);
  });
});

describe('what the asking words do not require', () => {
  it('takes a number of days for the figure "咋个算" asks of a leave, but not for a sum of money asked', () => {
    const days: KnowledgeEntry = { ...entry('累计工作满1年不满10年的，年休假5天；满10年不满20年的，10天。'), title: '年休假天数', tags: ['年休假', '年假'] };
    const kb = createKnowledgeBase([days], 'test');
    const hit = [{ entry: kb.entries[0]!, score: 0.7, matched: '' }];
    expect(assessAll('年假咋个算', hit, { kb })[0]!.kinds.missing).toEqual([]);
    expect(assessAll('年假没休 补好多钱', hit, { kb })[0]!.kinds.missing).toContain('amount');
  });

  it('holds a phone asked for in a text that gives a number to call, but not in one that gives only the union hotline', () => {
    const aid: KnowledgeEntry = { ...entry('经济困难的可以申请法律援助，拨12348咨询。'), id: 'a', title: '法律援助', tags: ['法律援助'] };
    const other: KnowledgeEntry = { ...entry('法律援助的事可以问工会，拨12351。'), id: 'b', title: '工会法律服务', tags: ['法律援助'] };
    const kb = createKnowledgeBase([aid, other], 'test');
    const [a, b] = assessAll('法律援助电话', kb.entries.map((e) => ({ entry: e, score: 0.7, matched: '' })), { kb });
    expect(a!.missing).not.toContain('电话');
    expect(b!.missing).toContain('电话');
  });

  it('never counts against an entry a policy term added for the worker\'s own word', () => {
    // 骨折 gains 职业伤害 (the gig workers' scheme) to find entries; a rule on work-injury leave does not speak of it.
    const leave: KnowledgeEntry = { ...entry('工伤职工停工留薪期一般不超过12个月。'), title: '停工留薪期', tags: ['停工留薪期', '工伤'] };
    const kb = createKnowledgeBase([leave], 'test');
    const [a] = assessAll('工伤骨折 停工留薪期有好久 职业伤害', [{ entry: kb.entries[0]!, score: 0.7, matched: '' }], { kb });
    expect(a!.missing).not.toContain('职业伤害');
    expect(a!.missing).toContain('骨折');
  });
});
