;; Resources in component and instance types: a component type whose export
;; is an instance of a type with a defined resource, imported and then
;; instantiated; ascribed export types; outer aliases into nested components.
(component
  (type $ct (component
    (import "in" (type $in (sub resource)))
    (type $it (instance
      (export "r" (type $r (sub resource)))
      (type $own (own $r))
      (export "new" (func (result $own)))
    ))
    (export "i" (instance (type $it)))
    (export "j" (instance (type $it)))
    (type $oin (own $in))
    (export "take" (func (param "x" $oin)))
  ))
  (import "c" (component $c (type $ct)))
  (import "r" (type $r (sub resource)))
  (instance $x (instantiate $c (with "in" (type $r))))
  (alias export $x "i" (instance $xi))
  (alias export $xi "r" (type $xir))
  (export "xi" (instance $xi))
  (export "xir" (type $xir))
  (alias export $x "take" (func $take))
  (type $ft (func (param "x" (own $r))))
  (export "take" (func $take) (func (type $ft)))
  (type $u (list u8))
  (export "u" (type $u) (type (eq $u)))
  (export "u2" (type $u))
  (component $nest
    (alias outer 1 $u (type $u1))
    (type $uu (tuple $u1 $u1))
    (export "uu" (type $uu))
  )
  (instance $n (instantiate $nest))
  (export "n" (instance $n))
)
