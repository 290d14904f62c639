import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { FILE_FIELD_PREFIX, LICENCE_FIELD_PREFIX, type IncomingFile, type LicencePick } from "./rules";
import { MAX_UPLOAD_BYTES } from "./sniff";

/**
 * Reads a multipart submission: its text fields, and one file per material from fields named
 * "material:<key>". Oversized files are refused while streaming, before they are held in memory.
 */
export async function readMultipart(request: Request): Promise<{ form: FormData; files: IncomingFile[]; licencePicks: LicencePick[] } | { error: string }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { error: `单个文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` };
    throw error;
  }
  const files: IncomingFile[] = [];
  const licencePicks: LicencePick[] = [];
  for (const [name, value] of form.entries()) {
    if (name.startsWith(LICENCE_FIELD_PREFIX) && typeof value === "string" && /^\d+$/.test(value)) {
      licencePicks.push({ materialKey: name.slice(LICENCE_FIELD_PREFIX.length), licenceId: Number(value) });
      continue;
    }
    if (!name.startsWith(FILE_FIELD_PREFIX) || typeof value === "string" || value.size === 0) continue;
    files.push({ materialKey: name.slice(FILE_FIELD_PREFIX.length), fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { form, files, licencePicks };
}
