import type { QueryInterface } from "sequelize";

// Frozen. A window clerk's page lists the cases they took in today: their "submit" events by actor and time.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addIndex("case_events", ["actor_id", "created_at"], { name: "case_events_actor_created" });
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeIndex("case_events", "case_events_actor_created");
}
