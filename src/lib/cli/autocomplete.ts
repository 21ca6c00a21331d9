import {Command} from '@oclif/core/command'

import {exitRequest, reportError} from './error-report.js'

/**
 * A command of @oclif/plugin-autocomplete, loaded only when completion is asked for. Registered as an oclif plugin,
 * it would cost every run of the CLI its package.json and manifest for a command run once per shell setup. The
 * package exports no path to its commands, so they are found next to its entry point.
 */
async function pluginCommand(name: 'index' | 'script'): Promise<Command.Class> {
  const entry = import.meta.resolve('@oclif/plugin-autocomplete')
  const module = (await import(new URL(`commands/autocomplete/${name}.js`, entry).href)) as {default: Command.Class}
  return module.default
}

/**
 * This CLI's face on one of the plugin's commands: it declares the same arguments (for help, the manifest and
 * completion itself), checks them, hands the plugin the argv, and reports errors in this CLI's one-line form.
 */
export abstract class AutocompletePluginFront extends Command {
  protected abstract readonly pluginCommand: 'index' | 'script'

  public async run(): Promise<void> {
    // A parse that throws has still been attempted; without this oclif adds a warning to the usage error in tests.
    this.parsed = true
    await this.parse()
    const Plugin = await pluginCommand(this.pluginCommand)
    await Plugin.run(this.argv, this.config)
  }

  protected override async catch(error: Error): Promise<void> {
    const requested = exitRequest(error)
    if (requested !== undefined) {
      process.exitCode = requested
      return
    }
    const report = reportError(error, this.argv.includes('--debug'), this.id)
    process.stderr.write(report.lines.join('\n') + '\n')
    process.exitCode = report.exitCode
  }
}
