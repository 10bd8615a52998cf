/**
 * Subtyping between an offered item (`a`) and the item an import expects
 * (`b`), each read in its own view (wasmparser's `SubtypeCx`): an instance
 * may export more than expected; functions, value types and defined types
 * must be equal in structure (wasmparser checks type equality there, and so
 * do we); resources are equal when their identities are. A mismatch is a
 * {@link Mismatch} whose context is the path to the difference.
 */
import type { AnyTypeId, EntityType, FuncTypeInfo, TypeInfo, ValueType } from '@weld/component';
import { unreachable } from '@weld/wit';
import { describeEntity, describeValue, entityWord, nameOf } from './describe.js';
import type { TypeView } from './views.js';

/** One step of the path to a difference: `.add` (an export) or `: parameter b`. */
export interface PathStep {
  readonly kind: 'export' | 'context';
  readonly text: string;
}

/** A difference between an offered and an expected type. */
export class Mismatch extends Error {
  readonly path: PathStep[] = [];
  readonly detail: string;

  constructor(detail: string) {
    super(detail);
    this.detail = detail;
  }

  /** `location.add: parameter b: expected s32, found string`. */
  render(location: string): string {
    let text = location;
    for (const step of this.path) text += step.kind === 'export' ? `.${step.text}` : `: ${step.text}`;
    return `${text}: ${this.detail}`;
  }
}

/** Runs `body`, adding `step` to the path of a mismatch it throws. */
export function within<T>(step: PathStep, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof Mismatch) e.path.unshift(step);
    throw e;
  }
}

const context = (text: string): PathStep => ({ kind: 'context', text });

/** Checks that items read in view `a` are subtypes of items read in view `b`. */
export class SubtypeCheck {
  readonly #a: TypeView;
  readonly #b: TypeView;

  constructor(a: TypeView, b: TypeView) {
    this.#a = a;
    this.#b = b;
  }

  /** `a` (offered) must be a subtype of `b` (expected). */
  entity(a: EntityType, b: EntityType): void {
    if (a.kind !== b.kind) throw new Mismatch(`expected ${describeEntity(b)}, found ${describeEntity(a)}`);
    switch (a.kind) {
      case 'module':
      case 'component':
        return;
      case 'func':
        return this.func(a.id, (b as typeof a).id);
      case 'value':
        return this.value(a.type, (b as typeof a).type);
      case 'type':
        return this.anyType(a.referenced, (b as typeof a).referenced);
      case 'instance':
        return this.instance(a.id, (b as typeof a).id);
      default:
        throw new Mismatch(`cannot compare ${describeEntity(a)}`);
    }
  }

  /** Instance type `a` must have every export of `b`, each a subtype of `b`'s; extra exports are fine. */
  instance(aId: AnyTypeId, bId: AnyTypeId): void {
    const a = this.#infoA(aId);
    const b = this.#infoB(bId);
    if (a.kind !== 'instance' || b.kind !== 'instance') throw new Mismatch('expected an instance type');
    for (const [name, expected] of b.type.exports) {
      const offered = a.type.exports.get(name);
      if (!offered) throw new Mismatch(`missing ${entityWord(expected.type)} \`${name}\``);
      within({ kind: 'export', text: name }, () => this.entity(offered.type, expected.type));
    }
  }

  /** Function types must agree on async, parameter names and count, and have matching parameter and result types. */
  func(aId: AnyTypeId, bId: AnyTypeId): void {
    const a = this.#infoA(aId);
    const b = this.#infoB(bId);
    if (a.kind !== 'func' || b.kind !== 'func') throw new Mismatch('expected a function type');
    this.#funcType(a.type, b.type);
  }

