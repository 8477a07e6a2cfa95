import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Inbound, Reply } from '../../core/message.ts';
import type { Capabilities, Channel } from '../channel.ts';
import { renderReply } from '../render.ts';

/**
 * The terminal chat: one worker at a keyboard (or a pipe). Each line is a message. At a
 * keyboard the line being typed is echoed, each answer is printed on its own lines under the
 * question, and the prompt comes back after it; anything that arrives later (an operator's
 * reply) is printed above the prompt without losing what is half typed. Through a pipe only
 * the answers are printed.
 */

export const TERMINAL_CHAT_ID = 'terminal-user';
const CAPS: Capabilities = { buttons: false, markdown: false, maxLength: 4000 };
const PROMPT = '> ';

function format(reply: Reply): string {
  return renderReply(reply, CAPS).parts.join('\n');
}

export interface TerminalOptions {
  input: Readable;
  output: Writable;
  /** Interactive: echo, prompt and greeting; a pipe gets answers only. */
  interactive: boolean;
  senderName?: string;
}

export interface TerminalChat {
  /** Where later messages for the terminal worker go (register it with the outbound queue). */
  channel: Channel;
  /** Prints a line for the person at the terminal, above the prompt once the chat runs. */
  say(text: string): void;
  /** Reads lines until the input ends, answering each with `handle`; resolves then. */
  run(handle: (msg: Inbound) => Promise<Reply[]>): Promise<void>;
}

export function createTerminalChat(options: TerminalOptions): TerminalChat {
  const { input, output, interactive } = options;
  let rl: Interface | undefined;
  /** A question is being answered: the prompt is not on screen. */
  let answering = false;

  const say = (text: string) => {
    if (!rl || !interactive || answering) {
      output.write(`${text}\n`);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    output.write(`${text}\n`);
    rl.prompt(true);
  };
  // At a keyboard the speaker is named and a blank line closes each message; a pipe gets the text alone.
  const message = (who: string, text: string) => (interactive ? `${who}：${text}\n` : text);

  const channel: Channel = {
    platform: 'terminal',
    capabilities: CAPS,
    async send(_chatId, reply) {
      say(message('12351 工作人员', format(reply)));
    },
  };

  async function run(handle: (msg: Inbound) => Promise<Reply[]>): Promise<void> {
    rl = createInterface({ input, ...(interactive ? { output } : {}), terminal: interactive, crlfDelay: Infinity });
    rl.setPrompt(PROMPT);
    if (interactive) {
      output.write('娘家人 · 工会职工服务助手（输入问题后回车；Ctrl+D 退出）\n');
      rl.prompt();
    }
    let seq = 0;
    try {
      for await (const line of rl) {
        if (interactive && !line.trim()) {
          rl.prompt();
          continue;
        }
        seq += 1;
        answering = true;
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
        try {
          for (const r of await handle(msg)) {
            output.write(`${message('娘家人', format(r))}\n`);
            if (r.privateFollowUp) output.write(`${message('娘家人', r.privateFollowUp.text)}\n`);
          }
        } finally {
          answering = false;
        }
        if (interactive) rl.prompt();
      }
    } finally {
      rl.close();
      rl = undefined;
    }
  }

  return { channel, say, run };
}
