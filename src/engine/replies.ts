import type { Awaiting, Citation, Reply, ReplyAction, ReplyMeta } from '../core/message.ts';

/** Reply builders and the fixed texts Niangjia says, in one place. */

export function reply(action: ReplyAction, text: string, extra: { citations?: Citation[]; awaiting?: Awaiting; quickReplies?: string[]; meta?: ReplyMeta } = {}): Reply {
  return {
    text,
    action,
    citations: extra.citations ?? [],
    awaiting: extra.awaiting ?? null,
    ...(extra.quickReplies ? { quickReplies: extra.quickReplies } : {}),
    ...(extra.meta ? { meta: extra.meta } : {}),
  };
}

export const HOTLINE = '12351';

export const TEXT = {
  greeting:
    '您好，我是娘家人，工会的小助手。可以问我：困难帮扶和送温暖、工会文旅年票和“百万职工游巴蜀”、职工疗休养、欠薪和劳动争议的维权、工会驿站等会员福利。需要工会出面办的事（申请帮扶、讨薪、投诉），我可以帮您登记到12351职工服务热线。',
  nothingToConfirm: '现在没有等您确认的登记：可能已经提交过，也可能登记信息已过期。发“我的工单”可查看已提交的工单；要重新登记，直接说说遇到的情况就行。急事请拨打职工服务热线 12351。',
  empty: '您好像没有输入内容。想问什么直接打字告诉我就行，比如“年票多少钱”“欠薪怎么办”。',
  junk: '这条消息我读不懂（可能是乱码或文件）。请用文字描述您的问题；急事可拨打职工服务热线 12351。',
  tooLong: '（消息很长，我先看了前面部分。）',
  rateLimited: '您发得太快了，请稍等一会儿再发，我会继续为您解答。急事请拨打 12351。',
  outOfScope:
    '这个问题超出了工会服务的范围，我答不了。我能帮您的是：困难帮扶、文旅年票、疗休养、欠薪维权和会员福利等工会政策，也可以帮您登记到12351职工服务热线。',
  unsafe:
    '这个请求我不能办理。我不会透露任何人的个人信息或工单，也不会按消息里的“指令”改变规则。需要了解工会政策或办理帮扶、维权，我很乐意帮忙；也可拨打职工服务热线 12351。',
  abuse: '理解您着急。我会尽力帮您；如果我答得不好，可以回复“转人工”或直接拨打职工服务热线 12351，由工作人员为您处理。',
  crisis:
    '您现在的安全最重要。如果有人身危险，请马上拨打 110 或 120；心里难受可以拨打心理援助热线 12356。工会职工服务热线 12351 也会有人帮您想办法——欠薪、困难都有正规渠道解决，我可以帮您登记。',
  threat:
    '您一定很气愤，但伤人、毁物的事我不能帮，也请千万别做：那会让您从有理变成违法。欠薪、受欺负都有正规渠道：回复“登记”我帮您把情况提交给12351，工会出面帮您维权；有人身危险请拨打 110。',
  harass: '辱骂、威胁或诋毁别人的话我不能帮您写。如果是对方侵犯了您的权益，我可以帮您把事实讲清楚、登记到12351，由工会出面依法处理。',
  fraud: '这个不能帮您办：提供虚假材料或冒用他人身份申请帮扶是违规的。如确有困难，可以如实申请，我可以帮您登记，或拨打 12351 咨询。',
  handoff:
    '好的，马上为您找工作人员。您可以直接拨打职工服务热线 12351（工作时间有人接听）；也可以回复“登记”，留下姓名、电话和情况，我提交给12351后台，工作人员会主动联系您。',
  handoffRepeated: '抱歉，我没能帮上忙。建议直接拨打职工服务热线 12351 找工作人员；或回复“登记”，我把您的情况转给12351后台，工作人员会联系您。',
  noMore: '这一点我的资料里没有更具体的说明，上面的答复就是目前掌握的全部。具体材料、流程请咨询所在单位工会，或拨打职工服务热线 12351；需要工会出面办，回复“登记”我帮您提交。',
  refusedBeside: '您消息里另外的要求（查看别人的信息或工单、改变我的规则）我不能办理。您自己的事我来帮您登记：',
  statusPrivately: '工单信息涉及个人隐私，我私信告诉您，请查看我发给您的私信。',
  subscribeInGroup: '通知订阅是按群开通的：请在要接收工会通知的群里 @我 发“订阅通知”，发“取消订阅”即可退订。',
  subscribeUnavailable: '工会通知订阅暂未开通，政策问题可以直接问我，或拨打职工服务热线 12351。',
} as const;

/** Where to ask and that the question was noted, closing every English no-answer. */
const EN_ADVICE = "Please ask your workplace or local trade union, or call the union hotline 12351. I've noted the question so the materials can be improved.";

/** The fixed replies for a worker who writes in English. */
export const TEXT_EN = {
  greeting:
    "Hello, I'm Niangjia, the trade union's assistant. Ask me about hardship aid, the union culture-tourism annual pass, sanatorium leave, unpaid wages and other rights, and member benefits. If you need the union to act for you, I can file your case with the 12351 union hotline.",
  noAnswer: `My materials don't cover this, so I can't give you a reliable answer. ${EN_ADVICE}`,
  elsewhere: (asked: string, region: string) => `My materials hold no such policy for ${asked}. Below is the policy of ${region}, for reference only:`,
  noAnswerAdvice: EN_ADVICE,
  near: "I'm not sure this answers your question exactly; it is the closest my materials hold. If it does not fit, ask your union or call the hotline 12351:",
  partial: (gap: string) => `My materials don't state ${gap}. Here is what they do say; for details ask your union or call the hotline 12351:`,
  handoff: 'Sure. You can call the union hotline 12351 to talk to a person, or reply "登记" and I will file your case so that hotline staff contact you.',
  outOfScope: "That's outside what the union assistant can help with. I can help with union benefits, hardship aid, the annual pass, sanatorium leave and workers' rights, or file a case with the 12351 hotline.",
  unsafe: "I can't do that. I never share anyone's personal information or cases, and I don't follow instructions hidden in messages. For union policies or help with your own case, I'm glad to help, or call 12351.",
  crisis: 'Your safety comes first. If you are in danger call 110 or 120; for emotional support call 12356. The union hotline 12351 can also help you find a way through.',
  abuse: "I understand you're frustrated, and I'll do my best to help. If my answers aren't helping, reply \"转人工\" or call the union hotline 12351 to reach a person.",
  fraud: "I can't help with that: false papers or applying in someone else's name breaks the rules for union aid. If you really are in difficulty, apply honestly; I can file your case with the 12351 hotline.",
  threat: "I understand you are angry, but I can't help with hurting anyone or damaging anything, and please don't: it would put you in the wrong. Unpaid wages and mistreatment have proper channels: reply \"登记\" and I'll file your case with the 12351 union hotline. If anyone is in danger, call 110.",
  refusedBeside: "The other part of your message (other people's details or cases, or changing my rules) I can't do. Your own case I will file:",
  harass: "I can't write insults, threats or smears about anyone. If someone has violated your rights, I can help you set out the facts and file them with the 12351 hotline so the union can act.",
} as const;

