/**
 * From component bytes to WIT: decode the binary, compute its type view,
 * and turn its imports and exports into a `Resolve`.
 */
import type { Component } from '../model/index.js';
import { componentTypes } from '../types/build.js';
import type { ComponentTypes } from '../types/model.js';
import { decodeWit } from './decode-wit.js';
import { findPackageMetadata } from './package-docs.js';
import type { DecodedWit, Extern } from './decode-wit.js';

/** The top-level imports and exports in binary order, with their types. */
export function externsOf(component: Component, types: ComponentTypes): Extern[] {
  const externs: Extern[] = [];
  for (const section of component.sections) {
    if (section.kind === 'import') {
      for (const { name } of section.imports) externs.push({ kind: 'import', name: name.name, item: types.imports.get(name.name)! });
    } else if (section.kind === 'export') {
      for (const { name } of section.exports) externs.push({ kind: 'export', name: name.name, item: types.exports.get(name.name)! });
    }
  }
  return externs;
}

/**
 * The WIT a decoded component describes: a WIT package, or the world of a
 * component, with the docs and gates of its top-level `package-docs` section.
 * `types` is the component's type view when the caller has computed it.
 * Throws `ComponentTypeError` when the component's types are invalid and
 * `WitDecodeError` when they cannot be written as WIT.
 */
export function componentWit(component: Component, types: ComponentTypes = componentTypes(component)): DecodedWit {
  const customs = component.sections.flatMap((s) => (s.kind === 'custom' ? [s.custom] : []));
  return decodeWit(types.arena, externsOf(component, types), findPackageMetadata(customs));
}
