import type { IconButtonProps } from "@rjsf/utils";

/** Text buttons in Chinese instead of RJSF's glyph icons (which need Bootstrap's font). */
function textButton(label: string, className = "secondary") {
  return function TextButton({ onClick, disabled, title }: IconButtonProps) {
    return (
      <button type="button" className={className} onClick={onClick} disabled={disabled} title={title ?? label}>
        {label}
      </button>
    );
  };
}

export const CHINESE_BUTTONS = {
  AddButton: textButton("＋ 添加一项"),
  RemoveButton: textButton("删除此项"),
  MoveUpButton: textButton("上移"),
  MoveDownButton: textButton("下移"),
  CopyButton: textButton("复制"),
};
