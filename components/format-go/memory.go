//go:build wasip1

package main

// Linear memory shared with the host and with the preview1 adapter.

import "unsafe"

func main() {}

// ---------------------------------------------------------------------------
// Memory for the preview1 adapter.
//
// The adapter allocates its shadow stack and its state (64 KiB each) lazily,
// on the first preview1 call, through `cabi_realloc_adapter` when the module
// exports one. Go's first preview1 call is clock_time_get inside _initialize
// (runtime.schedinit), before the Go heap exists, so that allocator must not
// need the runtime; nor may the adapter take pages with memory.grow, as Go's
// sbrk owns everything above its data. So the adapter gets a fixed arena in
// Go's data segment, bump-allocated (nosplit, no allocation).

// adapterArena is 8-aligned; 192 KiB leaves room over the adapter's 128 KiB.
var adapterArena [192 << 10 / 8]uint64
var adapterUsed uint32

//go:wasmexport cabi_realloc_adapter
//go:nosplit
func cabiReallocAdapter(old, oldSize, align, newSize uint32) uint32 {
	if newSize <= oldSize {
		return old
	}
	base := uint32(uintptr(unsafe.Pointer(&adapterArena)))
	start := (base + adapterUsed + align - 1) &^ (align - 1)
	end := start + newSize
	if end > base+uint32(len(adapterArena)*8) {
		trap() // arena too small: a bug in this file, not a recoverable error
	}
	adapterUsed = end - base
	for i := uint32(0); i < oldSize; i++ {
		*(*byte)(unsafe.Pointer(uintptr(start + i))) = *(*byte)(unsafe.Pointer(uintptr(old + i)))
	}
	return start
}

// trap executes wasm `unreachable` (trap_wasm.s); a Go panic needs the runtime.
func trap()

// ---------------------------------------------------------------------------
// Memory for the canonical ABI, on the Go heap (only the host calls
// cabi_realloc, and only after _initialize).

// pinned keeps every buffer handed to the host reachable until it is freed
// (Go's GC does not move objects, so addresses stay valid).
var pinned = map[uint32][]byte{}

func alloc(size uint32) uint32 {
	if size == 0 {
		return 8 // any aligned, non-null address will do for empty data
	}
	buf := make([]byte, size+8)
	addr := uint32(uintptr(unsafe.Pointer(&buf[0])))
	aligned := (addr + 7) &^ 7
	pinned[aligned] = buf
	return aligned
}

func free(addr uint32) { delete(pinned, addr) }

//go:wasmexport cabi_realloc
func cabiRealloc(old, oldSize, align, newSize uint32) uint32 {
	addr := alloc(newSize)
	if oldSize > 0 {
		copy(bytesAt(addr, min(oldSize, newSize)), bytesAt(old, oldSize))
		free(old)
	}
	return addr
}

func bytesAt(addr, n uint32) []byte {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(uintptr(addr))), n)
}

func putU32(addr, v uint32) { *(*uint32)(unsafe.Pointer(uintptr(addr))) = v }

func u32At(addr uint32) uint32 { return *(*uint32)(unsafe.Pointer(uintptr(addr))) }
