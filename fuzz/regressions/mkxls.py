#!/usr/bin/env python3
# Writes a small .xls (OLE compound file, one Workbook stream) whose DIMENSION
# record claims 4,294,967,280 rows x 65,535 columns: the seed
# fuzz/corpus/workbook/bomb_dimension.xls of issue 13.
#   python3 fuzz/regressions/mkxls.py OUT.xls
import struct, sys
def rec(t, d): return struct.pack('<HH', t, len(d)) + d
# Workbook globals: BOF, a padding record (keeps the stream out of the mini
# stream), BOUNDSHEET naming sheet "S" at the offset of its BOF, EOF; then
# the sheet: BOF, the DIMENSION, EOF.
bof_globals = rec(0x0809, struct.pack('<HHHHII', 0x0600, 0x0005, 0, 0, 0, 0x0600))
pad = rec(0x00EF, bytes(4200))
def boundsheet(pos): return rec(0x0085, struct.pack('<IBB', pos, 0, 0) + bytes([1, 0]) + b'S')
head_len = len(bof_globals) + len(pad) + len(boundsheet(0)) + len(rec(0x000A, b''))
stream = bof_globals + pad + boundsheet(head_len) + rec(0x000A, b'')
stream += rec(0x0809, struct.pack('<HHHHII', 0x0600, 0x0010, 0, 0, 0, 0x0600))
stream += rec(0x0200, struct.pack('<IIHHH', 0, 0xFFFFFFF0, 0, 0xFFFF, 0))
stream += rec(0x000A, b'')
n = (len(stream) + 511) // 512
data = stream + bytes(n*512 - len(stream))
END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
hdr = bytes.fromhex('D0CF11E0A1B11AE1') + bytes(16) + struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
hdr += struct.pack('<IIIIIIIII', 0, 1, 1, 0, 4096, END, 0, END, 0)
hdr += struct.pack('<I', 0) + struct.pack('<I', FREE) * 108
assert len(hdr) == 512
fat = [FATSECT, END] + [3 + i for i in range(n - 1)] + [END]
fat += [FREE] * (128 - len(fat))
fat = struct.pack('<128I', *fat)
def entry(name, typ, child, start, size):
    nm = (name + '\0').encode('utf-16-le') if name else b''
    e = nm + bytes(64 - len(nm)) + struct.pack('<HBB', len(nm), typ, 1 if typ else 0)
    e += struct.pack('<III', NOSTREAM, NOSTREAM, child) + bytes(16) + bytes(4) + bytes(16)
    e += struct.pack('<IQ', start, size)
    assert len(e) == 128
    return e
d = entry('Root Entry', 5, 1, END, 0) + entry('Workbook', 2, NOSTREAM, 2, len(stream)) + bytes(128) * 2
open(sys.argv[1], 'wb').write(hdr + fat + d + data)
