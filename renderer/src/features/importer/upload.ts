/** A picked file to the desk in base64 pieces (the hosts take 1 MB per request), and a report download. */
import { UPLOAD_PIECE_BYTES } from '../../../../shared/contract/importer';
import type { DeskError, Result, RouteOutput } from '../../../../shared/contract';
import { invoke } from '../../api';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Upload `file`; `onBytes` after each piece. Resolves to the upload id, or the desk's error. */
export async function uploadFile(file: File, onBytes: (sent: number) => void): Promise<{ uploadId: string } | { error: DeskError }> {
  let uploadId: string | null = null;
  let offset = 0;
  do {
    const piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_PIECE_BYTES).arrayBuffer());
    const r: Result<RouteOutput<'importer.upload'>> = await invoke('importer.upload', { uploadId, fileName: file.name, offset, data: toBase64(piece) });
    if (!r.ok) return { error: r.error };
    uploadId = r.value.uploadId;
    offset = r.value.bytes;
    onBytes(offset);
  } while (offset < file.size);
  return uploadId === null ? { error: { code: 'INTERNAL', message: 'empty upload' } } : { uploadId };
}

export function download(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
