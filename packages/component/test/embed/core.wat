;; The core module of test/embed/world.wit's `small` world, by the canonical ABI names.
(module
  (import "weld:test/host@0.1.0" "log" (func $log (param i32 i32)))
  (import "weld:test/host@0.1.0" "[constructor]counter" (func (param i32) (result i32)))
  (import "weld:test/host@0.1.0" "[method]counter.next" (func (param i32) (result i32)))
  (import "weld:test/host@0.1.0" "[resource-drop]counter" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) i32.const 16)
  (func (export "cabi_post_run") (param i32))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 64)
)
