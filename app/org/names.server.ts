import { Department } from "./models.server";

/** Department names by id, for lists and timelines (one query, not one per list). */
export async function departmentNames(): Promise<Map<number, string>> {
  return new Map((await Department.findAll({ attributes: ["id", "name"] })).map((d) => [d.id, d.name]));
}
