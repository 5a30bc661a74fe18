// The command line: flags per SPEC section 3, each command delegated to its own module.
// Command modules are imported lazily so `podscope explain` never pays for Ink or client-node.
import { installedPackage } from '../install-root.js';
// Types only: the command modules themselves load lazily.
import type { DemoOptions } from './demo.js';
import type { DemoServeOptions } from './demo-serve.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

const EXIT_USAGE = 2;

function packageVersion(): string {
  return installedPackage().version;
}

function nonNegativeInt(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${value}"`);
    return Number(value);
  };
}

function port(value: string): number {
  const n = nonNegativeInt('--port')(value);
  if (n > 65535) throw new InvalidArgumentError(`--port takes 0-65535, got ${n}`);
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** kubectl's -n/-A pair: -A wins over nothing, but both together is a usage error (kubectl says the same). */
function namespaceOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'the kubeconfig context to use')
    .option('-n, --namespace <ns>', "namespace (default: the context's namespace)")
    .option('-A, --all-namespaces', 'all namespaces');
}

interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

function checkNamespaceFlags(flags: ClusterFlags): void {
  if (flags.namespace && flags.allNamespaces) {
    throw new CommanderError(EXIT_USAGE, 'podscope.usage', 'error: -n and -A cannot be used together');
  }
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('podscope')
    .description('A read-only terminal explorer for Kubernetes pods, with design advice')
    .version(packageVersion(), '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      // One line, in podscope's voice, whatever commander had to say.
      outputError: (text, write) => write(`podscope: ${(text.split('\n')[0] ?? '').replace(/^error: /, '')} (see podscope --help)\n`),
    });

  namespaceOptions(program)
    .option('-l, --selector <selector>', 'label selector, e.g. app=web,tier!=db')
    .option('--theme <name>', 'colour theme: default, light, high-contrast, mono, or a user theme')
    .action(async (flags: ClusterFlags & { selector?: string; theme?: string }) => {
      checkNamespaceFlags(flags);
      const { runTui } = await import('./tui.js');
      exitCode = await runTui(flags);
    });

  const demo = program
    .command('demo')
    .description('open podscope on the embedded demo cluster (no cluster needed)')
    .option('--pods <n>', 'add N generated pods to the scenario pods', nonNegativeInt('--pods'))
    .option('--churn <rate>', 'pod status updates per second', nonNegativeInt('--churn'))
    .option('--from <path>', 'load objects from YAML/JSON files or folders instead of the scenarios (repeatable)', collect)
    .option('--theme <name>', 'colour theme')
    .action(async (flags: DemoOptions) => {
      const { runDemo } = await import('./demo.js');
      exitCode = await runDemo(flags);
    });

  demo
    .command('serve')
    .description('run only the demo cluster (an HTTPS Kubernetes API server on 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default: any free port)', port)
    .option('--pods <n>', 'add N generated pods to the scenario pods', nonNegativeInt('--pods'))
    .option('--churn <rate>', 'pod status updates per second', nonNegativeInt('--churn'))
    .option('--from <path>', 'load objects from YAML/JSON files or folders instead of the scenarios (repeatable)', collect)
    .option('--kubeconfig-out <file>', 'where to write the kubeconfig (default: a temporary file)')
    .option('--audit-log <file>', 'append one JSON line per request')
    .action(
      async (flags: DemoServeOptions) => {
        const { runDemoServe } = await import('./demo-serve.js');
        exitCode = await runDemoServe(flags);
      },
    );

  namespaceOptions(
    program
      .command('analyze')
      .description('report design findings for manifests (-f) or the live cluster; for CI pipelines'),
  )
    .option('-f, --filename <path>', 'manifest file or folder, "-" for stdin (repeatable)', collect)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info', 'never'])
        .default('error'),
    )
    .option('--show-ignored', 'also list findings silenced by annotations or the config file')
    .option('-v, --verbose', 'text output: show why, evidence and fix under every finding')
    .option('--config <file>', 'config file (default: $XDG_CONFIG_HOME/podscope/config.yaml)')
    .action(
      async (
        flags: ClusterFlags & {
          filename?: string[];
          output: 'text' | 'json' | 'sarif';
          failOn: 'error' | 'warning' | 'info' | 'never';
          showIgnored?: boolean;
          verbose?: boolean;
          config?: string;
        },
      ) => {
        checkNamespaceFlags(flags);
        const { runAnalyze } = await import('./analyze.js');
        exitCode = await runAnalyze({
          files: flags.filename,
          kubeconfig: flags.kubeconfig,
          context: flags.context,
          namespace: flags.namespace,
          allNamespaces: flags.allNamespaces,
          output: flags.output,
          failOn: flags.failOn,
          showIgnored: flags.showIgnored,
          verbose: flags.verbose,
          config: flags.config,
        });
      },
    );

  program
    .command('explain')
    .description("print a rule's full text: why, what triggers it, what does not, the fix")
    .argument('<rule>', 'rule id, e.g. port-conflict')
    .action(async (rule: string) => {
      const { runExplain } = await import('./explain.js');
      exitCode = runExplain(rule);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return 0;
      }
      // Commander has already printed its one-line message through outputError, except for our own.
      if (err.code === 'podscope.usage') process.stderr.write(`podscope: ${err.message.replace(/^error: /, '')}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
