/*
 * TEST ONLY, never shipped: a stand-in for Windows' bcryptprimitives.dll under Wine 8.
 *
 * Rust's standard library (1.78 and later) and getrandom take their random bytes from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has; Wine 8.0 has no
 * such DLL, so nothing built with Rust would start there. This file gives Wine the one
 * function, passing the request on to RtlGenRandom (advapi32's SystemFunction036), the
 * system's own generator. build-and-test puts it into the Wine prefix it makes, and
 * nowhere else.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
