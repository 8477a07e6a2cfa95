import type { TicketField } from '../core/message.ts';
import type { Topic } from '../intents/types.ts';

/**
 * What the ticket form says, in the language the worker writes. A worker who opens in English is
 * asked, corrected and shown the summary in English; the ticket itself (fields, the operators'
 * notes on where each field came from) stays as the hotline reads it.
 */
export interface FormWords {
  field: Record<TicketField, { label: string; prompt: string; hint: string }>;
  topic: Record<Topic, string>;
  opening(known: string[]): string;
  again(field: TicketField): string;
  repeated: string;
  added: string;
  whichToChange: string;
  unchanged(field: TicketField, shown: string): string;
  changed(list: string, allHeld: boolean): string;
  /** One field and its value, as a changed-field list shows it. */
  item(field: TicketField, shown: string): string;
  listJoin: string;
  leftEmpty(field: TicketField): string;
  stuck(field: TicketField | 'confirm'): string;
  confirmPrompt: string;
  confirmOrCancel: string;
  resume: string;
  quickReplies: [string, string];
  summary(lines: { name: string; phone: string; employer: string; district: string; description: string; topic: Topic; urgentReason?: string; urgent: boolean }): string;
  cancelled: string;
  whyWeAsk: string;
  askLater: string;
  groupToPrivate: string;
  queued: string;
  filed(ticket: string, urgent: boolean, phone: string): string;
}

const ZH_FIELD: FormWords['field'] = {
  name: { label: '姓名', prompt: '请问怎么称呼您？（姓名）', hint: '请只回复您的姓名，比如“李强”。' },
  phone: { label: '电话', prompt: '请留一个能联系到您的手机号，工作人员会打给您。', hint: '手机号是11位数字，比如 139 1234 5678，空格或短横线都可以。' },
  employer: {
    label: '单位',
    prompt: '您在哪个单位上班？（公司、工厂、平台或工地的名字）',
    hint: '请回复单位名称，比如“重庆某某机械厂”；没有固定单位可以回复平台或工地名称。',
  },
  district: {
    label: '区县',
    prompt: '单位（或事情发生地）在重庆哪个区县？比如 九龙坡区、渝北区、万州区。',
    hint: '我没认出这个区县。请回复重庆的区县名，如 沙坪坝区、江津区、巫山县（简称也行）。',
  },
  description: {
    label: '情况',
    prompt: '请简单说说情况：发生了什么、涉及多少钱或多少人、希望工会帮什么。',
    hint: '请用一两句话说明情况，比如“拖欠三个月工资约2万元，老板联系不上”。',
  },
};

const ZH_TOPIC: Record<Topic, string> = {
  hardship_aid: '困难帮扶',
  annual_pass: '文旅年票',
  sanatorium: '疗休养',
  rights: '劳动权益',
  member_benefits: '会员服务',
};

export const ZH: FormWords = {
  field: ZH_FIELD,
  topic: ZH_TOPIC,
  opening: (known) => `好的，我帮您登记到12351职工服务热线，工作人员会联系您。${known.length ? `已记下：${known.join('、')}。` : ''}`,
  again: (f) => `好的，请重新告诉我${ZH_FIELD[f].label}。${ZH_FIELD[f].prompt}`,
  repeated: '这条刚才已经记下了。',
  added: '好的，已补充到情况里。',
  whichToChange: '哪一项需要改？直接说就行，比如“电话改成139…”“单位是…”“情况改成…”。',
  unchanged: (f, shown) => `${ZH_FIELD[f].label}记的是 ${shown}，没有变。`,
  changed: (list, allHeld) => (allHeld ? `好的，已改为：${list}。` : `好的，已记下：${list}。`),
  item: (f, shown) => `${ZH_FIELD[f].label} ${shown}`,
  listJoin: '，',
  leftEmpty: (f) => `${ZH_FIELD[f].label}先空着，工作人员联系您时再问。`,
  stuck: (f) =>
    `这一项（${f === 'confirm' ? '确认' : ZH_FIELD[f].label}）我还是没能识别。您可以换个说法再回复一次，也可以直接拨打职工服务热线 12351 由工作人员登记；不想登记了回复“取消”。`,
  confirmPrompt: '请回复“确认”提交，或直接说要改哪一项；回复“取消”放弃。',
  confirmOrCancel: '回复“确认”提交登记，或“取消”放弃。',
  resume: '（继续登记）',
  quickReplies: ['确认', '取消'],
  summary: (l) =>
    [
      '请核对登记信息：',
      `姓名：${l.name}`,
      `电话：${l.phone}`,
      `单位：${l.employer}`,
      `区县：${l.district}`,
      `情况：${l.description}`,
      // The worker sees why the ticket is urgent, as the operator will, and can correct the account if the reason is wrong.
      `类别：${ZH_TOPIC[l.topic]}${l.urgent ? `（加急：${l.urgentReason ?? '情况紧急'}）` : ''}`,
      '无误请回复“确认”提交；要改哪项直接说，比如“电话说错了 是…”；回复“取消”放弃。',
    ].join('\n'),
  cancelled: '好的，已取消，这次的信息不会提交。需要时随时找我，或拨打职工服务热线 12351。',
  whyWeAsk: '这些信息只用于12351工作人员联系您、办理这件事，只有经办的工作人员能看到，不会在群里显示，也不会给其他人。',
  askLater: '这个问题我没有把握答准，登记后可以请联系您的工作人员一并解答，也可以拨打职工服务热线 12351 问。',
  groupToPrivate: '这件事需要登记联系方式，为保护您的隐私，我们转到私聊继续，请查看我发给您的私信。',
  queued: '您的登记已保存。工单系统暂时连不上，恢复后会自动提交，不会丢失也不会重复；提交后发“我的工单”可查看单号。急事请直接拨打职工服务热线 12351。',
  filed: (n, urgent, phone) => `已提交到12351职工服务热线，工单号 ${n}${urgent ? '（加急）' : ''}。工作人员会尽快通过 ${phone} 联系您。发“我的工单”可查进度，急事请拨打 12351。`,
};

