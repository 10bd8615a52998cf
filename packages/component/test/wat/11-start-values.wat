;; Value imports and exports and a start function with arguments and a result.
(component
  (import "a" (func $f (param "z" string) (param "a" string) (result string)))
  (import "b" (value $v string))
  (import "c" (value $v2 string))
  (start $f (value $v) (value $v2) (result (value $out)))
  (export "out" (value $out))
  (import "vals" (instance $vi (export "v" (value string))))
  (alias export $vi "v" (value $vv))
  (export "vv" (value $vv))
)
