/*
 * The code buffer: see tcg/code-buffer.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/code-buffer.h"
#include "tcg/tcg-backend.h"

#include <sys/mman.h>

typedef struct CodeBuffer {
    uint8_t *rw;                /* read-write view */
    uint8_t *rx;                /* read-execute view of the same pages */
    size_t size;
    size_t used;
    size_t reserved;            /* kept across flushes (the prologue) */
    unsigned flushes;
} CodeBuffer;

static CodeBuffer buf;

bool code_buffer_init(size_t size, Error **errp)
{
    int fd;
    void *rw, *rx;

    assert(!buf.rw);
    size = (size + 0xffff) & ~(size_t)0xffff;
    fd = memfd_create("koine-code", MFD_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot create the code buffer");
        return false;
    }
    if (ftruncate(fd, size) < 0) {
        error_setg_errno(errp, errno, "cannot size the code buffer to %zu bytes", size);
        close(fd);
        return false;
    }
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    rx = rw == MAP_FAILED ? MAP_FAILED
                          : mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);      /* the mappings keep the memory */
    if (rw == MAP_FAILED || rx == MAP_FAILED) {
        error_setg_errno(errp, errno, "cannot map the code buffer");
        if (rw != MAP_FAILED) {
            munmap(rw, size);
        }
        return false;
    }
    buf = (CodeBuffer){ .rw = rw, .rx = rx, .size = size };
    return true;
}

void code_buffer_destroy(void)
{
    if (buf.rw) {
        munmap(buf.rw, buf.size);
        munmap(buf.rx, buf.size);
    }
    memset(&buf, 0, sizeof(buf));
}

uint8_t *code_buffer_begin(size_t *avail)
{
    assert(buf.rw);
    *avail = buf.size - buf.used;
    return buf.rw + buf.used;
}

const void *code_buffer_commit(size_t size)
{
    const void *rx = buf.rx + buf.used;

    assert(size <= buf.size - buf.used);
    /* Keep entry points aligned: branch targets on 16 bytes decode faster. */
    buf.used = MIN(buf.size, (buf.used + size + 15) & ~(size_t)15);
    return rx;
}

void code_buffer_set_reserved(void)
{
    buf.reserved = buf.used;
}

void code_buffer_flush(void)
{
    buf.used = buf.reserved;
    buf.flushes++;
}

void *code_buffer_rw(const void *rx)
{
    assert(code_buffer_contains_rx(rx));
    return buf.rw + ((const uint8_t *)rx - buf.rx);
}

const void *code_buffer_rx(const void *rw)
{
    assert((const uint8_t *)rw >= buf.rw && (const uint8_t *)rw < buf.rw + buf.size);
    return buf.rx + ((const uint8_t *)rw - buf.rw);
}

bool code_buffer_contains_rx(const void *rx)
{
    return (const uint8_t *)rx >= buf.rx && (const uint8_t *)rx < buf.rx + buf.size;
}

size_t code_buffer_size(void)
{
    return buf.size;
}

size_t code_buffer_used(void)
{
    return buf.used;
}

unsigned code_buffer_flushes(void)
{
    return buf.flushes;
}

/* Generated native code lives in the code buffer; interpreter helpers run from C. */
bool tcg_code_is_native(uintptr_t host_pc)
{
    return code_buffer_contains_rx((const void *)host_pc);
}
