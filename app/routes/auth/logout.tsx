import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/identity/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}

export async function loader() {
  return redirect("/");
}
