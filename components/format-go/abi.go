//go:build wasip1

package main

// Canonical-ABI glue for weld:demo/format@0.1.0 (world formatter): each
// //go:wasmexport takes the flattened parameters (design/mvp/CanonicalABI.md,
// `flatten_functype`) and returns the address of a (ptr, len) string in
// retArea, which cabi_post_* frees. Flattenings:
//
//	op                 i32 (discriminant 0..3)
//	expr               i32 op, f64 lhs, f64 rhs
//	option<u8>         i32 is-some, i32 value
//	option<char>       i32 is-some, i32 code point
//	notation (flags)   i32, bit 0 show-sign, bit 1 scientific
//	style              option<u8>, option<char>, notation = 5 × i32
//	calc-error         i32 case, then the cases' payloads joined:
//	                   not-finite(f64) → [f64], syntax(tuple<u32, string>)
//	                   → [i32, i32, i32]; joined [i64, i32, i32], the f64
//	                   passed as its bits and the u32 widened to i64.
//
// Invalid discriminants, flags bits or code points trap, as lifting must.

import "math"

// retArea holds (ptr, len) of a returned string until post-return frees it.
var retArea = alloc(8)

func returnString(s string) uint32 {
	addr := alloc(uint32(len(s)))
	copy(bytesAt(addr, uint32(len(s))), s)
	putU32(retArea, addr)
	putU32(retArea+4, uint32(len(s)))
	return retArea
}

func postReturnString(ret uint32) { free(u32At(ret)) }

// liftString copies a host-written string out of linear memory and frees it.
func liftString(ptr, n uint32) string {
	s := string(bytesAt(ptr, n))
	free(ptr)
	return s
}

func liftOp(op uint32) Op {
	if op > uint32(OpDiv) {
		trap()
	}
	return Op(op)
}

func liftStyle(hasPrecision, precision, hasSeparator, separator, notation uint32) Style {
	s := Style{Precision: -1}
	if liftBool(hasPrecision) {
		s.Precision = int(uint8(precision))
	}
	if liftBool(hasSeparator) {
		if separator >= 0xD800 && separator < 0xE000 || separator > 0x10FFFF {
			trap()
		}
		s.GroupSeparator = rune(separator)
	}
	if notation&^3 != 0 {
		trap()
	}
	s.ShowSign = notation&1 != 0
	s.Scientific = notation&2 != 0
	return s
}

// liftBool lifts an option's case (0 none, 1 some).
func liftBool(v uint32) bool {
	if v > 1 {
		trap()
	}
	return v == 1
}

// symbol: func(op: op) -> string
//
//go:wasmexport weld:demo/format@0.1.0#symbol
func symbol(op uint32) uint32 {
	return returnString(Symbol(liftOp(op)))
}

//go:wasmexport cabi_post_weld:demo/format@0.1.0#symbol
func symbolPost(ret uint32) { postReturnString(ret) }

// number: func(value: f64, style: style) -> string
//
//go:wasmexport weld:demo/format@0.1.0#number
func number(value float64, hasPrecision, precision, hasSeparator, separator, notation uint32) uint32 {
	return returnString(Number(value, liftStyle(hasPrecision, precision, hasSeparator, separator, notation)))
}

//go:wasmexport cabi_post_weld:demo/format@0.1.0#number
func numberPost(ret uint32) { postReturnString(ret) }

// equation: func(expression: expr, value: f64, style: style) -> string
//
//go:wasmexport weld:demo/format@0.1.0#equation
func equation(op uint32, lhs, rhs, value float64, hasPrecision, precision, hasSeparator, separator, notation uint32) uint32 {
	e := Expr{Op: liftOp(op), Lhs: lhs, Rhs: rhs}
	return returnString(Equation(e, value, liftStyle(hasPrecision, precision, hasSeparator, separator, notation)))
}

//go:wasmexport cabi_post_weld:demo/format@0.1.0#equation
func equationPost(ret uint32) { postReturnString(ret) }

// describe-error: func(error: calc-error) -> string
//
//go:wasmexport weld:demo/format@0.1.0#describe-error
func describeError(kind uint32, payload uint64, ptr, n uint32) uint32 {
	var e CalcError
	switch kind {
	case 0:
		e.Kind = DivisionByZero
	case 1:
		e = CalcError{Kind: NotFinite, Value: math.Float64frombits(payload)}
	case 2:
		e = CalcError{Kind: Syntax, Offset: uint32(payload), Message: liftString(ptr, n)}
	default:
		trap()
	}
	return returnString(DescribeError(e))
}

//go:wasmexport cabi_post_weld:demo/format@0.1.0#describe-error
func describeErrorPost(ret uint32) { postReturnString(ret) }
