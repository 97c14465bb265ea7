import { apiFetch } from "./api-fetch.ts";
import { attachmentName } from "./attachment-name.ts";
import { messageFromErrorBody, SERVER_DOWN_MESSAGE } from "./error-message.ts";

/**
 * Downloads a file the server serves as an attachment (an export), with the page's API key,
 * under the name the server gives it; throws an `Error` with a sentence to show on failure.
 *
 * @example
 * await downloadFile("/api/collections/Reading/export?format=bibtex", "papers.bib");
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await apiFetch(path);
  } catch {
    throw new Error(SERVER_DOWN_MESSAGE);
  }
  if (!response.ok) {
    throw new Error(messageFromErrorBody(await response.text(), response.status));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = attachmentName(response.headers.get("content-disposition")) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
