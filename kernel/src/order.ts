import semver from 'semver';
import type { ResolvedPlugin } from './config.ts';
import { KaifangError } from './errors.ts';

/**
 * Orders plugins so each starts after what it requires (and after its optional dependencies
 * when they are configured), keeping the config's order otherwise. Checks every version range:
 * the kernel range each plugin declares and the ranges of the plugins it requires.
 */
export function orderPlugins(plugins: ResolvedPlugin[], kernelVersion: string): ResolvedPlugin[] {
  const byName = new Map(plugins.map((plugin) => [plugin.definition.name, plugin]));

  for (const { definition } of plugins) {
    if (!semver.satisfies(kernelVersion, definition.kernel, { includePrerelease: true })) {
      throw new KaifangError(
        `plugin '${definition.name}' needs kernel ${definition.kernel}, but this kernel is ${kernelVersion}; use a plugin version made for this kernel`,
        definition.name,
      );
    }
    for (const [dependency, range] of Object.entries(definition.requires ?? {})) {
      const found = byName.get(dependency);
      if (!found) {
        throw new KaifangError(
          `plugin '${definition.name}' requires '${dependency}', which is not in kaifang.config.ts plugins`,
          definition.name,
        );
      }
      checkRange(definition.name, dependency, range, found.definition.version);
    }
    for (const [dependency, range] of Object.entries(definition.optional ?? {})) {
      const found = byName.get(dependency);
      if (found) checkRange(definition.name, dependency, range, found.definition.version);
    }
  }

  const ordered: ResolvedPlugin[] = [];
  const done = new Set<string>();
  const visiting: string[] = [];
  const visit = (plugin: ResolvedPlugin) => {
    const { name } = plugin.definition;
    if (done.has(name)) return;
    const cycleStart = visiting.indexOf(name);
    if (cycleStart >= 0) {
      const cycle = [...visiting.slice(cycleStart), name].map((n) => `'${n}'`).join(' → ');
      throw new KaifangError(
        `plugins ${cycle} form a dependency cycle; remove one of these requires`,
        name,
      );
    }
    visiting.push(name);
    const dependencies = [
      ...Object.keys(plugin.definition.requires ?? {}),
      ...Object.keys(plugin.definition.optional ?? {}).filter((dependency) =>
        byName.has(dependency),
      ),
    ];
    for (const dependency of dependencies) visit(byName.get(dependency)!);
    visiting.pop();
    done.add(name);
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin);
  return ordered;
}

function checkRange(plugin: string, dependency: string, range: string, version: string): void {
  if (!semver.satisfies(version, range, { includePrerelease: true })) {
    throw new KaifangError(
      `plugin '${plugin}' requires '${dependency}' ${range}, but the configured '${dependency}' is ${version}`,
      plugin,
    );
  }
}
