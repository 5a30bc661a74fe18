// A view that throws (odd data nobody foresaw) shows one line about it instead of taking
// the whole app down; esc still goes back because the shell's keys live outside it.
import { Component, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { sanitize } from '../../model/sanitize.js';

interface Props {
  width: number;
  height: number;
  children: ReactNode;
}

export class ViewBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Box flexDirection="column" width={this.props.width} height={this.props.height}>
        <Text wrap="truncate">{`this view failed: ${sanitize(this.state.error.message, Math.max(0, this.props.width - 20))}`}</Text>
        <Text wrap="truncate">esc: back</Text>
      </Box>
    );
  }
}
