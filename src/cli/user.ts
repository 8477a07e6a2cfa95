// `npm run user -- add NAME --role operator|officer|admin`: creates a console account.
// The password is read from stdin when piped in, otherwise generated and printed once.
import { parseArgs } from 'node:util';
import { generatePassword } from '../auth/password.ts';
import { isRole } from '../auth/roles.ts';
import { createUserStore } from '../auth/users.ts';
import { loadConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/index.ts';
import { AppError } from '../errors.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0]?.trim() ?? '';
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string', default: 'operator' } } });
  const [command, username] = positionals;
  if (command !== 'add' || !username) {
    console.error('用法: npm run user -- add 用户名 --role operator|officer|admin   （密码可从标准输入传入，否则自动生成）');
    return 2;
  }
  if (!isRole(values.role!)) {
    console.error(`角色只能是 operator、officer 或 admin，收到 "${values.role}"`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR });
  try {
    await migrate(database);
    const given = await readStdin();
    const password = given || generatePassword();
    const user = await createUserStore({ database }).create({ username, role: values.role, password });
    console.log(`已创建账号 ${user.username}（${user.role}）`);
    if (!given) console.log(`初始密码：${password}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
