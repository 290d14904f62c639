import type { FieldProps } from "@rjsf/utils";
import { useEffect, useState } from "react";

type Tree = Record<string, Record<string, Record<string, string[]>>>;
type Address = { province?: string; city?: string; county?: string; town?: string; village?: string; detail?: string };

let regions: Promise<Tree> | null = null;
const loadRegions = () => (regions ??= fetch("/api/v1/regions").then((r) => r.json() as Promise<Tree>));
let villages: Promise<Record<string, string[]>> | null = null;
const loadVillages = () => (villages ??= fetch("/api/v1/regions/villages").then((r) => r.json() as Promise<Record<string, string[]>>));

/**
 * A designer address field: 省 → 市 → 县（区）→ 乡镇（街道）→ 村（社区）as cascading choices, then the detailed
 * address. The village level appears when the form's schema has it and the chosen town has villages.
 * Loaded only by forms that have one (it is imported lazily).
 */
export default function AddressField({ formData, onChange, fieldPathId, schema, required, disabled, readonly }: FieldProps) {
  const value = (formData ?? {}) as Address;
  const [tree, setTree] = useState<Tree | null>(null);
  const [villageTree, setVillageTree] = useState<Record<string, string[]>>({});
  const hasVillage = Boolean((schema.properties as Record<string, unknown> | undefined)?.village);
  useEffect(() => void loadRegions().then(setTree, () => setTree({})), []);
  useEffect(() => void (hasVillage && loadVillages().then(setVillageTree, () => setVillageTree({}))), [hasVillage]);
  const levels: Array<{ key: keyof Address; label: string; options: string[] }> = [
    { key: "province", label: "省", options: Object.keys(tree ?? {}) },
    { key: "city", label: "市", options: Object.keys(tree?.[value.province ?? ""] ?? {}) },
    { key: "county", label: "县（区）", options: Object.keys(tree?.[value.province ?? ""]?.[value.city ?? ""] ?? {}) },
    { key: "town", label: "乡镇（街道）", options: tree?.[value.province ?? ""]?.[value.city ?? ""]?.[value.county ?? ""] ?? [] },
    ...(hasVillage && villageTree[value.town ?? ""]?.length ? [{ key: "village" as const, label: "村（社区）", options: villageTree[value.town ?? ""] }] : []),
  ];
  // Choosing a level clears the ones below it.
  const choose = (index: number, choice: string) => {
    const next: Address = { ...value, [levels[index].key]: choice || undefined };
    for (const lower of levels.slice(index + 1)) delete next[lower.key];
    onChange(next, fieldPathId.path);
  };
  const id = fieldPathId.$id;
  return (
    <fieldset id={id}>
      <legend>{schema.title}{required ? " *" : ""}</legend>
      {levels.map((level, i) => (
        <p key={level.key}>
          <label htmlFor={`${id}_${level.key}`}>{level.label}</label>
          <select id={`${id}_${level.key}`} value={value[level.key] ?? ""} disabled={disabled || readonly || (i > 0 && !value[levels[i - 1].key])} onChange={(e) => choose(i, e.target.value)}>
            <option value="">请选择</option>
            {(value[level.key] && !level.options.includes(value[level.key]!) ? [value[level.key]!, ...level.options] : level.options).map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </p>
      ))}
      <p>
        <label htmlFor={`${id}_detail`}>详细地址</label>
        <input id={`${id}_detail`} value={value.detail ?? ""} disabled={disabled || readonly} onChange={(e) => onChange({ ...value, detail: e.target.value || undefined }, fieldPathId.path)} />
      </p>
    </fieldset>
  );
}
