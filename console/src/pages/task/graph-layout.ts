// Lays out an ASL definition as a directed graph (dagre) and marks the path one execution took.
import dagre from '@dagrejs/dagre';
import type { AslDefinition, ExecutionPath } from '../../api/types';

export type NodeState = 'current' | 'succeeded' | 'failed' | 'not-run';

export interface GraphNode {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  state: NodeState;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'choice' | 'catch';
  taken: boolean;
  points: { x: number; y: number }[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

/** Every transition a definition allows: Next, Choices and Default, Catch. */
export function transitions(definition: AslDefinition): { from: string; to: string; kind: GraphEdge['kind'] }[] {
  const out: { from: string; to: string; kind: GraphEdge['kind'] }[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Next) out.push({ from: name, to: state.Next, kind: 'next' });
    for (const c of state.Choices ?? []) out.push({ from: name, to: c.Next, kind: 'choice' });
    if (state.Default) out.push({ from: name, to: state.Default, kind: 'choice' });
    for (const c of state.Catch ?? []) out.push({ from: name, to: c.Next, kind: 'catch' });
  }
  // one edge per pair (a Choice may name a state twice)
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = `${e.from}\u0000${e.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Each state's outcome in the execution: the last time it was entered counts. */
export function nodeStates(definition: AslDefinition, path?: ExecutionPath): Record<string, NodeState> {
  const out: Record<string, NodeState> = {};
  for (const name of Object.keys(definition.States)) out[name] = 'not-run';
  for (const s of path?.states ?? []) {
    if (!(s.name in out)) continue;
    out[s.name] = s.status === 'Failed' ? 'failed' : s.status === 'Running' ? 'current' : 'succeeded';
  }
  if (path?.currentState && path.currentState in out) out[path.currentState] = 'current';
  return out;
}

export function layout(definition: AslDefinition, path?: ExecutionPath): Graph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 28, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const states = nodeStates(definition, path);
  for (const [name, state] of Object.entries(definition.States)) {
    g.setNode(name, { width: Math.max(110, name.length * 7.5 + 24), height: 32, type: state.Type });
  }
  const edges = transitions(definition);
  for (const e of edges) if (g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const taken = new Set((path?.transitions ?? []).map(([a, b]) => `${a}\u0000${b}`));
  const info = g.graph();
  return {
    width: info.width ?? 0,
    height: info.height ?? 0,
    nodes: g.nodes().map((id) => {
      const n = g.node(id) as unknown as { x: number; y: number; width: number; height: number; type: string };
      return { id, type: n.type, x: n.x, y: n.y, width: n.width, height: n.height, state: states[id] };
    }),
    edges: edges
      .filter((e) => g.hasNode(e.to))
      .map((e) => ({
        ...e,
        taken: taken.has(`${e.from}\u0000${e.to}`),
        points: (g.edge(e.from, e.to)?.points ?? []) as { x: number; y: number }[],
      })),
  };
}
