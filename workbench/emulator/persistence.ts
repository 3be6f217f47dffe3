// Keeps the emulated site in a JSON file so a restarted workbench keeps its keys. Writes are debounced and
// atomic (write a temporary file, then rename over the old one), so a crash never leaves half a file.
import * as fs from 'fs';
import * as path from 'path';
import type { ListState } from './model';
import type { RoleDefinitionState } from './security';

interface SavedList extends Omit<ListState, 'items'> {
  items: ListState['items'] extends Map<number, infer T> ? T[] : never;
}

interface SavedSite {
  format: 1;
  lists: SavedList[];
  /** Permission levels created on the site (the lists' role assignments refer to them); absent in older files. */
  customRoleDefinitions?: RoleDefinitionState[];
}

/** What is saved besides the lists. */
export interface SavedSecurity {
  customRoleDefinitions: RoleDefinitionState[];
}

export function loadLists(file: string, security?: SavedSecurity): ListState[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedSite;
  if (saved.format !== 1) throw new Error(`${file}: unknown emulator data format ${String(saved.format)}`);
  if (security && saved.customRoleDefinitions) security.customRoleDefinitions.push(...saved.customRoleDefinitions);
  return saved.lists.map((l) => ({ ...l, items: new Map(l.items.map((i) => [i.id, i])) }));
}

export function saveListsNow(file: string, lists: ListState[], security?: SavedSecurity): void {
  const saved: SavedSite = { format: 1, lists: lists.map((l) => ({ ...l, items: Array.from(l.items.values()) })) };
  if (security) saved.customRoleDefinitions = security.customRoleDefinitions;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(saved));
  fs.renameSync(tmp, file);
}

/** Saves at most every `delayMs`; `flush()` writes what is pending now (on close). */
export class DebouncedSaver {
  private _timer: NodeJS.Timeout | undefined;

  public constructor(
    private readonly _file: string,
    private readonly _lists: () => ListState[],
    private readonly _delayMs = 100,
    private readonly _security?: () => SavedSecurity
  ) {}

  public schedule(): void {
    if (this._timer) return;
    this._timer = setTimeout(() => {
      this._timer = undefined;
      saveListsNow(this._file, this._lists(), this._security?.());
    }, this._delayMs);
    this._timer.unref();
  }

  public flush(): void {
    if (!this._timer) return;
    clearTimeout(this._timer);
    this._timer = undefined;
    saveListsNow(this._file, this._lists(), this._security?.());
  }
}
