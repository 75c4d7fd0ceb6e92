import type { ContainerModule } from 'inversify';

/**
 * Partner customizations: ContainerModules loaded after the extension's own bindings, so a
 * `rebind(TOKENS.X)` here replaces any handler or service. See the README's "Override a handler"
 * and src/examples/OfflinePriceRuleModule.ts for a tested example.
 */
export const customizations: readonly ContainerModule[] = [];
