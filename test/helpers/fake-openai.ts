import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1:0 for tests and the bench: the real
 * @langchain/openai client talks to it over HTTP, so what the client sends and how it copes with
 * errors, bad bodies and silence is exercised for real. Each completion has a unique id (LangChain
 * merges messages that share one) and usage numbers.
 */

/** What the server does with one request. */
export type FakeBehaviour =
  /** Plain assistant text. */
  | { text: string; usage?: FakeUsage; delayMs?: number }
  /** A JSON object: as tool_calls when the request offered tools, as message content otherwise. */
  | { json: unknown; usage?: FakeUsage; delayMs?: number }
  /** An HTTP error status with an OpenAI-style error body. */
  | { status: number; message?: string }
  /** HTTP 200 with a body that is not JSON. */
  | { malformed: true }
  /** Never answers (until the client gives up or the server closes). */
  | { hang: true };

export interface FakeUsage {
  prompt: number;
  completion: number;
}

/** One recorded request: the parsed body and the headers. */
export interface FakeRequest {
  path: string;
  body: Record<string, unknown> & { messages?: Array<{ role: string; content: unknown }> };
  headers: http.IncomingHttpHeaders;
}

export type FakeResponder = (req: FakeRequest) => FakeBehaviour;

export interface FakeOpenAI {
  /** For ChatOpenAI's configuration.baseURL, ends in /v1. */
  baseURL: string;
  requests: FakeRequest[];
  /** Completions answered so far (not counting errors, hangs and malformed bodies). */
  completions: number;
  /** Behaviours used once each, in order, before the default responder. */
  queue(...behaviours: FakeBehaviour[]): void;
  /** The behaviour for every request once the queue is empty. */
  respond(responder: FakeResponder | FakeBehaviour): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export const DEFAULT_USAGE: FakeUsage = { prompt: 120, completion: 30 };

export async function startFakeOpenAI(options: { responder?: FakeResponder | FakeBehaviour } = {}): Promise<FakeOpenAI> {
  const queued: FakeBehaviour[] = [];
  let responder: FakeResponder = toResponder(options.responder ?? { text: '好的' });
  const sockets = new Set<Socket>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: FakeRequest['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as FakeRequest['body'];
      } catch {
        body = {};
      }
      const record: FakeRequest = { path: req.url ?? '', body, headers: req.headers };
      fake.requests.push(record);
      if (req.method !== 'POST' || !record.path.endsWith('/chat/completions')) {
        send(res, 404, { error: { message: `no route ${req.method} ${record.path}`, type: 'invalid_request_error' } });
        return;
      }
      const behaviour = queued.shift() ?? responder(record);
      if ('hang' in behaviour) return;
      if ('malformed' in behaviour) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
        return;
      }
      if ('status' in behaviour) {
        send(res, behaviour.status, { error: { message: behaviour.message ?? 'upstream failure', type: 'server_error' } });
        return;
      }
      const reply = () => {
        counter += 1;
        fake.completions += 1;
        send(res, 200, completion(`chatcmpl-fake-${counter}`, record.body, behaviour));
      };
      if (behaviour.delayMs) setTimeout(reply, behaviour.delayMs);
      else reply();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const fake: FakeOpenAI = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: [],
    completions: 0,
    queue: (...b) => void queued.push(...b),
    respond: (r) => {
      responder = toResponder(r);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
  return fake;
}

function toResponder(r: FakeResponder | FakeBehaviour): FakeResponder {
  return typeof r === 'function' ? r : () => r;
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function completion(id: string, body: FakeRequest['body'], b: { text: string; usage?: FakeUsage } | { json: unknown; usage?: FakeUsage }) {
  const u: FakeUsage = b.usage ?? DEFAULT_USAGE;
  const tools = body.tools as Array<{ function: { name: string } }> | undefined;
  let message: Record<string, unknown>;
  let finish = 'stop';
  if ('json' in b && tools?.length) {
    const choice = body.tool_choice as { function?: { name?: string } } | undefined;
    const name = choice?.function?.name ?? tools[0]!.function.name;
    message = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: `call_${id}`, type: 'function', function: { name, arguments: JSON.stringify(b.json) } }],
    };
    finish = 'tool_calls';
  } else {
    message = { role: 'assistant', content: 'json' in b ? JSON.stringify(b.json) : b.text };
  }
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: String(body.model ?? 'fake'),
    choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion },
  };
}

/** The text of the last user message of a recorded request (prompts put the data there). */
export function lastUserText(req: FakeRequest): string {
  const msgs = req.body.messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i]!;
    if (m.role === 'user') return typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
  }
  return '';
}

/** The system prompt of a recorded request. */
export function systemText(req: FakeRequest): string {
  const m = (req.body.messages ?? []).find((x) => x.role === 'system' || x.role === 'developer');
  return m ? (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)) : '';
}
