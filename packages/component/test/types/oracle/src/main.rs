//! The reference for `types.test.ts`: prints the type view wasmparser 0.263
//! computes for a component, in the canonical format of `../types-dump.ts`
//! (ids and resources numbered by first mention). The goldens in `golden/`
//! are its output; to regenerate one, or to compare any component:
//!
//!     cargo build --offline --manifest-path packages/component/test/types/oracle/Cargo.toml \
//!       --target-dir /tmp/weld-types-oracle
//!     /tmp/weld-types-oracle/debug/weld-types-oracle comp.wasm
//!
//! With `WELD_TYPES_ORACLE=/tmp/weld-types-oracle/debug/weld-types-oracle`,
//! `types.test.ts` also compares every WAT fixture of this package and every
//! built component in `test/fixtures/out/` against it.
use std::collections::HashMap;
use std::collections::VecDeque;
use wasmparser::component_types::*;
use wasmparser::types::Types;
use wasmparser::{Parser, Payload, PrimitiveValType, Validator, WasmFeatures};

struct Dump<'a> {
    types: &'a Types,
    ids: HashMap<ComponentAnyTypeId, usize>,
    queue: VecDeque<ComponentAnyTypeId>,
    resources: HashMap<ResourceId, usize>,
    out: String,
}

fn prim(p: PrimitiveValType) -> &'static str {
    use PrimitiveValType::*;
    match p {
        Bool => "bool", S8 => "s8", U8 => "u8", S16 => "s16", U16 => "u16", S32 => "s32", U32 => "u32",
        S64 => "s64", U64 => "u64", F32 => "f32", F64 => "f64", Char => "char", String => "string",
        ErrorContext => "error-context",
    }
}

