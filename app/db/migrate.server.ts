import { SequelizeStorage, Umzug } from "umzug";
import { sequelize } from "./connection.server";
import * as initial from "./migrations/0001-initial";
import * as lifecycle from "./migrations/0002-lifecycle";
import * as trackingLookup from "./migrations/0003-tracking-lookup";
import * as drafts from "./migrations/0004-drafts";
import * as deliveryRequest from "./migrations/0005-delivery-request";
import * as interaction from "./migrations/0006-interaction";
import * as evaluation from "./migrations/0007-evaluation";
import * as payments from "./migrations/0008-payments";
import * as notifications from "./migrations/0009-notifications";
import * as statistics from "./migrations/0010-statistics";
import * as windowIntake from "./migrations/0011-window-intake";
import * as studio from "./migrations/0012-studio";
import * as statisticsRatings from "./migrations/0013-statistics-ratings";
import * as centerAdmin from "./migrations/0014-center-admin";

// Migrations are imported, not globbed, so the server bundle and tsx scripts see the same list.
const MIGRATIONS = [
  { name: "0001-initial", ...initial },
  { name: "0002-lifecycle", ...lifecycle },
  { name: "0003-tracking-lookup", ...trackingLookup },
  { name: "0004-drafts", ...drafts },
  { name: "0005-delivery-request", ...deliveryRequest },
  { name: "0006-interaction", ...interaction },
  { name: "0007-evaluation", ...evaluation },
  { name: "0008-payments", ...payments },
  { name: "0009-notifications", ...notifications },
  { name: "0010-statistics", ...statistics },
  { name: "0011-window-intake", ...windowIntake },
  { name: "0012-studio", ...studio },
  { name: "0013-statistics-ratings", ...statisticsRatings },
  { name: "0014-center-admin", ...centerAdmin },
];

const umzug = new Umzug({
  migrations: MIGRATIONS.map((m) => ({ name: m.name, up: m.up, down: m.down })),
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize, tableName: "schema_migrations" }),
  logger: undefined,
});

/** Applies pending migrations; a no-op when the database is current. */
export async function migrate(): Promise<string[]> {
  const applied = await umzug.up();
  return applied.map((m) => m.name);
}
