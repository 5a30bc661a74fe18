// What a panel of the Pod view is: a title and the lines it would show with unlimited room.
// The view slices them to the panel's box; selectable panels name the lines of their items.
import type { Finding } from '../../../analysis/types.js';
import type { Line } from '../lines.js';
import type { PodDetailData } from '../pod-data.js';

export const PANEL_IDS = ['summary', 'containers', 'network', 'volumes', 'probes', 'events', 'advice'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const PANEL_TITLES: Record<PanelId, string> = {
  summary: 'Summary',
  containers: 'Containers',
  network: 'Network',
  volumes: 'Volumes',
  probes: 'Probes',
  events: 'Events',
  advice: 'Advice',
};

export interface PanelContent {
  lines: Line[];
  /** Leading lines (a table header) that stay put while the rest scrolls. */
  sticky: number;
  /** Selectable items: the line each one starts on, and an id (container name, finding index). */
  items: { line: number; id: string }[];
}

export interface PanelInput {
  data: PodDetailData;
  /** Findings the overlay shows: empty when the overlay is off. */
  overlay: Finding[];
  width: number;
  /** Advice panel: ids of the findings opened with enter. */
  expanded: ReadonlySet<string>;
}

/** Finding lines go under the row they are about; these helpers keep `items` in step. */
export class PanelBuilder {
  readonly lines: Line[] = [];
  readonly items: { line: number; id: string }[] = [];
  sticky = 0;

  push(...lines: Line[]): this {
    this.lines.push(...lines);
    return this;
  }

  item(id: string, line: Line): this {
    this.items.push({ line: this.lines.length, id });
    this.lines.push(line);
    return this;
  }

  /** Marks everything pushed so far as the fixed header. */
  fixHeader(): this {
    this.sticky = this.lines.length;
    return this;
  }

  build(): PanelContent {
    return { lines: this.lines, sticky: this.sticky, items: this.items };
  }
}
