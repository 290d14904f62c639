import { DataTypes, Model, Op, UniqueConstraintError, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { Case } from "~/cases/models.server";
import { ItemVersion } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";

/** One draft per applicant and item: what they typed so far, on whichever device. */
export class Draft extends Model<InferAttributes<Draft>, InferCreationAttributes<Draft>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare itemId: number;
  declare itemVersionId: number;
  declare data: Record<string, unknown>;
  declare updatedAt: CreationOptional<Date>;
}

Draft.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    userId: { type: DataTypes.INTEGER, allowNull: false },
    itemId: { type: DataTypes.INTEGER, allowNull: false },
    itemVersionId: { type: DataTypes.INTEGER, allowNull: false },
    data: { type: DataTypes.JSON, allowNull: false },
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "drafts", underscored: true, createdAt: false },
);

const MAX_DRAFT_BYTES = 200_000;

/**
 * Saves what the applicant typed (unvalidated: a draft may be incomplete). `submissionKey` is the form page's:
 * an autosave that arrives after that page's application went through is dropped, not kept as a new draft.
 */
export async function saveDraft(userId: number, itemId: number, itemVersionId: number, data: unknown, submissionKey?: string): Promise<{ savedAt: Date } | { error: string }> {
  if (!data || typeof data !== "object" || Array.isArray(data)) return { error: "草稿内容无法读取" };
  if (submissionKey && (await Case.findOne({ where: { applicantId: userId, submissionKey }, attributes: ["id"] }))) return { savedAt: new Date() };
  const version = Number.isSafeInteger(itemVersionId) ? await ItemVersion.findByPk(itemVersionId, { attributes: ["id", "itemId"] }) : null;
  if (!version || version.itemId !== itemId) return { error: "事项不存在，草稿未保存" };
  if (JSON.stringify(data).length > MAX_DRAFT_BYTES) return { error: "草稿内容过大" };
  const values = { itemVersionId, data: data as Record<string, unknown> };
  const update = () => Draft.update(values, { where: { userId, itemId } }).then(([n]) => n);
  if ((await update()) === 0) {
    try {
      await Draft.create({ userId, itemId, ...values });
    } catch (error) {
      // Another device created it a moment ago: take that row.
      if (!(error instanceof UniqueConstraintError)) throw error;
      await update();
    }
  }
  return { savedAt: new Date() };
}

/**
 * The applicant's draft for the item. A draft last saved before the applicant's latest submission of the item
 * became that case: it is removed here rather than in the submission's transaction, which stays short.
 */
export async function loadDraft(userId: number, itemId: number): Promise<Draft | null> {
  const draft = await Draft.findOne({ where: { userId, itemId } });
  if (!draft) return null;
  const submitted = await Case.findOne({ where: { applicantId: userId, itemId, submittedAt: { [Op.gte]: draft.updatedAt } }, attributes: ["id"] });
  if (!submitted) return draft;
  await Draft.destroy({ where: { id: draft.id, updatedAt: draft.updatedAt } });
  return null;
}
