import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useMemo, useRef } from 'react';
import type { AslDefinition, ExecutionPath } from '../../api/types';
import { layout, NodeState } from './graph-layout';

const FILL: Record<NodeState, string> = {
  current: '#d1f1ff',
  succeeded: '#e9f8e4',
  failed: '#ffeded',
  'not-run': '#ffffff',
};
const STROKE: Record<NodeState, string> = {
  current: '#006ce0',
  succeeded: '#037f0c',
  failed: '#db0000',
  'not-run': '#8c8c94',
};
const TEXT: Record<NodeState, string> = {
  current: '#002b66',
  succeeded: '#014b0a',
  failed: '#8f0000',
  'not-run': '#424650',
};
const LABEL: Record<NodeState, string> = {
  current: 'current state',
  succeeded: 'passed',
  failed: 'failed',
  'not-run': 'not run',
};

/** The state machine with the path the execution took: passed states green, failed red, the current one blue. */
export function ExecutionGraph({ definition, path }: { definition: AslDefinition; path?: ExecutionPath }) {
  const graph = useMemo(() => layout(definition, path), [definition, path]);
  const region = useRef<HTMLDivElement>(null);
  // The graph is wider than the page: show the current state (else the start) rather than an empty corner.
  const focus = graph.nodes.find((n) => n.state === 'current') ?? graph.nodes.find((n) => n.id === definition.StartAt);
  useEffect(() => {
    const r = region.current;
    if (!r || !focus) return;
    r.scrollLeft = Math.max(0, focus.x - r.clientWidth / 2);
    r.scrollTop = focus.state === 'current' ? Math.max(0, focus.y - r.clientHeight / 2) : 0;
  }, [focus?.id, focus?.x, focus?.y, focus?.state]);
  const entered = path?.states.length ?? 0;
  const summary = path
    ? `Execution ${path.status}: ${entered} states entered${path.currentState ? `, now in ${path.currentState}` : ''}.`
    : 'No execution yet.';
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="The upgrade state machine; the path this task's execution took is highlighted."
        >
          Execution graph
        </Header>
      }
    >
      <SpaceBetween size="s">
        <Box variant="p">{summary}</Box>
        <Legend />
        <div
          ref={region}
          role="region"
          aria-label="Execution graph, scrollable"
          tabIndex={0}
          style={{ overflow: 'auto', maxHeight: 640, border: '1px solid #c6c6cd', borderRadius: 8 }}
        >
          <svg
            width={graph.width}
            height={graph.height}
            role="img"
            aria-labelledby="execution-graph-title"
            style={{ display: 'block', margin: '0 auto' }}
          >
            <title id="execution-graph-title">{`Upgrade state machine. ${summary}`}</title>
            <defs>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#8c8c94" />
              </marker>
              <marker
                id="arrow-taken"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#037f0c" />
              </marker>
            </defs>
            {graph.edges.map((e) => (
              <polyline
                key={`${e.from}->${e.to}`}
                data-edge={`${e.from}->${e.to}`}
                data-taken={e.taken}
                points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                fill="none"
                stroke={e.taken ? '#037f0c' : '#b4b4bb'}
                strokeWidth={e.taken ? 2.5 : 1}
                strokeDasharray={e.kind === 'catch' ? '4 3' : undefined}
                markerEnd={e.taken ? 'url(#arrow-taken)' : 'url(#arrow)'}
              />
            ))}
            {graph.nodes.map((n) => (
              <g key={n.id} data-state={n.id} data-status={n.state}>
                <title>{`${n.id} (${n.type}): ${LABEL[n.state]}`}</title>
                <rect
                  x={n.x - n.width / 2}
                  y={n.y - n.height / 2}
                  width={n.width}
                  height={n.height}
                  rx={n.type === 'Choice' ? 16 : 4}
                  fill={FILL[n.state]}
                  stroke={STROKE[n.state]}
                  strokeWidth={n.state === 'current' ? 3 : n.state === 'not-run' ? 1 : 2}
                />
                <text
                  x={n.x}
                  y={n.y + 4}
                  textAnchor="middle"
                  fontSize={12}
                  fontFamily="Open Sans, Helvetica, Arial, sans-serif"
                  fill={TEXT[n.state]}
                >
                  {n.id}
                </text>
              </g>
            ))}
          </svg>
        </div>
      </SpaceBetween>
    </Container>
  );
}

function Legend() {
  const items: NodeState[] = ['succeeded', 'current', 'failed', 'not-run'];
  return (
    <Box variant="small">
      <span aria-hidden="true">
        {items.map((s) => (
          <span key={s} style={{ marginRight: 16, whiteSpace: 'nowrap' }}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                background: FILL[s],
                border: `2px solid ${STROKE[s]}`,
                marginRight: 4,
                verticalAlign: 'middle',
              }}
            />
            {LABEL[s]}
          </span>
        ))}
      </span>
    </Box>
  );
}
