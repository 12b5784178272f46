#!/usr/bin/env python3
"""Independent hash_to_field for zkllm's generator messages (no Go code).

RFC 9380 §5.2/§5.3.1: expand_message_xmd with SHA-256, L = 64, count = 2
(BLS12381G1_XMD:SHA-256_SSWU_RO_), reduced mod the BLS12-381 base field p.
Together with the RFC's published end-to-end vectors (the map_to_curve
step), this pins the input of HashToG1 for our DST and messages.
Run: python3 testdata/generators/hash_to_field.py > testdata/generators/hash_to_field.txt
"""
import hashlib

P = 0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
DST = b"ZKLLM-GO-V1-PEDERSEN"


def expand_message_xmd(msg: bytes, dst: bytes, length: int) -> bytes:
    ell = (length + 31) // 32
    assert ell <= 255 and len(dst) <= 255
    dst_prime = dst + bytes([len(dst)])
    msg_prime = bytes(64) + msg + length.to_bytes(2, "big") + b"\x00" + dst_prime
    b0 = hashlib.sha256(msg_prime).digest()
    b = [hashlib.sha256(b0 + b"\x01" + dst_prime).digest()]
    for i in range(2, ell + 1):
        prev = bytes(x ^ y for x, y in zip(b0, b[-1]))
        b.append(hashlib.sha256(prev + bytes([i]) + dst_prime).digest())
    return b"".join(b)[:length]


def hash_to_field(msg: bytes, count: int = 2):
    data = expand_message_xmd(msg, DST, count * 64)
    return [int.from_bytes(data[64 * i : 64 * (i + 1)], "big") % P for i in range(count)]


msgs = [b"G", b"H"] + [b"g" + i.to_bytes(4, "big") for i in (0, 1, 2, 255, 65536, 524287)]
print("# msg(hex)\tu0(hex)\tu1(hex) — dst ZKLLM-GO-V1-PEDERSEN")
for m in msgs:
    u0, u1 = hash_to_field(m)
    print(f"{m.hex()}\t{u0:096x}\t{u1:096x}")
