import { describe, expect, it } from 'vitest';
import { findName, parseNameAnswer } from '../../src/intents/slots.ts';
import { plain } from '../../src/tickets/words.ts';

describe('the worker’s own name, from the words where they give it', () => {
  it.each([
    ['我叫王敏 电话13608382291', '王敏'],
    ['我是张伟 在渝北上班', '张伟'],
    ['我叫欧阳明月我在南岸', '欧阳明月'],
    ['我老公住院了 我叫陈秀英', '陈秀英'],
    ['本人刘强 电话13912345678 在渝北上班', '刘强'],
    ['联系人：王小红', '王小红'],
    ['My name is Chen Hao, phone 151 2309 8874', 'Chen Hao'],
    ["Hi, I'm Lucy Wang. I work at a mall in Yuzhong", 'Lucy Wang'],
    ['hi i am Tran Van Minh, phone 139 2304 6612, i work in Yongchuan', 'Tran Van Minh'],
    ['Hello, this is Nguyen Thi Hoa. My boss has not paid me', 'Nguyen Thi Hoa'],
    ['我叫熊大伟 不对 打快了 是熊达伟 发达的达 帮我登记一个', '熊达伟'],
  ])('%s -> %s', (text, name) => {
    expect(findName(plain(text))).toBe(name);
  });

  it.each([
    ['我是单亲妈妈 在超市上班'],
    ['我老公叫张建国 他在工地受伤了'],
    ['老板名字叫李大海 欠我三个月工资'],
    ['我是张伟的工友 他从架子上摔下来了'],
    ['本人一直在厂里上班'],
    ['本人今年五十岁 身体不好'],
    ['老板叫我滚蛋 工资也不结'],
    ['厂里叫我们签个东西 说是自愿放弃社保'],
    ["I'm owed three months of wages"],
    ['I am from Jiangjin and my boss owes me'],
  ])('names no one in %s', (text) => {
    expect(findName(plain(text))).toBeUndefined();
  });

  it.each([
    ['李强', '李强'],
    ['免贵姓刘，叫刘德斌', '刘德斌'],
    ['刘德斌 斌是文武斌的斌', '刘德斌'],
    ['口天吴 吴小明', '吴小明'],
    ['叫我小李就行', '小李'],
    ["it's Zhou Ming", 'Zhou Ming'],
  ])('takes %s as the answer to “怎么称呼您”', (text, name) => {
    expect(parseNameAnswer(plain(text))).toBe(name);
  });
});
