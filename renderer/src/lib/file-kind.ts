/** What a file card's icon says a file is: read from the name's extension only (the file is not on disk while offered). */
export type FileKind = 'image' | 'archive' | 'document' | 'audio' | 'video' | 'code' | 'other'

const KINDS: Record<Exclude<FileKind, 'other'>, readonly string[]> = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff', 'heic'],
  archive: ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'cab', 'iso'],
  document: ['txt', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'md', 'csv', 'wps', 'epub'],
  audio: ['mp3', 'wav', 'flac', 'aac', 'ogg', 'm4a', 'wma', 'amr', 'opus'],
  video: ['mp4', 'mkv', 'avi', 'mov', 'wmv', 'flv', 'webm', 'rmvb', 'rm', '3gp', 'm4v'],
  code: ['js', 'ts', 'py', 'c', 'h', 'cpp', 'java', 'cs', 'go', 'rs', 'rb', 'php', 'sh', 'json', 'xml', 'html', 'css', 'sql', 'yml', 'yaml'],
}

const BY_EXTENSION = new Map<string, FileKind>(Object.entries(KINDS).flatMap(([kind, exts]) => exts.map((e) => [e, kind as FileKind] as const)))

/** The extension, lower case and without its dot; '' for none (a leading dot, as in `.bashrc`, is not one). */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : ''
}

export function fileKind(name: string): FileKind {
  return BY_EXTENSION.get(extensionOf(name)) ?? 'other'
}
