/**
 * Whether a shell command line names Majordome's own secrets: a process environment
 * (`/proc/<pid>/environ`: the server's holds SUPERVISOR_TOKEN and model keys) or the data folder
 * (options.json, majordome.db, the browser profile with its cookies). The approval then says so
 * in plain words: redaction only hides secrets written out literally, so `base64 options.json`
 * or `rev < /proc/$PPID/environ` would carry them to the model unrecognised. A reading of the
 * text, not a guard: a command can spell a path so that no reading finds it (the add-on's own
 * user and file modes are the guard).
 */

/** Majordome's data folder when none is given (MAJORDOME_DATA_DIR's default). */
export const DEFAULT_DATA_DIR = '/data';

/** File names that only Majordome's data folder holds. */
const DATA_FILES = /(?:^|[^\w.-])(?:options\.json|majordome\.db)/;

/** A process environment by path (`/proc/self/environ`, `/proc/$PPID/environ`, `/proc/*\/env*`), or the bare file name. */
const ENVIRON = /\/proc\/[^\s;|&<>()]*env|(?:^|[^\w])environ(?:[^\w]|$)/;

/** What splits a command line into path-like words. */
const WORD_BREAK = /[\s;|&<>()`'"=]+/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An absolute glob (`/d*\/opt*`) as a regular expression over whole paths. */
function globPattern(word: string): RegExp {
  let source = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = word.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        source += `[${word.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`);
}

/** Whether the command names the data folder itself (not a longer name: `/database`, `/share/data`). */
function namesFolder(command: string, dataDir: string): boolean {
  return new RegExp(`(?:^|[^\\w-])${escapeRegExp(dataDir)}(?![\\w.-])`).test(command);
}

/** Whether one of its absolute wildcard words reaches a secret (`/d*`, `/proc/[0-9]*\/env*`). */
function globReaches(command: string, dataDir: string): boolean {
  const secrets = [dataDir, `${dataDir}/`, `${dataDir}/options.json`, `${dataDir}/majordome.db`, '/proc/1/environ', '/proc/self/environ'];
  return command
    .split(WORD_BREAK)
    .filter((word) => word.startsWith('/') && /[*?[]/.test(word))
    .some((word) => {
      const pattern = globPattern(word);
      return secrets.some((path) => pattern.test(path));
    });
}

/** Whether the command line reads (or may read) Majordome's settings or a process environment. */
export function readsOwnSecrets(command: string, dataDir: string): boolean {
  const folder = dataDir.replace(/\/+$/, '') || '/';
  return (
    ENVIRON.test(command) ||
    DATA_FILES.test(command) ||
    command.includes('MAJORDOME_DATA_DIR') ||
    (folder !== '/' && namesFolder(command, folder)) ||
    globReaches(command, folder)
  );
}
