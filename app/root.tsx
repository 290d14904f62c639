import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { APPLICANT_ROLES, HOME_BY_ROLE, ROLE_LABELS, hasRole } from "~/identity/roles";
import { getUser } from "~/identity/session.server";
import stylesUrl from "~/styles.css?url";
import { SERVICE_WORKER_SCRIPT, useStaticDocument } from "~/ui/static-page";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "icon", href: "/icons/icon-192.png", type: "image/png" },
  { rel: "apple-touch-icon", href: "/icons/icon-192.png" },
];
export const meta: MetaFunction = () => [{ title: "紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    user: user && {
      name: user.name,
      roleLabel: ROLE_LABELS[user.role],
      home: HOME_BY_ROLE[user.role],
      department: user.departmentName,
      applicant: hasRole(user, APPLICANT_ROLES),
      // A staff member with several roles reaches each role's workspace from the header.
      workspaces: [...new Set(user.roles.map((r) => HOME_BY_ROLE[r]))].filter((home) => home !== HOME_BY_ROLE[user.role]).map((home) => ({
        home,
        label: ROLE_LABELS[user.roles.find((r) => HOME_BY_ROLE[r] === home)!],
      })),
    },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  // A page whose route says `handle = { hydrate: false }` stays server-rendered HTML: no <Scripts /> (the
  // entry, route modules and their modulepreload links), no scroll restoration; the browser restores scroll.
  const isStatic = useStaticDocument();
  return (
    <html lang="zh-CN" data-hydrate={isStatic ? "false" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3141b" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {isStatic ? (
          <script dangerouslySetInnerHTML={{ __html: SERVICE_WORKER_SCRIPT }} />
        ) : (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        )}
      </body>
    </html>
  );
}

function Header({ user }: { user: Awaited<ReturnType<typeof loader>>["user"] | null }) {
  return (
    <header className="site">
      <div className="bar">
        <Link to="/" className="title">紫阳县网上办事大厅</Link>
        <nav aria-label="主导航">
          <Link to="/">事项目录</Link>
          <Link to="/track">办件查询</Link>
          <Link to="/licences/verify">证照核验</Link>
          {user ? (
            <>
              <Link to={user.home}>{user.applicant ? "我的办件" : "工作台"}</Link>
              {user.workspaces.map((w) => <Link key={w.home} to={w.home}>{w.label}</Link>)}
              {user.applicant && <Link to="/my/licences">我的证照</Link>}
              <Link to="/my/profile">
                {user.name}（{user.department ?? user.roleLabel}）
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="link">退出</button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">登录</Link>
              <Link to="/register">注册</Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  useEffect(() => {
    // Installable hall (PWA); the worker only caches hashed assets, so it never serves stale pages.
    if ("serviceWorker" in navigator && location.protocol !== "file:") navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }, []);
  return (
    <>
      <Header user={user} />
      <main>
        <Outlet />
      </main>
      <footer className="site">紫阳县政务服务中心 · 咨询电话 0915-4321000 · 一站式服务，全天候办理</footer>
    </>
  );
}

const STATUS_MESSAGES: Record<number, string> = {
  400: "请求有误",
  403: "您没有权限访问此页面",
  404: "页面不存在",
  409: "办件已被他人修改，请刷新后重试",
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  return (
    <>
      <Header user={null} />
      <main>
        <h1>{STATUS_MESSAGES[status] ?? "系统繁忙，请稍后再试"}</h1>
        {detail && <p>{detail}</p>}
        <p>
          <Link to="/">返回首页</Link>
        </p>
      </main>
    </>
  );
}
