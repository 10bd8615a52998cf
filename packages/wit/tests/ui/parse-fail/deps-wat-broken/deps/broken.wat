;; A WIT package as WAT, with a stray word in it.
(component
  (type (;0;)
    (component
      (export "dep:x/y" (instance))
    )
  )
  stray
)
