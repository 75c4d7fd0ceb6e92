import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One button of a button grid: pressing it runs `operationId` with `actionParameters`. */
export interface LayoutButton {
  readonly label: string;
  readonly operationId: number;
  readonly actionParameters: readonly string[];
}

export interface ButtonGrid {
  readonly id: string;
  readonly title?: string;
  readonly columns: number;
  readonly buttons: readonly LayoutButton[];
}

export interface ScreenLayout {
  readonly name: string;
  readonly title?: string;
  readonly buttonGrids: readonly ButtonGrid[];
}

/**
 * Reads every `<name>.json` screen layout once at start; a malformed file stops the host with its
 * name and the field at fault, rather than rendering a broken till.
 */
export function loadLayouts(directory: string): Map<string, ScreenLayout> {
  const layouts = new Map<string, ScreenLayout>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.json')).sort()) {
    const name = path.basename(file, '.json');
    const parsed = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as unknown;
    layouts.set(name, checkLayout(parsed, name, file));
  }
  return layouts;
}

function checkLayout(value: unknown, name: string, file: string): ScreenLayout {
  const fail = (where: string, what: string): never => {
    throw new RangeError(`layout ${file}: ${where} ${what}`);
  };
  const layout = value as Partial<ScreenLayout>;
  if (!Array.isArray(layout?.buttonGrids)) fail('buttonGrids', 'must be a list');
  layout.buttonGrids!.forEach((grid, g) => {
    if (typeof grid.id !== 'string') fail(`buttonGrids[${g}].id`, 'must be a string');
    if (!Number.isInteger(grid.columns) || grid.columns < 1) fail(`buttonGrids[${g}].columns`, 'must be a whole number >= 1');
    if (!Array.isArray(grid.buttons)) fail(`buttonGrids[${g}].buttons`, 'must be a list');
    grid.buttons.forEach((b, i) => {
      const at = `buttonGrids[${g}].buttons[${i}]`;
      if (typeof b.label !== 'string') fail(`${at}.label`, 'must be a string');
      if (!Number.isInteger(b.operationId) || b.operationId < 1) fail(`${at}.operationId`, 'must be a whole number >= 1');
      if (!Array.isArray(b.actionParameters ?? []) || !(b.actionParameters ?? []).every((p) => typeof p === 'string')) {
        fail(`${at}.actionParameters`, 'must be a list of strings');
      }
    });
  });
  return { ...layout, name: layout.name ?? name } as ScreenLayout;
}
