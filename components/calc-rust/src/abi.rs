//! Canonical-ABI glue for `weld:demo/calc@0.1.0` (no wit-bindgen: Debian's
//! rustc 1.63 is too old for it). Export names use the mangling
//! wit-component accepts: `weld:demo/calc@0.1.0#parse`,
//! `...#[constructor]accumulator`, `...#[method]accumulator.apply`,
//! `...#[dtor]accumulator`, `cabi_post_<export>`, and `cabi_realloc`.
//!
//! Layouts (design/mvp/CanonicalABI.md, `elem_size`/`alignment`/`flatten`):
//!
//! | type                        | size | align | layout                                   |
//! |-----------------------------|------|-------|------------------------------------------|
//! | `op` (enum, 4 cases)        | 1    | 1     | u8 discriminant                          |
//! | `expr`                      | 24   | 8     | op @0, lhs f64 @8, rhs f64 @16           |
//! | `tuple<u32, string>`        | 12   | 4     | u32 @0, ptr @4, len @8                   |
//! | `calc-error` (3 cases)      | 24   | 8     | u8 case @0, payload @8                   |
//! | `result<expr, calc-error>`  | 32   | 8     | u8 case @0, payload @8                   |
//! | `result<f64, calc-error>`   | 32   | 8     | u8 case @0, payload @8                   |
//! | `list<expr>`                | 8    | 4     | ptr @0, len @4 (elements 24 bytes each)  |
//!
//! Parameters arrive flat (never more than 16 values here): `string` as
//! (ptr, len), `expr` as (i32, f64, f64), `borrow<accumulator>` of our own
//! resource as its rep. Every result but `f64` and `own<accumulator>`
//! flattens to more than one value, so it is written to `RET_AREA` and its
//! address returned; `cabi_post_*` frees what it points to.

use crate::calc::{self, Accumulator, CalcError, Expr, Op};
use std::alloc::{self, Layout};

// ---------------------------------------------------------------------------
// Memory

/// The allocator the host lowers arguments with (strings, lists).
#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    let ptr = if old_size == 0 {
        alloc::alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        alloc::realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if ptr.is_null() {
        trap();
    }
    ptr
}

fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

#[repr(C, align(8))]
struct RetArea([u8; 32]);
static mut RET_AREA: RetArea = RetArea([0; 32]);

unsafe fn ret_area() -> *mut u8 {
    RET_AREA.0.as_mut_ptr()
}

unsafe fn put_u8(at: *mut u8, v: u8) {
    *at = v;
}
unsafe fn put_u32(at: *mut u8, v: u32) {
    *(at as *mut u32) = v;
}
unsafe fn put_f64(at: *mut u8, v: f64) {
    *(at as *mut f64) = v;
}
unsafe fn get_u8(at: *const u8) -> u8 {
    *at
}
unsafe fn get_u32(at: *const u8) -> u32 {
    *(at as *const u32)
}

// ---------------------------------------------------------------------------
// Lifting (host → us)

/// Takes ownership of a string the host wrote with `cabi_realloc(.., 1, len)`.
unsafe fn lift_string(ptr: *mut u8, len: usize) -> String {
    if len == 0 {
        return String::new();
    }
    let bytes = Vec::from_raw_parts(ptr, len, len);
    String::from_utf8(bytes).unwrap_or_else(|_| trap())
}

/// An `op` discriminant; anything else is a trap, as lifting requires.
fn lift_op(index: i32) -> Op {
    Op::from_index(index as u32).unwrap_or_else(|| trap())
}

// ---------------------------------------------------------------------------
// Lowering (us → host)

/// Leaks `s` into memory the host reads; `free_string` gives it back.
unsafe fn store_string(at: *mut u8, s: String) {
    let boxed = s.into_boxed_str();
    let len = boxed.len();
    let ptr = Box::into_raw(boxed) as *mut u8;
    put_u32(at, ptr as u32);
    put_u32(at.add(4), len as u32);
}

unsafe fn free_string(at: *const u8) {
    let ptr = get_u32(at) as *mut u8;
    let len = get_u32(at.add(4)) as usize;
    if len != 0 {
        drop(Box::from_raw(std::slice::from_raw_parts_mut(ptr, len) as *mut [u8]));
    }
}

unsafe fn store_expr(at: *mut u8, e: &Expr) {
    put_u8(at, e.op.index());
    put_f64(at.add(8), e.lhs);
    put_f64(at.add(16), e.rhs);
}

unsafe fn store_calc_error(at: *mut u8, e: CalcError) {
    match e {
        CalcError::DivisionByZero => put_u8(at, 0),
        CalcError::NotFinite(v) => {
            put_u8(at, 1);
            put_f64(at.add(8), v);
        }
        CalcError::Syntax(offset, message) => {
            put_u8(at, 2);
            put_u32(at.add(8), offset);
            store_string(at.add(12), message);
        }
    }
}

/// Frees what `store_calc_error` leaked.
unsafe fn free_calc_error(at: *const u8) {
    if get_u8(at) == 2 {
        free_string(at.add(12));
    }
}

