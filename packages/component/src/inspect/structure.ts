/**
 * What a component is made of: nested core modules and components as a tree
 * with sizes, producers (languages, toolchains) and custom sections.
 */
import { readCoreModule } from '../decode/core-module.js';
import { encodeComponent } from '../encode/component.js';
import { customContent } from '../encode/custom.js';
import type { Component, CoreModuleInfo, CustomSection, ProducerField } from '../model/index.js';

/** A custom section by name and size. */
export interface CustomSectionSummary {
  readonly name: string;
  readonly size: number;
}

/** One node of the tree: a component, or a core module inside one. */
export interface ComponentNode {
  readonly kind: 'component' | 'module';
  /** The name the component-name section gives it, if any. */
  readonly name: string | undefined;
  /** Size in bytes of its whole encoding. */
  readonly size: number;
  readonly producers: readonly ProducerField[];
  readonly customSections: readonly CustomSectionSummary[];
  /** Nested core modules and components, in binary order. */
  readonly children: readonly ComponentNode[];
  /** For a core module: its imports (module and field name) and export names. */
  readonly coreImports?: readonly { readonly module: string; readonly name: string }[];
  readonly coreExports?: readonly string[];
}

/** The size of a custom section's contents, after its name. */
function customSize(custom: CustomSection): number {
  return customContent(custom).length;
}

function namesOf(component: Component): { modules: Map<number, string>; components: Map<number, string>; own: string | undefined } {
  const modules = new Map<number, string>();
  const components = new Map<number, string>();
  let own: string | undefined;
  for (const section of component.sections) {
    if (section.kind !== 'custom' || section.custom.kind !== 'name') continue;
    for (const sub of section.custom.subsections) {
      if (sub.kind === 'component') own = sub.name;
      else if (sub.kind === 'sort' && sub.sort === 'core-module') for (const n of sub.names) modules.set(n.index, n.name);
      else if (sub.kind === 'sort' && sub.sort === 'component') for (const n of sub.names) components.set(n.index, n.name);
    }
  }
  return { modules, components, own };
}

function producersOf(customs: readonly CustomSection[]): ProducerField[] {
  return customs.flatMap((c) => (c.kind === 'producers' ? [...c.fields] : []));
}

function moduleNode(bytes: Uint8Array, name: string | undefined): ComponentNode {
  const info: CoreModuleInfo = readCoreModule(bytes);
  return {
    kind: 'module',
    name,
    size: bytes.length,
    producers: producersOf(info.customs),
    customSections: info.customs.map((c) => ({ name: c.name, size: customSize(c) })),
    children: [],
    coreImports: info.imports.map((i) => ({ module: i.module, name: i.name })),
    coreExports: info.exports.map((e) => e.name),
  };
}

/** The tree of a decoded component; `size` is the size of the bytes it came from. */
export function componentTree(component: Component, size: number, name?: string): ComponentNode {
  const names = namesOf(component);
  const children: ComponentNode[] = [];
  const customs: CustomSection[] = [];
  let moduleIndex = 0;
  let componentIndex = 0;
  for (const section of component.sections) {
    switch (section.kind) {
      case 'core-module':
        children.push(moduleNode(section.bytes, names.modules.get(moduleIndex++)));
        break;
      case 'component': {
        // A decoded section knows its size; only a hand-built one needs encoding to measure.
        const childSize = section.size ?? encodeComponent(section.component).length;
        children.push(componentTree(section.component, childSize, names.components.get(componentIndex++)));
        break;
      }
      case 'custom':
        customs.push(section.custom);
        break;
      default:
        break;
    }
  }
  return {
    kind: 'component',
    name: name ?? names.own,
    size,
    producers: producersOf(customs),
    customSections: customs.map((c) => ({ name: c.name, size: customSize(c) })),
    children,
  };
}

/** The tree of a core module on its own. */
export function moduleTree(bytes: Uint8Array): ComponentNode {
  return moduleNode(bytes, undefined);
}
