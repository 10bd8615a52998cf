;; Component and instance types with every kind of declaration.
(component
  (type $inst (instance
    (export "r" (type $r-e (sub resource)))
    (type $own (own $r-e))
    (type $point (record (field "x" s32) (field "y" s32)))
    (export "point" (type $p (eq $point)))
    (core type $ct (func (param i32)))
    (core type $cm (module
      (type $f (func (param i32) (result i32)))
      (import "a" "b" (func (type $f)))
      (export "c" (func (type $f)))
    ))
    (export "m" (core module (type $cm)))
    (export "new" (func (param "p" $p) (result $own)))
    (export "[method]r.get" (func (param "self" (borrow $r-e)) (result u32)))
  ))
  (type $comp (component
    (import "host" (instance $host
      (export "log" (func (param "msg" string)))
      (export "t" (type (sub resource)))
    ))
    (alias export $host "t" (type $t))
    (type $u (own $t))
    (import "take" (func (param "x" $u)))
    (core type (module))
    (type $nested (component
      (type $inner (instance (export "f" (func))))
      (import "i" (instance (type $inner)))
    ))
    (import "sub" (component (type $nested)))
    (import "val" (value string))
    (export "run" (func (result u32)))
    (type $inst-decl-alias (instance))
    (export "inst" (instance (type $inst-decl-alias)))
  ))
  (import "i" (instance (type $inst)))
  (import "c" (component (type $comp)))
)
