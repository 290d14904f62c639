import { TextField, type UiFieldError } from "./ErrorSummary";

export interface StaffFormValues {
  name?: string;
  mobile?: string;
  email?: string;
  department?: string;
  roles?: string[];
}

/** The fields of a staff account, shared by the new-account form and the account's page. */
export function StaffFields(props: {
  values?: StaffFormValues;
  departments: Array<{ code: string; name: string }>;
  roleLabels: Record<string, string>;
  errors?: UiFieldError[];
}) {
  const v = props.values ?? {};
  const rolesError = props.errors?.find((e) => e.path === "roles")?.message;
  const departmentError = props.errors?.find((e) => e.path === "department")?.message;
  return (
    <>
      <TextField name="name" label="姓名" defaultValue={v.name} errors={props.errors} />
      <TextField name="mobile" label="手机号码" help="用于短信提醒；可不填" defaultValue={v.mobile} errors={props.errors} />
      <TextField name="email" label="电子邮箱" help="用于每日到期提醒；可不填" defaultValue={v.email} errors={props.errors} />
      <label htmlFor="field-department">所属部门</label>
      <select id="field-department" name="department" defaultValue={v.department ?? ""} aria-invalid={departmentError ? true : undefined}>
        <option value="">（无：政务服务中心管理员或电子监察）</option>
        {props.departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
      </select>
      {departmentError && <div className="error">{departmentError}</div>}
      <fieldset id="field-roles" aria-invalid={rolesError ? true : undefined}>
        <legend>角色（可多选；部门事项管理员、审批人员和窗口工作人员须有所属部门）</legend>
        {Object.entries(props.roleLabels).map(([role, label]) => (
          <label key={role} style={{ display: "block" }}>
            <input type="checkbox" name="roles" value={role} defaultChecked={v.roles?.includes(role)} /> {label}
          </label>
        ))}
      </fieldset>
      {rolesError && <div className="error">{rolesError}</div>}
    </>
  );
}