const EN_FIELD: FormWords['field'] = {
  name: { label: 'name', prompt: 'What is your name?', hint: 'Please reply with just your name, for example "Li Qiang".' },
  phone: {
    label: 'phone',
    prompt: 'Please give a mobile number where hotline staff can call you.',
    hint: 'A mainland mobile number has 11 digits, for example 139 1234 5678; spaces or dashes are fine.',
  },
  employer: {
    label: 'employer',
    prompt: 'Where do you work? (the name of the company, factory, platform or site)',
    hint: 'Please reply with the employer\'s name; without a fixed employer, the platform or the site is fine.',
  },
  district: {
    label: 'district',
    prompt: 'Which district or county of Chongqing is the workplace (or where it happened) in? For example Jiulongpo, Yubei, Wanzhou.',
    hint: 'I did not recognise that district. Please reply with a Chongqing district or county, such as Shapingba, Jiangjin or Wushan.',
  },
  description: {
    label: 'what happened',
    prompt: 'Briefly, what happened: how much money or how many people are involved, and what would you like the union to do?',
    hint: 'One or two sentences are enough, for example "three months of wages unpaid, about 20,000 yuan, the boss cannot be reached".',
  },
};

const EN_TOPIC: Record<Topic, string> = {
  hardship_aid: 'hardship aid',
  annual_pass: 'annual pass',
  sanatorium: 'sanatorium leave',
  rights: 'labour rights',
  member_benefits: 'member services',
};

export const EN: FormWords = {
  field: EN_FIELD,
  topic: EN_TOPIC,
  opening: (known) =>
    `Sure, I'll file this with the 12351 union hotline and staff will contact you.${known.length ? ` Noted so far: ${known.join(', ')}.` : ''} `,
  again: (f) => `All right, please tell me your ${EN_FIELD[f].label} again. ${EN_FIELD[f].prompt}`,
  repeated: 'I already have that. ',
  added: "Thanks, I've added that to what happened. ",
  whichToChange: 'What should I change? Just say it, for example "phone is 139…", "employer is …" or "what happened: …".',
  unchanged: (f, shown) => `Your ${EN_FIELD[f].label} is still ${shown}; nothing changed. `,
  changed: (list, allHeld) => (allHeld ? `Changed: ${list}. ` : `Noted: ${list}. `),
  item: (f, shown) => `${EN_FIELD[f].label} ${shown}`,
  listJoin: ', ',
  leftEmpty: (f) => `I'll leave the ${EN_FIELD[f].label} empty; staff will ask when they call. `,
  stuck: (f) =>
    `I still could not read the ${f === 'confirm' ? 'confirmation' : EN_FIELD[f].label}. Try saying it another way, or call the union hotline 12351 and staff will take it down; reply "cancel" to stop.`,
  confirmPrompt: 'Reply "confirm" to submit, or say what to change; reply "cancel" to stop.',
  confirmOrCancel: 'Reply "confirm" to submit, or "cancel" to stop.',
  resume: '(Back to your case) ',
  quickReplies: ['Confirm', 'Cancel'],
  summary: (l) =>
    [
      'Please check your details:',
      `Name: ${l.name}`,
      `Phone: ${l.phone}`,
      `Employer: ${l.employer}`,
      `District: ${l.district}`,
      `What happened: ${l.description}`,
      `Category: ${EN_TOPIC[l.topic]}${l.urgent ? ` (urgent: ${l.urgentReason ?? 'urgent'})` : ''}`,
      'If all is right, reply "confirm" to submit; to change something just say so, for example "my phone is …"; reply "cancel" to stop.',
    ].join('\n'),
  cancelled: 'All right, cancelled; nothing will be submitted. Ask me any time, or call the union hotline 12351.',
  whyWeAsk: 'These details are only for 12351 hotline staff to contact you and handle this case. Only the staff handling it see them; they are never shown in a group or given to anyone else. ',
  askLater: "I'm not sure I can answer that correctly; the staff who contact you can answer it, or call the union hotline 12351. ",
  groupToPrivate: "This needs your contact details, so to protect your privacy let's continue in a private chat: please check my private message.",
  queued:
    'Your details are saved. The ticket system cannot be reached right now; they will be submitted as soon as it is back, never lost and never twice. Send "my tickets" afterwards for the number. For anything urgent, call the union hotline 12351.',
  filed: (n, urgent, phone) =>
    `Submitted to the 12351 union hotline: ticket ${n}${urgent ? ' (urgent)' : ''}. Staff will contact you at ${phone} as soon as they can. Send "my tickets" to follow it; for anything urgent, call 12351.`,
};

/** A message in English, or in Chinese: three Latin words or more and few Chinese characters. */
export function writesEnglish(raw: string): boolean {
  const words = raw.match(/[a-z]{2,}/gi) ?? [];
  const cjk = (raw.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return words.length >= 3 && cjk * 2 < words.join('').length;
}

export function formWords(d: { english?: boolean }): FormWords {
  return d.english ? EN : ZH;
}
