// trap for format-go's cabi_realloc_adapter (memory.go): wasm `unreachable`,
// usable before the Go runtime is initialized.

#include "textflag.h"

TEXT ·trap(SB), NOSPLIT, $0-0
	UNDEF
