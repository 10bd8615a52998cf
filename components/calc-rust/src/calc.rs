//! The calculator itself, free of any ABI: the types of `weld:demo/calc`
//! as Rust types, the parser, the evaluator and the accumulator.

/// `enum op`, in WIT order (the discriminant is the index).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    /// The operator for a discriminant, if it is one.
    pub fn from_index(index: u32) -> Option<Op> {
        match index {
            0 => Some(Op::Add),
            1 => Some(Op::Sub),
            2 => Some(Op::Mul),
            3 => Some(Op::Div),
            _ => None,
        }
    }

    pub fn index(self) -> u8 {
        self as u8
    }
}

/// `record expr`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expr {
    pub op: Op,
    pub lhs: f64,
    pub rhs: f64,
}

/// `variant calc-error`.
#[derive(Clone, Debug, PartialEq)]
pub enum CalcError {
    DivisionByZero,
    NotFinite(f64),
    /// Byte offset into the text, and what was wrong there.
    Syntax(u32, String),
}

// ---------------------------------------------------------------------------
// parse

/// A cursor over the text being parsed.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn error(&self, message: String) -> CalcError {
        CalcError::Syntax(self.pos as u32, message)
    }

    /// What the text holds at the cursor, for messages.
    fn found(&self) -> String {
        match self.peek() {
            None => String::from("the end of the text"),
            Some(c) => format!("`{}`", c),
        }
    }

    /// `-?digits(.digits?)?([eE][+-]?digits)?`, or `.digits`.
    fn number(&mut self, what: &str) -> Result<f64, CalcError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while *i < bytes.len() && bytes[*i].is_ascii_digit() {
                *i += 1;
            }
            *i - from
        };
        if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
            i += 1;
        }
        let mut mantissa = digits(&mut i);
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            mantissa += digits(&mut i);
        }
        if mantissa == 0 {
            return Err(self.error(format!("expected {}, found {}", what, self.found())));
        }
        if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
            let mut j = i + 1;
            if j < bytes.len() && (bytes[j] == b'-' || bytes[j] == b'+') {
                j += 1;
            }
            if digits(&mut j) == 0 {
                return Err(CalcError::Syntax(j as u32, String::from("expected digits in the exponent")));
            }
            i = j;
        }
        self.pos = i;
        // The scanner accepted only what Rust's float syntax accepts.
        Ok(self.text[start..i].parse::<f64>().unwrap_or(f64::NAN))
    }

    fn op(&mut self) -> Result<Op, CalcError> {
        let op = match self.peek() {
            Some('+') => Op::Add,
            Some('-') | Some('−') => Op::Sub,
            Some('*') | Some('×') => Op::Mul,
            Some('/') | Some('÷') => Op::Div,
            _ => return Err(self.error(format!("expected an operator (+, -, *, /), found {}", self.found()))),
        };
        self.pos += self.peek().map_or(0, char::len_utf8);
        Ok(op)
    }
}

/// Reads `NUMBER OP NUMBER`, with optional spaces around each part.
pub fn parse(text: &str) -> Result<Expr, CalcError> {
    let mut s = Scanner { text, pos: 0 };
    s.skip_space();
    let lhs = s.number("a number")?;
    s.skip_space();
    let op = s.op()?;
    s.skip_space();
    let rhs = s.number("a number after the operator")?;
    s.skip_space();
    if s.pos < text.len() {
        return Err(s.error(format!("unexpected {} after the expression", s.found())));
    }
    Ok(Expr { op, lhs, rhs })
}

// ---------------------------------------------------------------------------
// eval

fn finite(value: f64) -> Result<f64, CalcError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(CalcError::NotFinite(value))
    }
}

/// Evaluates one expression: operands and result must be finite, and a
/// divisor must not be zero.
pub fn eval(expr: Expr) -> Result<f64, CalcError> {
    let lhs = finite(expr.lhs)?;
    let rhs = finite(expr.rhs)?;
    let value = match expr.op {
        Op::Add => lhs + rhs,
        Op::Sub => lhs - rhs,
        Op::Mul => lhs * rhs,
        Op::Div if rhs == 0.0 => return Err(CalcError::DivisionByZero),
        Op::Div => lhs / rhs,
    };
    finite(value)
}

// ---------------------------------------------------------------------------
// resource accumulator

/// A running total and the operations that made it.
pub struct Accumulator {
    total: f64,
    history: Vec<Expr>,
}

impl Accumulator {
    pub fn new(initial: f64) -> Accumulator {
        Accumulator { total: initial, history: Vec::new() }
    }

    /// Applies `op operand` to the total; on error the total stays.
    pub fn apply(&mut self, op: Op, operand: f64) -> Result<f64, CalcError> {
        let expr = Expr { op, lhs: self.total, rhs: operand };
        let value = eval(expr)?;
        self.total = value;
        self.history.push(expr);
        Ok(value)
    }

    pub fn total(&self) -> f64 {
        self.total
    }

    pub fn history(&self) -> &[Expr] {
        &self.history
    }
}
