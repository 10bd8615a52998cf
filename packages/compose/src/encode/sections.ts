/** The sections of the result, with its index spaces counted as items are added. */
import type {
  Alias, Component, ComponentInstance, ComponentType, CustomSection, Export, Import, Section, Sort,
} from '@weld/component';

/**
 * Appends items to the last section when it is of the same kind, so the
 * output has few sections. The item arrays are this list's own, so they
 * grow in place (copying them on every item made encoding quadratic).
 */
export class SectionList {
  readonly sections: Section[] = [];
  readonly counts: Record<Sort, number> = { module: 0, func: 0, value: 0, type: 0, component: 0, instance: 0 };

  /** Adds a type; returns its index. */
  type(type: ComponentType): number {
    const last = this.sections.at(-1);
    if (last?.kind === 'type') (last.types as ComponentType[]).push(type);
    else this.sections.push({ kind: 'type', types: [type] });
    return this.counts.type++;
  }

  /** Adds an alias; returns its index in the space of its sort. */
  alias(alias: Alias & { readonly kind: 'instance-export' | 'outer' }): number {
    const last = this.sections.at(-1);
    if (last?.kind === 'alias') (last.aliases as Alias[]).push(alias);
    else this.sections.push({ kind: 'alias', aliases: [alias] });
    const sort: Sort = alias.kind === 'instance-export' ? alias.sort
      : alias.sort === 'core-type' ? 'type' : alias.sort;
    return this.counts[sort]++;
  }

  /** Adds an import; returns its index in the space of its sort. */
  import(imp: Import): number {
    const last = this.sections.at(-1);
    if (last?.kind === 'import') (last.imports as Import[]).push(imp);
    else this.sections.push({ kind: 'import', imports: [imp] });
    return this.counts[imp.type.kind]++;
  }

  /** Embeds a component, copying `bytes` (its exact encoding); returns its index. */
  component(component: Component, bytes: Uint8Array): number {
    this.sections.push({ kind: 'component', component, bytes });
    return this.counts.component++;
  }

  /** Adds an instance; returns its index. */
  instance(instance: ComponentInstance): number {
    const last = this.sections.at(-1);
    if (last?.kind === 'instance') (last.instances as ComponentInstance[]).push(instance);
    else this.sections.push({ kind: 'instance', instances: [instance] });
    return this.counts.instance++;
  }

  /** Adds an export; returns the new index it introduces. */
  export(exp: Export): number {
    const last = this.sections.at(-1);
    if (last?.kind === 'export') (last.exports as Export[]).push(exp);
    else this.sections.push({ kind: 'export', exports: [exp] });
    return this.counts[exp.sort]++;
  }

  /** Adds a custom section; it introduces no index. */
  custom(custom: CustomSection): void {
    this.sections.push({ kind: 'custom', custom });
  }
}