impl<'a> Dump<'a> {
    fn id(&mut self, id: ComponentAnyTypeId) -> String {
        let n = self.ids.len();
        let n = *self.ids.entry(id).or_insert_with(|| { self.queue.push_back(id); n });
        format!("#{n}")
    }
    fn res(&mut self, r: ResourceId) -> String {
        let n = self.resources.len();
        format!("R{}", *self.resources.entry(r).or_insert(n))
    }
    fn vt(&mut self, t: &ComponentValType) -> String {
        match t {
            ComponentValType::Primitive(p) => prim(*p).to_string(),
            ComponentValType::Type(id) => self.id((*id).into()),
        }
    }
    fn ovt(&mut self, t: &Option<ComponentValType>) -> String {
        match t { None => "_".to_string(), Some(t) => self.vt(t) }
    }
    fn entity(&mut self, e: &ComponentEntityType) -> String {
        match e {
            ComponentEntityType::Module(_) => "module".into(),
            ComponentEntityType::Func(id) => format!("func {}", self.id((*id).into())),
            ComponentEntityType::Value(t) => format!("value {}", self.vt(t)),
            ComponentEntityType::Type { referenced, created } => {
                let r = self.id(*referenced);
                let c = self.id(*created);
                format!("type ref={r} created={c}")
            }
            ComponentEntityType::Instance(id) => format!("instance {}", self.id((*id).into())),
            ComponentEntityType::Component(id) => format!("component {}", self.id((*id).into())),
        }
    }
    fn item(&mut self, name: &str, item: &ComponentItem) -> String {
        let mut s = format!("{name}: {}", self.entity(&item.ty));
        if let Some(i) = &item.implements { s += &format!(" implements={i}"); }
        if let Some(i) = &item.version_suffix { s += &format!(" version-suffix={i}"); }
        if let Some(i) = &item.external_id { s += &format!(" external-id={i}"); }
        s
    }
    fn items(&mut self, items: &wasmparser::collections::IndexMap<String, ComponentItem>) -> String {
        let v: Vec<String> = items.iter().map(|(n, i)| self.item(n, i)).collect();
        v.join("; ")
    }
    fn paths(&mut self, v: &[(ResourceId, Vec<usize>)]) -> String {
        let v: Vec<String> = v.iter().map(|(r, p)| {
            let r = self.res(*r);
            format!("{r}@{}", p.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("."))
        }).collect();
        v.join(",")
    }
    fn describe(&mut self, id: ComponentAnyTypeId) -> String {
        let types = self.types;
        match id {
            ComponentAnyTypeId::Resource(r) => format!("resource {}", self.res(r.resource())),
            ComponentAnyTypeId::Defined(d) => {
                let t = &types[d];
                match t {
                    ComponentDefinedType::Primitive(p) => format!("primitive {}", prim(*p)),
                    ComponentDefinedType::Record(r) => {
                        let f: Vec<String> = r.fields.iter().map(|(n, t)| format!("{}: {}", n.as_str(), self.vt(t))).collect();
                        format!("record {{{}}}", f.join(", "))
                    }
                    ComponentDefinedType::Variant(v) => {
                        let f: Vec<String> = v.cases.iter().map(|(n, c)| format!("{}: {}", n.as_str(), self.ovt(&c.ty))).collect();
                        format!("variant {{{}}}", f.join(", "))
                    }
                    ComponentDefinedType::List { element, .. } => format!("list {}", self.vt(element)),
                    ComponentDefinedType::FixedLengthList { element, length, .. } => format!("fixed-size-list {} {length}", self.vt(element)),
                    ComponentDefinedType::Map { key, value, .. } => { let k = self.vt(key); format!("map {k} {}", self.vt(value)) }
                    ComponentDefinedType::Tuple(t) => {
                        let f: Vec<String> = t.types.iter().map(|t| self.vt(t)).collect();
                        format!("tuple ({})", f.join(", "))
                    }
                    ComponentDefinedType::Flags(n) => format!("flags {}", n.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")),
                    ComponentDefinedType::Enum(n) => format!("enum {}", n.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")),
                    ComponentDefinedType::Option { ty, .. } => format!("option {}", self.vt(ty)),
                    ComponentDefinedType::Result { ok, err, .. } => { let o = self.ovt(ok); format!("result {o} {}", self.ovt(err)) }
                    ComponentDefinedType::Own(r) => format!("own {}", self.id((*r).into())),
                    ComponentDefinedType::Borrow(r) => format!("borrow {}", self.id((*r).into())),
                    ComponentDefinedType::Future { ty, .. } => format!("future {}", self.ovt(ty)),
                    ComponentDefinedType::Stream { ty, .. } => format!("stream {}", self.ovt(ty)),
                }
            }
            ComponentAnyTypeId::Func(f) => {
                let t = &types[f];
                let p: Vec<String> = t.params.iter().map(|(n, t)| format!("{}: {}", n.as_str(), self.vt(t))).collect();
                format!("func{} ({}) -> {}", if t.async_ { " async" } else { "" }, p.join(", "), self.ovt(&t.result))
            }
            ComponentAnyTypeId::Instance(i) => {
                let t = &types[i];
                let e = self.items(&t.exports);
                let d: Vec<String> = t.defined_resources.iter().map(|r| self.res(*r)).collect();
                format!("instance {{{e}}} defined=[{}]", d.join(","))
            }
            ComponentAnyTypeId::Component(c) => {
                let t = &types[c];
                let i = self.items(&t.imports);
                let e = self.items(&t.exports);
                let ir = self.paths(&t.imported_resources);
                let dr = self.paths(&t.defined_resources);
                format!("component {{imports: {i}}} {{exports: {e}}} imported=[{ir}] defined=[{dr}]")
            }
        }
    }
    fn drain(&mut self) {
        let mut n = 0;
        while let Some(id) = self.queue.pop_front() {
            let d = self.describe(id);
            let alias = match self.types.peel_alias(id) { Some(a) => format!(" alias-of {}", self.id(a)), None => String::new() };
            self.out += &format!("#{n} = {d}{alias}\n");
            n += 1;
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut v = Validator::new_with_features(WasmFeatures::all());
    let types = match v.validate_all(&bytes) { Ok(t) => t, Err(e) => { eprintln!("invalid: {e}"); std::process::exit(2) } };
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut depth = 0;
    for p in Parser::new(0).parse_all(&bytes) {
        match p.unwrap() {
            Payload::Version { .. } => depth += 1,
            Payload::End(_) => depth -= 1,
            Payload::ComponentImportSection(r) if depth == 1 => for i in r { imports.push(i.unwrap().name.name.to_string()) },
            Payload::ComponentExportSection(r) if depth == 1 => for e in r { exports.push(e.unwrap().name.name.to_string()) },
            _ => {}
        }
    }
    let mut d = Dump { types: &types, ids: HashMap::new(), queue: VecDeque::new(), resources: HashMap::new(), out: String::new() };
    let mut head = String::new();
    for n in &imports { let item = types.component_item_for_import(n).unwrap(); head += &format!("import {}\n", d.item(n, item)); }
    for n in &exports { let item = types.component_item_for_export(n).unwrap(); head += &format!("export {}\n", d.item(n, item)); }
    d.drain();
    print!("{head}{}", d.out);
}
