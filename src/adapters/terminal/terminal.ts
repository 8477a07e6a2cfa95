import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Inbound, Reply } from '../../core/message.ts';
import type { Capabilities, Channel } from '../channel.ts';
import { renderReply } from '../render.ts';

/**
 * The terminal chat: one worker at a keyboard (or a pipe). Each line is a message; replies and
 * anything the hotline sends later (operator replies) are printed as plain text.
 */

export const TERMINAL_CHAT_ID = 'terminal-user';
const CAPS: Capabilities = { buttons: false, markdown: false, maxLength: 4000 };

export function createTerminalChannel(out: Writable): Channel {
  return {
    platform: 'terminal',
    capabilities: CAPS,
    async send(_chatId, reply) {
      out.write(`\n[12351 工作人员] ${format(reply)}\n`);
    },
  };
}

function format(reply: Reply): string {
  return renderReply(reply, CAPS).parts.join('\n');
}

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  handle: (msg: Inbound) => Promise<Reply[]>;
  /** Interactive: prompt and greeting; a pipe gets answers only. */
  interactive: boolean;
  senderName?: string;
}

/** Runs until the input ends; resolves then. */
export async function runTerminalChat(options: TerminalOptions): Promise<void> {
  const { input, output, handle, interactive } = options;
  const rl = createInterface({ input, terminal: interactive, crlfDelay: Infinity });
  if (interactive) output.write('娘家人 · 工会职工服务助手（输入问题后回车；Ctrl+D 退出）\n> ');
  let seq = 0;
  for await (const line of rl) {
    seq += 1;
    const msg: Inbound = {
      platform: 'terminal',
      chatId: TERMINAL_CHAT_ID,
      chatType: 'private',
      senderId: TERMINAL_CHAT_ID,
      senderName: options.senderName ?? '职工',
      text: line,
      mentionsBot: true,
      messageId: `${process.pid}-${Date.now()}-${seq}`,
      receivedAt: new Date().toISOString(),
    };
    const replies = await handle(msg);
    for (const r of replies) {
      output.write(`${format(r)}\n`);
      if (r.privateFollowUp) output.write(`${r.privateFollowUp.text}\n`);
    }
    if (interactive) output.write('> ');
  }
  rl.close();
}
