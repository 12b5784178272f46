// Package safetensors reads and writes the safetensors format: an 8-byte
// little-endian header length N, N bytes of JSON header mapping each tensor
// name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative
// to the data section) plus an optional "__metadata__" string map, then the
// raw little-endian data.
//
// Validation is strict (every rule is checked before data is touched, and
// nothing larger than the input is allocated): N ≤ MaxHeaderSize and ≤ the
// bytes present; the header is one JSON object, starts with '{', has no
// duplicate keys and no unknown fields; dtypes are F32, F16 or BF16; every
// shape product times the dtype size equals end − begin with overflow
// checks; the tensors' byte ranges tile the data section exactly (no overlap,
// no hole, nothing after the last tensor). Encode writes tensors in the order
// given, contiguously, with a deterministic header.
package safetensors