/// `result<T, calc-error>`: case @0, payload @8.
unsafe fn store_result<T>(r: Result<T, CalcError>, ok: impl FnOnce(*mut u8, T)) -> *mut u8 {
    let out = ret_area();
    match r {
        Ok(v) => {
            put_u8(out, 0);
            ok(out.add(8), v);
        }
        Err(e) => {
            put_u8(out, 1);
            store_calc_error(out.add(8), e);
        }
    }
    out
}

unsafe fn free_result(ret: *const u8) {
    if get_u8(ret) == 1 {
        free_calc_error(ret.add(8));
    }
}

// ---------------------------------------------------------------------------
// Imports of our own resource type

#[link(wasm_import_module = "[export]weld:demo/calc@0.1.0")]
extern "C" {
    #[link_name = "[resource-new]accumulator"]
    fn accumulator_resource_new(rep: i32) -> i32;
}

// ---------------------------------------------------------------------------
// parse, eval

/// `parse: func(text: string) -> result<expr, calc-error>`
#[export_name = "weld:demo/calc@0.1.0#parse"]
pub unsafe extern "C" fn parse(ptr: *mut u8, len: usize) -> *mut u8 {
    let text = lift_string(ptr, len);
    store_result(calc::parse(&text), |at, e| store_expr(at, &e))
}

#[export_name = "cabi_post_weld:demo/calc@0.1.0#parse"]
pub unsafe extern "C" fn parse_post(ret: *mut u8) {
    free_result(ret);
}

/// `eval: func(expression: expr) -> result<f64, calc-error>`
#[export_name = "weld:demo/calc@0.1.0#eval"]
pub unsafe extern "C" fn eval(op: i32, lhs: f64, rhs: f64) -> *mut u8 {
    let expr = Expr { op: lift_op(op), lhs, rhs };
    store_result(calc::eval(expr), |at, v| put_f64(at, v))
}

#[export_name = "cabi_post_weld:demo/calc@0.1.0#eval"]
pub unsafe extern "C" fn eval_post(ret: *mut u8) {
    free_result(ret);
}

// ---------------------------------------------------------------------------
// resource accumulator: the rep is a `Box<Accumulator>` pointer.

unsafe fn accumulator<'a>(rep: i32) -> &'a mut Accumulator {
    &mut *(rep as *mut Accumulator)
}

/// `constructor(initial: f64)` → `own<accumulator>`
#[export_name = "weld:demo/calc@0.1.0#[constructor]accumulator"]
pub unsafe extern "C" fn accumulator_constructor(initial: f64) -> i32 {
    let rep = Box::into_raw(Box::new(Accumulator::new(initial)));
    accumulator_resource_new(rep as i32)
}

/// `apply: func(op: op, operand: f64) -> result<f64, calc-error>`
#[export_name = "weld:demo/calc@0.1.0#[method]accumulator.apply"]
pub unsafe extern "C" fn accumulator_apply(rep: i32, op: i32, operand: f64) -> *mut u8 {
    let op = lift_op(op);
    store_result(accumulator(rep).apply(op, operand), |at, v| put_f64(at, v))
}

#[export_name = "cabi_post_weld:demo/calc@0.1.0#[method]accumulator.apply"]
pub unsafe extern "C" fn accumulator_apply_post(ret: *mut u8) {
    free_result(ret);
}

/// `total: func() -> f64`
#[export_name = "weld:demo/calc@0.1.0#[method]accumulator.total"]
pub unsafe extern "C" fn accumulator_total(rep: i32) -> f64 {
    accumulator(rep).total()
}

/// `history: func() -> list<expr>`: a fresh array of 24-byte records.
#[export_name = "weld:demo/calc@0.1.0#[method]accumulator.history"]
pub unsafe extern "C" fn accumulator_history(rep: i32) -> *mut u8 {
    let history = accumulator(rep).history();
    let base = if history.is_empty() {
        8 as *mut u8
    } else {
        let base = alloc::alloc(history_layout(history.len()));
        if base.is_null() {
            trap();
        }
        for (i, e) in history.iter().enumerate() {
            store_expr(base.add(i * 24), e);
        }
        base
    };
    let out = ret_area();
    put_u32(out, base as u32);
    put_u32(out.add(4), history.len() as u32);
    out
}

fn history_layout(len: usize) -> Layout {
    Layout::from_size_align(len * 24, 8).unwrap_or_else(|_| trap())
}

#[export_name = "cabi_post_weld:demo/calc@0.1.0#[method]accumulator.history"]
pub unsafe extern "C" fn accumulator_history_post(ret: *mut u8) {
    let len = get_u32(ret.add(4)) as usize;
    if len != 0 {
        alloc::dealloc(get_u32(ret) as *mut u8, history_layout(len));
    }
}

/// Runs when the last handle is dropped.
#[export_name = "weld:demo/calc@0.1.0#[dtor]accumulator"]
pub unsafe extern "C" fn accumulator_dtor(rep: i32) {
    drop(Box::from_raw(rep as *mut Accumulator));
}