  #funcType(a: FuncTypeInfo, b: FuncTypeInfo): void {
    if (a.async !== b.async) {
      throw new Mismatch(b.async ? 'expected an async function, found a sync one' : 'expected a sync function, found an async one');
    }
    if (a.params.length !== b.params.length) {
      throw new Mismatch(`expected ${b.params.length} parameters, found ${a.params.length}`);
    }
    b.params.forEach((bp, i) => {
      const ap = a.params[i]!;
      if (ap.name !== bp.name) throw new Mismatch(`expected parameter \`${bp.name}\`, found \`${ap.name}\``);
      within(context(`parameter ${bp.name}`), () => this.value(ap.type, bp.type));
    });
    if (a.result === undefined && b.result !== undefined) throw new Mismatch('expected a result, found none');
    if (a.result !== undefined && b.result === undefined) throw new Mismatch('expected no result, found one');
    if (a.result !== undefined && b.result !== undefined) {
      const [ar, br] = [a.result, b.result];
      within(context('result'), () => this.value(ar, br));
    }
  }

  /** A type export: resources by identity, other types by structure. */
  anyType(aId: AnyTypeId, bId: AnyTypeId): void {
    const a = this.#infoA(aId);
    const b = this.#infoB(bId);
    if (a.kind === 'resource' && b.kind === 'resource') {
      const ra = this.#a.resource(a.resource);
      const rb = this.#b.resource(b.resource);
      if (ra.key !== rb.key) {
        const an = nameOf(this.#a.def, aId) ?? 'resource';
        const bn = nameOf(this.#b.def, bId) ?? 'resource';
        throw new Mismatch(`expected resource \`${bn}\` ${rb.origin}, found resource \`${an}\` ${ra.origin}`);
      }
      return;
    }
    if (a.kind !== b.kind) throw new Mismatch(`expected ${kindWord(b)}, found ${kindWord(a)}`);
    switch (a.kind) {
      case 'defined': return this.#defined(aId, bId);
      case 'func': return this.func(aId, bId);
      case 'instance': return this.instance(aId, bId);
      default: return;
    }
  }

  /** Value types: primitives must be equal, defined types match by structure. */
  value(a: ValueType, b: ValueType): void {
    const pa = this.#primitive(this.#a, a);
    const pb = this.#primitive(this.#b, b);
    if (pa !== undefined || pb !== undefined) {
      if (pa !== pb) throw new Mismatch(`expected ${describeValue(this.#b.def, b)}, found ${describeValue(this.#a.def, a)}`);
      return;
    }
    this.#defined(a as AnyTypeId, b as AnyTypeId);
  }

  #primitive(view: TypeView, t: ValueType): string | undefined {
    if (typeof t !== 'number') return t;
    const info = view.def.types.arena.ids[t]?.info;
    return info?.kind === 'defined' && info.type.kind === 'primitive' ? info.type.type : undefined;
  }

  #defined(aId: AnyTypeId, bId: AnyTypeId): void {
    const ai = this.#infoA(aId);
    const bi = this.#infoB(bId);
    if (ai.kind !== 'defined' || bi.kind !== 'defined') throw new Mismatch(`expected ${kindWord(bi)}, found ${kindWord(ai)}`);
    const a = ai.type;
    const b = bi.type;
    const differ = (): Mismatch =>
      new Mismatch(`expected ${describeValue(this.#b.def, bId)}, found ${describeValue(this.#a.def, aId)}`);
    if (a.kind !== b.kind) throw differ();
    const opt = (what: string, x: ValueType | undefined, y: ValueType | undefined): void => {
      if (x === undefined && y === undefined) return;
      if (x === undefined) throw new Mismatch(`expected ${what} type, found none`);
      if (y === undefined) throw new Mismatch(`expected no ${what} type, found one`);
      within(context(what), () => this.value(x, y));
    };
    switch (b.kind) {
      case 'primitive':
        return;
      case 'record': {
        const af = (a as typeof b).fields;
        if (af.length !== b.fields.length) throw new Mismatch(`expected ${b.fields.length} record fields, found ${af.length}`);
        b.fields.forEach((f, i) => {
          const g = af[i]!;
          if (g.name !== f.name) throw new Mismatch(`expected record field \`${f.name}\`, found \`${g.name}\``);
          within(context(`field ${f.name}`), () => this.value(g.type, f.type));
        });
        return;
      }
      case 'variant': {
        const ac = (a as typeof b).cases;
        if (ac.length !== b.cases.length) throw new Mismatch(`expected ${b.cases.length} variant cases, found ${ac.length}`);
        b.cases.forEach((c, i) => {
          const d = ac[i]!;
          if (d.name !== c.name) throw new Mismatch(`expected variant case \`${c.name}\`, found \`${d.name}\``);
          within(context(`case ${c.name}`), () => opt('payload', d.type, c.type));
        });
        return;
      }
      case 'list':
        return within(context('list element'), () => this.value((a as typeof b).element, b.element));
      case 'fixed-size-list': {
        const x = a as typeof b;
        if (x.length !== b.length) throw new Mismatch(`expected a list of ${b.length} elements, found ${x.length}`);
        return within(context('list element'), () => this.value(x.element, b.element));
      }
      case 'map': {
        const x = a as typeof b;
        within(context('map key'), () => this.value(x.key, b.key));
        return within(context('map value'), () => this.value(x.value, b.value));
      }
      case 'tuple': {
        const x = a as typeof b;
        if (x.types.length !== b.types.length) throw new Mismatch(`expected a tuple of ${b.types.length}, found ${x.types.length}`);
        b.types.forEach((t, i) => within(context(`tuple element ${i}`), () => this.value(x.types[i]!, t)));
        return;
      }
      case 'flags':
      case 'enum': {
        const x = (a as typeof b).names;
        if (x.length !== b.names.length || x.some((n, i) => n !== b.names[i])) {
          const what = b.kind === 'flags' ? 'flags' : 'enum cases';
          throw new Mismatch(`expected ${what} ${b.names.join(', ')}, found ${x.join(', ')}`);
        }
        return;
      }
      case 'option':
        return within(context('option'), () => this.value((a as typeof b).type, b.type));
      case 'result': {
        const x = a as typeof b;
        opt('ok', x.ok, b.ok);
        return opt('err', x.err, b.err);
      }
      case 'own':
      case 'borrow': {
        const x = a as typeof b;
        const ra = this.#resourceOf(this.#a, x.resource);
        const rb = this.#resourceOf(this.#b, b.resource);
        if (ra?.key !== rb?.key || ra === undefined) {
          throw new Mismatch(
            `expected ${describeValue(this.#b.def, bId)} ${rb?.origin ?? ''}, found ${describeValue(this.#a.def, aId)} ${ra?.origin ?? ''}`
              .replace(/ ,/g, ',').trimEnd(),
          );
        }
        return;
      }
      case 'future':
      case 'stream':
        return opt(b.kind, (a as typeof b).type, b.type);
      default:
        return unreachable(b);
    }
  }

  #resourceOf(view: TypeView, id: AnyTypeId): ReturnType<TypeView['resource']> | undefined {
    const info = view.def.types.arena.ids[id]?.info;
    return info?.kind === 'resource' ? view.resource(info.resource) : undefined;
  }

  #infoA(id: AnyTypeId): TypeInfo {
    return infoOf(this.#a, id);
  }

  #infoB(id: AnyTypeId): TypeInfo {
    return infoOf(this.#b, id);
  }
}

function infoOf(view: TypeView, id: AnyTypeId): TypeInfo {
  const info = view.def.types.arena.ids[id]?.info;
  if (!info) throw new Mismatch(`unknown type id ${id} in ${view.def.name}`);
  return info;
}

function kindWord(info: TypeInfo): string {
  switch (info.kind) {
    case 'defined': return 'a value type';
    case 'func': return 'a function type';
    case 'instance': return 'an instance type';
    case 'component': return 'a component type';
    case 'resource': return 'a resource';
    default: return 'a type';
  }
}
