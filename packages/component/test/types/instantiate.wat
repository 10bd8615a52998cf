;; A nested component importing a resource and a type and defining a
;; resource, instantiated twice: imported ids are replaced by the arguments',
;; defined resources are fresh per instance.
(component
  (import "host" (instance $host
    (export "file" (type $file (sub resource)))
    (type $of (own $file))
    (export "open" (func (param "name" string) (result $of)))
    (type $p (record (field "x" u32)))
    (export "point" (type (eq $p)))
  ))
  (alias export $host "file" (type $file))
  (alias export $host "open" (func $open))
  (alias export $host "point" (type $point))
  (component $inner
    (import "file" (type $file (sub resource)))
    (type $p (record (field "x" u32)))
    (import "point" (type $point (eq $p)))
    (type $of (own $file))
    (import "open" (func $open (param "name" string) (result $of)))
    (type $res (resource (rep i32)))
    (export $res2 "res" (type $res))
    (export $file2 "file2" (type $file))
    (export "point2" (type $point))
    (type $pair (tuple $point $of))
    (export "pair" (type $pair))
    (export "open2" (func $open))
    (instance $bag (export "f" (type $file2)) (export "o" (func $open)))
    (export "bag" (instance $bag))
  )
  (instance $i1 (instantiate $inner
    (with "file" (type $file)) (with "point" (type $point)) (with "open" (func $open))))
  (instance $i2 (instantiate $inner
    (with "file" (type $file)) (with "point" (type $point)) (with "open" (func $open))))
  (export "one" (instance $i1))
  (export "two" (instance $i2))
  (alias export $i1 "res" (type $res1))
  (alias export $i2 "pair" (type $pair2))
  (export "res1" (type $res1))
  (export "pair2" (type $pair2))
)
