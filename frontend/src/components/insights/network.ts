import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import type { Person, ThanksLink } from '../../api/insights';

/**
 * networkElements are the graph's people and lines. People come in name
 * order and carry nothing but their name: no count reaches the graph, so
 * nothing can size, colour or place a person by one.
 */
export function networkElements(people: readonly Person[], links: readonly ThanksLink[]): ElementDefinition[] {
  const known = new Set(people.map((p) => p.id));
  return [
    ...people.map((p) => ({ group: 'nodes' as const, data: { id: `p-${p.id}`, label: p.name } })),
    ...links
      .filter((l) => known.has(l.from) && known.has(l.to))
      .map((l) => ({ group: 'edges' as const, data: { id: `l-${l.from}-${l.to}`, source: `p-${l.from}`, target: `p-${l.to}` } })),
  ];
}

/** One look for every person and every line, whatever they gave or got. */
export const networkStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      width: 28,
      height: 28,
      'background-color': '#1b6b60',
      label: 'data(label)',
      color: '#1f2328',
      'font-size': 13,
      'text-valign': 'bottom',
      'text-margin-y': 6,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      'arrow-scale': 1.1,
    },
  },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#2f6fde' } },
  { selector: 'edge:selected', style: { 'line-color': '#2f6fde', 'target-arrow-color': '#2f6fde', width: 3 } },
];
