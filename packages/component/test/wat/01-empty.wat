;; The smallest component.
(component)
