/** What the Telegram adapter says by itself (commands the engine does not see). */
export const TG_TEXT = {
  help: [
    '我是娘家人，工会的政策助手。',
    '· 问政策：在群里 @我 提问，或发 /ask 问题（如：/ask 年票多少钱）',
    '· 反映问题、求助：/ticket，我会私聊登记，转 12351 职工服务热线',
    '· 查工单进度：/status',
    '· 群订阅政策通知：/subscribe',
    '急事请直接拨打 12351。',
  ].join('\n'),
  welcome: '您好，我是娘家人。想问工会政策直接发问题；要反映问题或求助，告诉我情况，我帮您登记到 12351 职工服务热线。',
  noPendingForm: '您好，我是娘家人。请直接告诉我要反映的情况，我帮您登记到 12351 职工服务热线。',
  subscribed: '本群已订阅工会政策通知。发 /unsubscribe 可退订。',
  unsubscribed: '本群已退订工会政策通知。',
  subscribeUnavailable: '政策通知功能还没有开通，请联系您所在的工会。',
  subscribeGroupsOnly: '政策通知按群订阅，请在群里发 /subscribe。',
  privateLink: (url: string) => `点这里私聊继续登记：${url}`,
} as const;
