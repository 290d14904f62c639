/**
 * `HALL_ADMIN_PASSWORD=… npm run create-admin -- --username NAME --name 姓名 [--mobile 13…]`
 * Creates a center admin (the first one of a production hall). The password comes from HALL_ADMIN_PASSWORD
 * or is asked for on the terminal — never from the command line, where `ps` and shell history would keep it.
 */
import { parseArgs } from "node:util";
import { createCenterAdmin } from "~/center/bootstrap.server";
import { config } from "~/config.server";
import { sequelize } from "~/db/connection.server";
import { migrate } from "~/db/migrate.server";
import { UserError } from "~/user-error";

function usage(message: string): never {
  console.error(`${message}\n用法：HALL_ADMIN_PASSWORD=… npm run create-admin -- --username 用户名 --name 姓名 [--mobile 手机号码]`);
  process.exit(2);
}

/** Reads a line from the terminal without echoing it. */
async function askHidden(prompt: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let value = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          stdout.write("\n");
          return resolve(value);
        }
        if (ch === "\u0003") process.exit(130);
        value = ch === "\u007f" ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on("data", onData);
  });
}

let args;
try {
  args = parseArgs({ options: { username: { type: "string" }, name: { type: "string" }, mobile: { type: "string" }, password: { type: "string" } }, strict: true }).values;
} catch (error) {
  usage(`参数有误：${(error as Error).message}`);
}
if (args.password !== undefined) usage("不要在命令行上写密码（会留在命令历史和进程列表里）；请用环境变量 HALL_ADMIN_PASSWORD，或在终端提示时输入");
if (!args.username || !args.name) usage("请提供 --username 和 --name");

config();
let password = process.env.HALL_ADMIN_PASSWORD ?? "";
if (!password) {
  if (!process.stdin.isTTY) usage("未设置 HALL_ADMIN_PASSWORD，且没有可输入密码的终端");
  password = await askHidden("新管理员的密码：");
  if ((await askHidden("再输入一次：")) !== password) usage("两次输入的密码不一致");
}

await migrate();
try {
  const user = await createCenterAdmin({ username: args.username, name: args.name, mobile: args.mobile, password });
  console.log(`已创建政务服务中心管理员 ${user.username}（${user.name}）。请用它登录 ${config().hallUrl}/login，在“政务服务中心 → 区划、部门和人员”中导入区划、部门和工作人员。`);
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  console.error(`未创建管理员：\n${error.fieldErrors.map((e) => `  ${e.message}`).join("\n") || error.message}`);
  process.exitCode = 1;
} finally {
  await sequelize.close();
}
