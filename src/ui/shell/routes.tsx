// Which component shows which route. The Pods view is not here: the shell keeps it mounted
// under the stack so its cursor, filter and sort survive a trip into a pod.
import type { ReactElement } from 'react';
import type { Route, ViewProps } from '../app-context.js';
import { PodView } from '../pod/PodView.js';
import { ContainerView } from '../container/ContainerView.js';
import { LogsView } from '../logs/LogsView.js';
import { YamlView } from '../yaml/YamlView.js';
import { AdviceView } from '../advice/AdviceView.js';

export function routeTitle(route: Route): string {
  switch (route.view) {
    case 'pods':
      return 'Pods';
    case 'pod':
      return 'Pod';
    case 'container':
      return 'Container';
    case 'logs':
      return 'Logs';
    case 'yaml':
      return 'YAML';
    case 'advice':
      return 'Advice';
    case 'events':
      return 'Events';
  }
}

export function renderRoute(route: Route, props: ViewProps): ReactElement | null {
  switch (route.view) {
    case 'pods':
      return null;
    case 'pod':
      return <PodView {...props} podKey={route.key} panel={route.panel} />;
    case 'container':
      return <ContainerView {...props} podKey={route.key} container={route.container} />;
    case 'logs':
      return <LogsView {...props} podKey={route.key} container={route.container} previous={route.previous} />;
    case 'yaml':
      return <YamlView {...props} kind={route.kind} objectKey={route.key} />;
    case 'advice':
      return <AdviceView {...props} podKey={route.key} />;
    case 'events':
      // The Pod view's Events panel is the events view.
      return <PodView {...props} podKey={route.key} panel="events" />;
  }
}
