export { startWechat, type WechatHandle, type WechatOptions } from './wechat.ts';
export { WechatChannel, WECHAT_CAPABILITIES, roomTarget, parseTarget } from './channel.ts';
export { toInbound, stripMentions, stripWakeWord, type WechatFacts } from './map.ts';
