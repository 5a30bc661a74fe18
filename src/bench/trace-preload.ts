// `node --import <this file> bin/podscope.js …`: installs the timing trace (PODSCOPE_TRACE)
// before podscope's own code runs, so the bench measures the real binary without relying on
// the TUI to call installTrace. If the TUI calls it too, the second call does nothing.
import { installTraceFromEnvironment } from './trace.js';

installTraceFromEnvironment();
