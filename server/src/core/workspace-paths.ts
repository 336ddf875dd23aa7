/**
 * Whether a path written in a workspace's own files (a `.marginalia.yaml`, the workspace's
 * settings) stays inside the folder it is relative to: relative, and never climbing out
 * with `..`. Judged on the text alone (the node layer checks symbolic links as it reads):
 * nothing a workspace contains may make the tool read a file outside it.
 */
export function staysInside(path: string): boolean {
  if (path === '' || /^(?:[\\/]|[A-Za-z]:|~)/.test(path)) return false;
  let depth = 0;
  for (const part of path.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return false;
  }
  return true;
}
