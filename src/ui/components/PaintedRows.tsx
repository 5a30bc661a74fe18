// The empty Ink box a RowPainter writes lines over (row-painter.ts), and its registration.
import { useCallback, useLayoutEffect } from 'react';
import { Box, type DOMElement } from 'ink';
import type { PaintedRegion, RowPainter } from './row-painter.js';

export interface PaintedRowsProps {
  painter: RowPainter;
  region: PaintedRegion;
  /** Styled lines, each `width` columns wide. */
  lines: readonly string[];
  width: number;
  height: number;
}

export function PaintedRows(props: PaintedRowsProps) {
  const { painter, region } = props;
  const boxRef = useCallback(
    (box: DOMElement | null) => {
      region.box = box ?? undefined;
    },
    [region],
  );
  useLayoutEffect(() => {
    painter.add(region);
    return () => painter.remove(region);
  }, [painter, region]);
  // After Ink's layout of this commit: the lines go where the box now is.
  useLayoutEffect(() => {
    painter.update(region, props.lines, props.width);
  });
  return <Box ref={boxRef} width={props.width} height={props.height} flexShrink={0} />;
}
