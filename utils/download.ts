/** Saving data as a file the user downloads, from an extension page. */

/** Offers `value` as a pretty-printed JSON file named `filename`. */
export function downloadJson(
  filename: string,
  value: unknown,
  doc: Document = document,
): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
