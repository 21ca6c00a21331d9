import type {Command} from '@oclif/core/command'

/**
 * A command of @oclif/plugin-autocomplete, loaded only when completion is asked for. Registered as an oclif plugin,
 * it would cost every run of the CLI its package.json and manifest (a few milliseconds) for a command run once per
 * shell setup. The package exports no path to its commands, so they are found next to its entry point.
 */
export async function autocompletePluginCommand(name: 'index' | 'script'): Promise<Command.Class> {
  const entry = import.meta.resolve('@oclif/plugin-autocomplete')
  const module = (await import(new URL(`commands/autocomplete/${name}.js`, entry).href)) as {default: Command.Class}
  return module.default
}
