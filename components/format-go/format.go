package main

// The formatter itself, free of any ABI: the types of weld:demo/format (and
// the calc types it uses) as Go types, and the functions. Builds and tests
// on any GOOS (go test .); abi.go and memory.go are wasip1-only.

import (
	"math"
	"strconv"
	"strings"
)

// Op is calc's `enum op`, in WIT order.
type Op uint8

const (
	OpAdd Op = iota
	OpSub
	OpMul
	OpDiv
)

// Expr is calc's `record expr`.
type Expr struct {
	Op       Op
	Lhs, Rhs float64
}

// CalcErrorKind is the case of calc's `variant calc-error`, in WIT order.
type CalcErrorKind uint8

const (
	DivisionByZero CalcErrorKind = iota
	NotFinite
	Syntax
)

// CalcError is calc's `variant calc-error`: Value for NotFinite, Offset
// and Message for Syntax.
type CalcError struct {
	Kind    CalcErrorKind
	Value   float64
	Offset  uint32
	Message string
}

// Style is `record style` with its `flags notation` spread out.
type Style struct {
	Precision      int  // digits after the point; -1 for as many as needed
	GroupSeparator rune // 0 for none
	ShowSign       bool
	Scientific     bool
}

// Symbol is `symbol`.
func Symbol(op Op) string {
	switch op {
	case OpAdd:
		return "+"
	case OpSub:
		return "-"
	case OpMul:
		return "*"
	case OpDiv:
		return "/"
	}
	return "?"
}

// Number is `number`.
func Number(v float64, s Style) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return sign(false, s.ShowSign) + "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v == 0:
		v = 0 // no "-0"
	}
	var text string
	if s.Scientific {
		text = shortExponent(strconv.FormatFloat(v, 'e', s.Precision, 64))
	} else {
		text = strconv.FormatFloat(v, 'f', s.Precision, 64)
	}
	negative := strings.HasPrefix(text, "-")
	digits := strings.TrimPrefix(text, "-")
	if s.GroupSeparator != 0 {
		digits = group(digits, s.GroupSeparator)
	}
	return sign(negative, s.ShowSign) + digits
}

func sign(negative, always bool) string {
	switch {
	case negative:
		return "-"
	case always:
		return "+"
	}
	return ""
}

// shortExponent writes Go's `1.5e+03` as `1.5e3` and `1e-07` as `1e-7`.
func shortExponent(text string) string {
	e := strings.IndexByte(text, 'e')
	if e < 0 {
		return text
	}
	exp := text[e+1:]
	minus := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")
	if exp == "" {
		exp = "0"
	}
	if minus {
		exp = "-" + exp
	}
	return text[:e+1] + exp
}

// group puts sep between groups of three digits of the integer part of an
// unsigned number (`1234567.5` → `1,234,567.5`); the rest is unchanged.
func group(digits string, sep rune) string {
	end := strings.IndexAny(digits, ".e")
	if end < 0 {
		end = len(digits)
	}
	whole, rest := digits[:end], digits[end:]
	if len(whole) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(whole) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(whole[:first])
	for i := first; i < len(whole); i += 3 {
		b.WriteRune(sep)
		b.WriteString(whole[i : i+3])
	}
	b.WriteString(rest)
	return b.String()
}

// Equation is `equation`: `1.5 * 4 = 6`.
func Equation(e Expr, value float64, s Style) string {
	return Number(e.Lhs, s) + " " + Symbol(e.Op) + " " + Number(e.Rhs, s) + " = " + Number(value, s)
}

// DescribeError is `describe-error`: one sentence.
func DescribeError(e CalcError) string {
	switch e.Kind {
	case DivisionByZero:
		return "Cannot divide by zero."
	case NotFinite:
		return "Not a finite number: " + Number(e.Value, Style{Precision: -1}) + "."
	case Syntax:
		return "Syntax error at byte " + strconv.FormatUint(uint64(e.Offset), 10) + ": " + e.Message + "."
	}
	return "Unknown error."
}
